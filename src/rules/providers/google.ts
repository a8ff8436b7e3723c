import type { Rule } from '../rule.js';

export const googleRules: Rule[] = [];
