import type { Rule } from '../rule.js';

export const slackRules: Rule[] = [];
