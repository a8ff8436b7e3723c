import type { Rule } from '../rule.js';

export const npmRules: Rule[] = [];
