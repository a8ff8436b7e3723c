import { ALNUM, BASE64URL, randomString } from '../fake.js';
import { bare, type Rule } from '../rule.js';

/**
 * OpenAI keys: `sk-proj-` (project), `sk-svcacct-` (service account), `sk-admin-` (admin) and the
 * legacy `sk-` user keys. Every form embeds `T3BlbkFJ` (base64 of "OpenAI") between two random
 * halves: that anchor is the keyword, and it keeps Anthropic's `sk-ant-` keys (and any other
 * `sk-` key) out.
 */

const LEFT = '(?<![A-Za-z0-9_-])';
const RIGHT = '(?![A-Za-z0-9_-])';
// Halves around the anchor: 20 (legacy, early project keys), 58 or 74 (project, service account,
// admin), plus the `proj-`/`svcacct-` label on the left; 20-110 leaves room for new variants.
const HALF_BEFORE = '[A-Za-z0-9_-]{20,110}';
const HALF_AFTER = '[A-Za-z0-9_-]{20,100}';
const ANCHOR = 'T3BlbkFJ';

const LABEL = /^sk-(?:proj|svcacct|service|admin|None)-/;
const redactPrefix = (secret: string) => LABEL.exec(secret)?.[0] ?? 'sk-';

const half = (length: number) => randomString(BASE64URL, length);

/** A project key: `sk-proj-` + 74 + anchor + 74 (the current shape). */
export function openaiProjectKey(length = 74): string {
  return `sk-proj-${half(length)}${ANCHOR}${half(length)}`;
}

/** Built at run time so that no file holds a full key-shaped literal. */
const placeholderLegacy = `sk-${'x'.repeat(20)}${ANCHOR}${'x'.repeat(20)}`;
const placeholderProject = `sk-proj-${'x'.repeat(74)}${ANCHOR}${'x'.repeat(74)}`;

const REVOKE = 'revoke it at platform.openai.com/api-keys: it is in Git history now';

export const openaiRules: Rule[] = [
  {
    id: 'openai-api-key',
    provider: 'OpenAI',
    title: 'OpenAI API key',
    severity: 'critical',
    // `sk-` then anything but Anthropic's `ant-` and the admin keys (their own rule).
    pattern: new RegExp(`${LEFT}sk-(?!ant-|admin-)${HALF_BEFORE}${ANCHOR}${HALF_AFTER}${RIGHT}`),
    keywords: [ANCHOR],
    redactPrefix,
    fix: `move it to .env.local and read process.env.OPENAI_API_KEY in a server route (never in client code); ${REVOKE}`,
    samples: {
      valid: () => [
        bare(openaiProjectKey()),
        bare(openaiProjectKey(58)),
        bare(`sk-svcacct-${half(74)}${ANCHOR}${half(74)}`),
        bare(`sk-${randomString(ALNUM, 20)}${ANCHOR}${randomString(ALNUM, 20)}`),
      ],
      invalid: [
        'sk-proj-a8kF2...',
        'sk-proj-...',
        'sk-...',
        'OPENAI_API_KEY=sk-your-openai-api-key',
        'sk-proj-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
        placeholderLegacy,
        placeholderProject,
        `sk-proj-${'ab12'.repeat(5)}${ANCHOR}`,
      ],
    },
  },
  {
    id: 'openai-admin-key',
    provider: 'OpenAI',
    title: 'OpenAI admin key',
    severity: 'critical',
    // `sk-admin-` + 58 + anchor + 58; same tolerant halves as the API keys.
    pattern: new RegExp(`${LEFT}sk-admin-${HALF_BEFORE}${ANCHOR}${HALF_AFTER}${RIGHT}`),
    keywords: [ANCHOR],
    redactPrefix,
    fix: 'admin keys manage your whole OpenAI organization (members, projects, keys): keep them out of app code entirely, and delete this one now under platform.openai.com/settings/organization/admin-keys',
    samples: {
      valid: () => [bare(`sk-admin-${half(58)}${ANCHOR}${half(58)}`)],
      invalid: ['sk-admin-...', `sk-admin-${'x'.repeat(58)}${ANCHOR}${'x'.repeat(58)}`, 'sk-admin-your_admin_key_here'],
    },
  },
];
