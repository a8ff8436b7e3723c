import { ALNUM, DIGITS, HEX, UPPER, randomString } from '../fake.js';
import { type Rule } from '../rule.js';

/** Slack: bot, user, refresh/config and app-level tokens, and incoming-webhook URLs. */

const TOKEN_SHAPES = [
  // Bot: team id, (bot id), 24-character secret.
  'xoxb-[0-9]{8,14}-(?:[0-9]{8,14}-)?[A-Za-z0-9]{20,40}',
  // User: team, user and token ids, 32-hex secret.
  'xoxp-[0-9]{8,14}-[0-9]{8,14}-[0-9]{8,14}-[A-Za-z0-9]{28,40}',
  // Refresh (146 characters) and rotating config tokens (163-166) after `xoxe-1-` / `xoxe.xoxp-1-`.
  'xoxe(?:\\.xox[bp])?-[0-9]-[A-Za-z0-9]{140,180}',
  // App-level: `xapp-1-` + app id + a numeric id + 64-hex secret.
  'xapp-[0-9]-[A-Z0-9]{8,14}-[0-9]{8,16}-[A-Za-z0-9]{40,80}',
];

const WEBHOOK_PREFIX = /^https?:\/\/hooks\.slack\.com\/services\//;

export function slackWebhookUrl(): string {
  return `https://hooks.slack.com/services/T${randomString(UPPER + DIGITS, 10)}/B${randomString(UPPER + DIGITS, 10)}/${randomString(ALNUM, 24)}`;
}

const digits = (n: number) => randomString('123456789', 1) + randomString(DIGITS, n - 1);

export const slackRules: Rule[] = [
  {
    id: 'slack-token',
    provider: 'Slack',
    title: 'Slack token',
    severity: 'high',
    pattern: new RegExp(`(?<![A-Za-z0-9_-])(?:${TOKEN_SHAPES.join('|')})(?![A-Za-z0-9-])`),
    keywords: ['xoxb-', 'xoxp-', 'xoxe-', 'xoxe.', 'xapp-'],
    fix: 'revoke it (api.slack.com/apps → your app → OAuth & Permissions, or Basic Information for app-level tokens), reinstall the app for a new one, and read it from process.env.SLACK_BOT_TOKEN on the server',
    samples: {
      valid: () =>
        [
          `xoxb-${digits(11)}-${digits(13)}-${randomString(ALNUM, 24)}`,
          `xoxb-${digits(12)}-${randomString(ALNUM, 24)}`,
          `xoxp-${digits(10)}-${digits(12)}-${digits(13)}-${randomString(HEX, 32)}`,
          `xoxe-1-${randomString(ALNUM, 146)}`,
          `xoxe.xoxp-1-${randomString(ALNUM, 165)}`,
          `xapp-1-A${randomString(UPPER + DIGITS, 10)}-${digits(13)}-${randomString(HEX, 64)}`,
        ].map((secret) => ({ text: secret, secret })),
      invalid: [
        'xoxb-...',
        'xoxb-your-bot-token',
        'xoxb-1234-5678-abcd',
        'xoxb-000000000000-0000000000000-XXXXXXXXXXXXXXXXXXXXXXXX',
        'xoxp-xxxxxxxxxxxx-xxxxxxxxxxxx-xxxxxxxxxxxx-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
        'SLACK_BOT_TOKEN=${SLACK_BOT_TOKEN}',
      ],
    },
  },
  {
    id: 'slack-webhook-url',
    provider: 'Slack',
    title: 'Slack incoming webhook URL',
    severity: 'medium',
    // Team id `T` + 8-10, channel/hook id `B` + 8-10 (tolerant 6-12), then a 24-character secret.
    pattern: /(?<![A-Za-z0-9])https?:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]{6,12}\/B[A-Z0-9]{6,12}\/[A-Za-z0-9]{20,32}(?![A-Za-z0-9])/,
    keywords: ['hooks.slack.com/services/'],
    redactPrefix: (secret) => WEBHOOK_PREFIX.exec(secret)?.[0] ?? '',
    fix: 'anyone with this URL can post to your channel: regenerate it in your Slack app (Incoming Webhooks) and read it from process.env.SLACK_WEBHOOK_URL on the server',
    samples: {
      valid: () => {
        const [url, inCode] = [slackWebhookUrl(), slackWebhookUrl()];
        return [
          { text: url, secret: url },
          { text: `await fetch('${inCode}', { method: 'POST', body })`, secret: inCode },
        ];
      },
      invalid: [
        'https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX',
        'https://hooks.slack.com/services/...',
        'https://hooks.slack.com/services/YOUR/WEBHOOK/URL',
        'https://hooks.slack.com/services/TXXXXXXXX/BXXXXXXXX/xxxxxxxxxxxxxxxxxxxxxxxx',
      ],
    },
  },
];
