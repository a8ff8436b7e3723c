import type { Rule } from '../rule.js';

export const clerkRules: Rule[] = [];
