import { ALNUM, LOWER, UPPER, randomString } from '../fake.js';
import { bare, type MatchContext, type Rule } from '../rule.js';
import { looksLikeClerk, stripeRules } from './stripe.js';

/**
 * Clerk secret keys use Stripe's prefixes, `sk_live_` and `sk_test_`, with ~43-character base62
 * bodies. Each such candidate is reported by exactly one of Stripe and Clerk: these rules run the
 * very same patterns as the Stripe secret-key rules and keep what `looksLikeClerk` accepts, which
 * is what the Stripe rules drop. Publishable keys (`pk_live_`/`pk_test_` + base64 of the Frontend
 * API host followed by `$`) are public by design.
 */

/** The pattern of a Stripe secret-key rule, so that both providers see the same candidates. */
function stripePattern(id: string): RegExp {
  const rule = stripeRules.find((r) => r.id === id);
  if (!rule) throw new Error(`clerk rules: Stripe rule ${id} is missing`);
  return rule.pattern;
}

/** A Clerk secret-key body: 43 base62 characters, never starting `51` (Stripe's modern bodies do). */
export function clerkBody(): string {
  return randomString(UPPER + LOWER, 1) + randomString(ALNUM, 42);
}

/** `pk_test_` + base64 of `<host>$`: what Clerk's SDKs decode to find the Frontend API. */
export function clerkPublishableKey(mode: 'live' | 'test' = 'test'): string {
  const host = mode === 'live' ? `clerk.${randomString(LOWER, 8)}.com` : `${randomString(LOWER, 6)}-${randomString(LOWER, 5)}-12.clerk.accounts.dev`;
  return `pk_${mode}_${Buffer.from(`${host}$`).toString('base64')}`;
}

function isClerkPublishable({ secret }: MatchContext): boolean {
  const decoded = Buffer.from(secret.slice('pk_live_'.length), 'base64').toString('latin1');
  return /^[a-z0-9.-]+\.[a-z]{2,}\$$/.test(decoded);
}

const DASHBOARD = 'the Clerk Dashboard (Configure → API keys)';

export const clerkRules: Rule[] = [
  {
    id: 'clerk-live-secret-key',
    provider: 'Clerk',
    title: 'Clerk live secret key',
    severity: 'critical',
    // Same candidates as stripe-live-secret-key (24-247 base62 after `sk_live_`); looksLikeClerk decides.
    pattern: stripePattern('stripe-live-secret-key'),
    keywords: ['sk_live_'],
    validate: looksLikeClerk,
    fix: `move it to .env.local as CLERK_SECRET_KEY (Clerk's server SDK reads it there; never a NEXT_PUBLIC_ variable) and roll it in ${DASHBOARD}: it is in Git history now`,
    samples: {
      valid: () => {
        const named = `sk_live_${randomString(ALNUM, 70)}`;
        const imported = `sk_live_${randomString(ALNUM, 70)}`;
        return [
          bare(`sk_live_${clerkBody()}`),
          // A body of Stripe length is still Clerk's with a CLERK_ name on the line or an @clerk/ import.
          { text: `CLERK_SECRET_KEY=${named}`, secret: named },
          { text: `import { createClerkClient } from '@clerk/backend';\nconst key = '${imported}';`, secret: imported },
        ];
      },
      invalid: [
        'sk_live_...',
        'CLERK_SECRET_KEY=sk_live_***',
        'CLERK_SECRET_KEY=sk_live_your_clerk_secret_key',
        'CLERK_SECRET_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
        'disk_live_clerk_usage_counter_value_total',
      ],
    },
  },
  {
    id: 'clerk-test-secret-key',
    provider: 'Clerk',
    title: 'Clerk test secret key',
    severity: 'medium',
    // Same candidates as stripe-test-secret-key; looksLikeClerk decides.
    pattern: stripePattern('stripe-test-secret-key'),
    keywords: ['sk_test_'],
    validate: looksLikeClerk,
    fix: `read it from process.env.CLERK_SECRET_KEY (.env.local) instead of the source: a test key still reads and edits your development users; roll it in ${DASHBOARD}`,
    samples: {
      valid: () => {
        const named = `sk_test_${randomString(ALNUM, 70)}`;
        return [bare(`sk_test_${clerkBody()}`), { text: `CLERK_SECRET_KEY=${named}`, secret: named }];
      },
      invalid: [
        'sk_test_...',
        'CLERK_SECRET_KEY=sk_test_***',
        'CLERK_SECRET_KEY=sk_test_your_clerk_secret_key_here',
        'task_test_clerk_id_for_the_queue_worker',
      ],
    },
  },
  {
    id: 'clerk-publishable-key',
    provider: 'Clerk',
    title: 'Clerk publishable key',
    severity: 'low',
    public: true,
    // Base64 (with padding) of a host name and `$`: 16-200 characters covers any Frontend API host.
    pattern: /(?<![A-Za-z0-9_])pk_(?:live|test)_[A-Za-z0-9+/]{16,200}={0,2}(?![A-Za-z0-9+/=])/,
    keywords: ['pk_live_', 'pk_test_'],
    validate: isClerkPublishable,
    fix: 'publishable keys are meant for the browser (NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY): nothing to do',
    samples: {
      valid: () => [bare(clerkPublishableKey('test')), bare(clerkPublishableKey('live'))],
      invalid: ['pk_test_...', 'pk_live_12345'],
    },
  },
];
