import type { Rule } from '../rule.js';

export const databaseUrlRules: Rule[] = [];
