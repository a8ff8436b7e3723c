import { BASE64URL, randomString } from '../fake.js';
import { bare, type Rule } from '../rule.js';

/** SendGrid API keys: `SG.` + 22-character key id + `.` + 43-character secret (base64url). */

export function sendgridKey(): string {
  return `SG.${randomString(BASE64URL, 22)}.${randomString(BASE64URL, 43)}`;
}

export const sendgridRules: Rule[] = [
  {
    id: 'sendgrid-api-key',
    provider: 'SendGrid',
    title: 'SendGrid API key',
    severity: 'high',
    // 22 = base64url of the 16-byte key id; 43 = base64url of the 32-byte secret.
    pattern: /(?<![A-Za-z0-9_.-])SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/,
    keywords: ['SG.'],
    fix: 'delete the key in SendGrid (Settings → API Keys), create one with only the scopes you need (Mail Send), and read it from process.env.SENDGRID_API_KEY on the server',
    samples: {
      valid: () => {
        const key = sendgridKey();
        return [bare(sendgridKey()), { text: `sgMail.setApiKey('${key}');`, secret: key }];
      },
      invalid: [
        'SG.xxxxxxxxxxxxxxxxxxxxxx.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
        'SG....',
        'SG.your_sendgrid_api_key',
        'MSG.value.of.a.chained.property.access',
        'SENDGRID_API_KEY=${SENDGRID_API_KEY}',
      ],
    },
  },
];
