import type { Rule } from '../rule.js';

export const supabaseRules: Rule[] = [];
