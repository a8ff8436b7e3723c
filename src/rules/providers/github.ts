import type { Rule } from '../rule.js';

export const githubRules: Rule[] = [];
