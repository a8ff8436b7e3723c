import type { Rule } from '../rule.js';

export const resendRules: Rule[] = [];
