import type { Rule } from '../rule.js';

export const twilioRules: Rule[] = [];
