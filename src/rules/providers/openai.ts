import type { Rule } from '../rule.js';

export const openaiRules: Rule[] = [];
