import type { Rule } from './rule.js';
import { stripeRules } from './providers/stripe.js';

/** Every built-in rule, one provider file each. Order matters only for ties on the same characters. */
export const builtinRules: readonly Rule[] = [...stripeRules];
