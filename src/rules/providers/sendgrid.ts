import type { Rule } from '../rule.js';

export const sendgridRules: Rule[] = [];
