import type { Rule } from '../rule.js';

export const anthropicRules: Rule[] = [];
