import type { Rule } from '../rule.js';

export const vercelRules: Rule[] = [];
