import { ALNUM, DIGITS, randomString } from '../fake.js';
import { bare, type MatchContext, type Rule } from '../rule.js';

/**
 * Stripe keys: `sk_` secret, `rk_` restricted, `pk_` publishable, `whsec_` webhook signing secret.
 * Bodies are base62 with no checksum: modern ones are 99 characters starting `51`, legacy ones 24.
 * Clerk uses the same `sk_live_`/`sk_test_` prefixes with ~43-character bodies (see clerk.ts);
 * the Stripe rules stand back where the context or the body length says Clerk.
 */

// Body lengths: 24 (legacy) to 247 (Stripe's documented maximum key length is 255 with the prefix).
const BODY = '[A-Za-z0-9]{24,247}';
const LEFT = '(?<![A-Za-z0-9_])';
const RIGHT = '(?![A-Za-z0-9])';

/** A modern Stripe key body: `51` + 97 base62 characters. */
export function stripeBody(): string {
  return '51' + randomString(DIGITS, 1) + randomString(ALNUM, 96);
}

/** Clerk context: a CLERK_ name near the key, an @clerk/ import in the file, or a Clerk-length body. */
export function looksLikeClerk({ secret, line, fileIncludes }: MatchContext): boolean {
  if (/clerk/i.test(line) || fileIncludes('@clerk/')) return true;
  const body = secret.slice(secret.indexOf('_', 3) + 1);
  return body.length >= 30 && body.length <= 64 && !body.startsWith('51');
}

const notClerk = (ctx: MatchContext) => !looksLikeClerk(ctx);

const ROTATE = 'rotate it in the Stripe dashboard (Developers → API keys): it is in Git history now';

export const stripeRules: Rule[] = [
  {
    id: 'stripe-live-secret-key',
    provider: 'Stripe',
    title: 'Stripe live secret key',
    severity: 'critical',
    pattern: new RegExp(`${LEFT}sk_live_${BODY}${RIGHT}`),
    keywords: ['sk_live_'],
    validate: notClerk,
    fix: `move it to .env.local and read process.env.STRIPE_SECRET_KEY on the server; ${ROTATE}`,
    samples: {
      valid: () => [bare(`sk_live_${stripeBody()}`), bare(`sk_live_${randomString(ALNUM, 24)}`)],
      invalid: ['sk_live_...', 'sk_live_xxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'disk_live_usage_counter_value_total_bytes', 'sk_live_1234'],
    },
  },
  {
    id: 'stripe-test-secret-key',
    provider: 'Stripe',
    title: 'Stripe test secret key',
    severity: 'medium',
    pattern: new RegExp(`${LEFT}sk_test_${BODY}${RIGHT}`),
    keywords: ['sk_test_'],
    validate: notClerk,
    fix: 'read it from process.env.STRIPE_SECRET_KEY (.env.local) instead of the source; test keys still let anyone act on your test account: roll it in the Stripe dashboard',
    samples: {
      valid: () => [bare(`sk_test_${stripeBody()}`)],
      invalid: ['sk_test_...', 'sk_test_***', 'task_test_id_for_the_queue_worker_runner', 'sk_test_your_stripe_secret_key_here'],
    },
  },
  {
    id: 'stripe-live-restricted-key',
    provider: 'Stripe',
    title: 'Stripe live restricted key',
    severity: 'critical',
    pattern: new RegExp(`${LEFT}rk_live_${BODY}${RIGHT}`),
    keywords: ['rk_live_'],
    fix: `move it to .env.local and read it from process.env on the server; ${ROTATE}`,
    samples: {
      valid: () => [bare(`rk_live_${stripeBody()}`)],
      invalid: ['rk_live_...', 'work_live_sessions_and_other_things_here'],
    },
  },
  {
    id: 'stripe-test-restricted-key',
    provider: 'Stripe',
    title: 'Stripe test restricted key',
    severity: 'medium',
    pattern: new RegExp(`${LEFT}rk_test_${BODY}${RIGHT}`),
    keywords: ['rk_test_'],
    fix: 'read it from process.env (.env.local) instead of the source, and roll it in the Stripe dashboard',
    samples: {
      valid: () => [bare(`rk_test_${stripeBody()}`)],
      invalid: ['rk_test_...', 'bookmark_test_runner'],
    },
  },
  {
    // whsec_ bodies: 32 base64-ish characters from the dashboard, 64 hex from the Stripe CLI.
    id: 'stripe-webhook-secret',
    provider: 'Stripe',
    title: 'Stripe webhook signing secret',
    severity: 'high',
    pattern: new RegExp(`${LEFT}whsec_[A-Za-z0-9+/=]{24,128}${RIGHT}`),
    keywords: ['whsec_'],
    fix: 'read it from process.env.STRIPE_WEBHOOK_SECRET on the server; roll the endpoint secret in the Stripe dashboard (Developers → Webhooks)',
    samples: {
      valid: () => [bare(`whsec_${randomString(ALNUM, 32)}`), bare(`whsec_${randomString('0123456789abcdef', 64)}`)],
      invalid: ['whsec_...', 'whsec_***', 'whsec_1234', 'whsec_xxxxxxxxx', 'whsec_test_...'],
    },
  },
  {
    id: 'stripe-publishable-key',
    provider: 'Stripe',
    title: 'Stripe publishable key',
    severity: 'low',
    public: true,
    pattern: new RegExp(`${LEFT}pk_(?:live|test)_${BODY}${RIGHT}`),
    keywords: ['pk_live_', 'pk_test_'],
    fix: 'publishable keys are meant for the browser: nothing to do',
    samples: {
      valid: () => [bare(`pk_live_${stripeBody()}`)],
      invalid: ['pk_live_...', 'pk_12345'],
    },
  },
];
