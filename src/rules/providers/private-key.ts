import type { Rule } from '../rule.js';

export const privateKeyRules: Rule[] = [];
