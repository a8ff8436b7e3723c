import type { Rule } from '../rule.js';

export const awsRules: Rule[] = [];
