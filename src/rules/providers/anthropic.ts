import { BASE64URL, randomString } from '../fake.js';
import { bare, type Rule } from '../rule.js';

/**
 * Anthropic keys: `sk-ant-api03-` (API) and `sk-ant-admin01-` (Admin API), then 93 base64url
 * characters and a final `AA`. They share `sk-` with OpenAI; the OpenAI rules exclude `sk-ant-`,
 * and these require it, so a key is never reported by both.
 */

const LEFT = '(?<![A-Za-z0-9_-])';
const RIGHT = '(?![A-Za-z0-9_-])';
// 93 body characters seen before the closing `AA`; 86-100 tolerates small changes.
const BODY = '[A-Za-z0-9_-]{86,100}AA';

const LABEL = /^sk-ant-[a-z]+\d{2}-/;
const redactPrefix = (secret: string) => LABEL.exec(secret)?.[0] ?? 'sk-ant-';

export function anthropicApiKey(): string {
  return `sk-ant-api03-${randomString(BASE64URL, 93)}AA`;
}

export const anthropicRules: Rule[] = [
  {
    id: 'anthropic-api-key',
    provider: 'Anthropic',
    title: 'Anthropic API key',
    severity: 'critical',
    // The version digits (`api03`) have changed before: accept any two.
    pattern: new RegExp(`${LEFT}sk-ant-api\\d{2}-${BODY}${RIGHT}`),
    keywords: ['sk-ant-api'],
    redactPrefix,
    fix: 'move it to .env.local and read process.env.ANTHROPIC_API_KEY in a server route (never in client code); delete it at console.anthropic.com/settings/keys: it is in Git history now',
    samples: {
      valid: () => [bare(anthropicApiKey())],
      invalid: [
        'sk-ant-api03-...',
        'sk-ant-api03-your-key-here',
        'ANTHROPIC_API_KEY=sk-ant-xxxxxxxx',
        `sk-ant-api03-${'x'.repeat(93)}AA`,
        'sk-ant-api03-abc123AA',
      ],
    },
  },
  {
    id: 'anthropic-admin-key',
    provider: 'Anthropic',
    title: 'Anthropic admin key',
    severity: 'critical',
    // Same body as the API keys after `sk-ant-admin01-`.
    pattern: new RegExp(`${LEFT}sk-ant-admin\\d{2}-${BODY}${RIGHT}`),
    keywords: ['sk-ant-admin'],
    redactPrefix,
    fix: 'admin keys manage your whole Anthropic organization: keep them out of app code entirely, and delete this one now in the Anthropic Console (Settings → Admin keys)',
    samples: {
      valid: () => [bare(`sk-ant-admin01-${randomString(BASE64URL, 93)}AA`)],
      invalid: ['sk-ant-admin01-...', `sk-ant-admin01-${'x'.repeat(93)}AA`],
    },
  },
];
