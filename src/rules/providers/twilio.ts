import { ALNUM, DIGITS, HEX, randomString } from '../fake.js';
import { type MatchContext, type Rule } from '../rule.js';

/**
 * Twilio credentials have no distinctive prefix of their own: the Account SID (`AC` + 32 hex) is an
 * identifier, the auth token is bare hex, an API key is a SID (`SK` + 32 hex) plus a 32-character
 * secret. So every rule here needs Twilio context: a Twilio name next to the value, or the SID the
 * value is paired with, in a file that mentions Twilio.
 */

const TW = '(?:[Tt]wilio|TWILIO)';
const HEX32 = '[0-9a-f]{32}';
const Q = '["\'`]?';
// Name to value: closing quote or `]`, then `=`, `:`, `:=`, `=>`, `,` (a getenv default), `??`, `||` or a space.
const SEP = `${Q}\\]?[ \\t]{0,4}(?:[:=]{1,2}>?|,|\\?\\?|\\|\\||[ \\t])[ \\t]{0,4}${Q}`;
// SID to the value paired with it: `:` (curl -u, URLs) or `,` (client constructors).
const PAIR = `${Q}[ \\t]{0,4}[:,][ \\t]{0,4}${Q}`;
const LEFT = '(?<![A-Za-z0-9_])';
const RIGHT = '(?![A-Za-z0-9_])';

const AUTH = '(?:AUTH_TOKEN|auth_token|auth-token|[Aa]uthToken)';
/** `TWILIO_AUTH_TOKEN`, `twilioAuthToken`, `twilio.authToken`, `TWILIO_TOKEN`, or a bare `authToken`. */
const AUTH_NAME = `(?:${TW}[_.-]?(?:${AUTH}|TOKEN|[Tt]oken)|${AUTH})`;
/** `TWILIO_API_SECRET`, `TWILIO_API_KEY_SECRET`, `twilioApiSecret`, or a bare `apiSecret`. */
const API_SECRET_NAME = `(?:${TW}[_.-]?)?(?:API_(?:KEY_)?SECRET|api_(?:key_)?secret|api-(?:key-)?secret|[Aa]pi(?:Key)?Secret)`;

const KEYWORDS = ['twilio', 'Twilio', 'TWILIO'];

/** Whether the file mentions Twilio (the engine memoises the lookups per file). */
function mentionsTwilio({ fileIncludes }: MatchContext): boolean {
  return KEYWORDS.some((word) => fileIncludes(word));
}

/** The part of the match before the secret: the name or SID that introduced it. */
const lead = ({ match, secret }: MatchContext) => match.slice(0, match.length - secret.length);

const hex = () => randomString(HEX, 32);
/** A 32-character API key secret with at least one digit, so that it is found behind a bare `apiSecret` too. */
const apiSecret = () => randomString(ALNUM, 31) + randomString(DIGITS, 1);

const CONSOLE = 'the Twilio Console (Account → API keys & tokens)';

export const twilioRules: Rule[] = [
  {
    id: 'twilio-api-key',
    provider: 'Twilio',
    title: 'Twilio API key SID',
    severity: 'medium',
    // `SK` + 32 lowercase hex (Twilio SIDs are 34 characters), with a Twilio name within 80
    // characters before or after it on the line (bounded lookarounds).
    pattern: new RegExp(
      `${LEFT}SK${HEX32}${RIGHT}(?:(?<=${TW}[^\\r\\n]{0,80}SK${HEX32})|(?=[^\\r\\n]{0,80}${TW}))`,
    ),
    keywords: KEYWORDS,
    redactPrefix: () => 'SK',
    fix: `this names a Twilio API key, and its secret is usually right next to it: read both from process.env (TWILIO_API_KEY, TWILIO_API_SECRET) on the server, and delete the key in ${CONSOLE}`,
    samples: {
      valid: () => {
        const [a, b, c] = [`SK${hex()}`, `SK${hex()}`, `SK${hex()}`];
        return [
          { text: `TWILIO_API_KEY=${a}`, secret: a },
          { text: `const client = twilio('${b}', process.env.TWILIO_API_SECRET, { accountSid });`, secret: b },
          { text: `apiKeySid: '${c}', // Twilio API key`, secret: c },
        ];
      },
      invalid: [
        'TWILIO_API_KEY=SK...',
        'TWILIO_API_KEY=SKxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
        'TWILIO_API_KEY=your_api_key_sid',
        `TWILIO_API_KEY=SK${'0'.repeat(32)}`,
      ],
    },
  },
  {
    id: 'twilio-auth-token',
    provider: 'Twilio',
    title: 'Twilio auth token',
    severity: 'critical',
    // 32 lowercase hex after an auth-token name, or after the Account SID (`AC` + 32 hex) it pairs with.
    pattern: new RegExp(`(?:${AUTH_NAME}${SEP}|${LEFT}AC${HEX32}${PAIR})(?<secret>${HEX32})${RIGHT}`),
    keywords: KEYWORDS,
    validate: (ctx) => mentionsTwilio(ctx),
    fix: `read it from process.env.TWILIO_AUTH_TOKEN on the server (.env.local); it controls your whole Twilio account: rotate it in ${CONSOLE}, it is in Git history now`,
    samples: {
      valid: () => {
        const [a, b, c, d, e] = [hex(), hex(), hex(), hex(), hex()];
        return [
          { text: `TWILIO_AUTH_TOKEN=${a}`, secret: a },
          { text: `const client = twilio("AC${hex()}", "${b}");`, secret: b },
          { text: `curl -u AC${hex()}:${c} https://api.twilio.com/2010-04-01/Accounts.json`, secret: c },
          { text: `auth_token = os.getenv("TWILIO_AUTH_TOKEN", "${d}")`, secret: d },
          { text: `import twilio from 'twilio';\nconst authToken = '${e}';`, secret: e },
        ];
      },
      invalid: [
        'TWILIO_AUTH_TOKEN=your_auth_token',
        'TWILIO_AUTH_TOKEN=[AuthToken]',
        'TWILIO_AUTH_TOKEN=${TWILIO_AUTH_TOKEN}',
        'TWILIO_AUTH_TOKEN=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
        `TWILIO_AUTH_TOKEN=${'0'.repeat(32)}`,
        `twilio authToken: ${'0123456789abcdef'.repeat(2)}`,
        'curl -u $TWILIO_ACCOUNT_SID:$TWILIO_AUTH_TOKEN https://api.twilio.com',
      ],
    },
  },
  {
    id: 'twilio-api-key-secret',
    provider: 'Twilio',
    title: 'Twilio API key secret',
    severity: 'high',
    // 32 base62 characters after an API-secret name, or after the API key SID (`SK` + 32 hex) it pairs with.
    pattern: new RegExp(`(?:${API_SECRET_NAME}${SEP}|${LEFT}SK${HEX32}${PAIR})(?<secret>[A-Za-z0-9]{32})${RIGHT}`),
    keywords: KEYWORDS,
    // Behind a bare `apiSecret` name, a value with no digit is more likely a function name than a key.
    validate: (ctx) =>
      mentionsTwilio(ctx) && (/twilio/i.test(lead(ctx)) || ctx.match.startsWith('SK') || /[0-9]/.test(ctx.secret)),
    fix: `read it from process.env.TWILIO_API_SECRET on the server (.env.local); delete this API key in ${CONSOLE} and create a new one`,
    samples: {
      valid: () => {
        const [a, b, c] = [randomString(ALNUM, 32), randomString(ALNUM, 32), apiSecret()];
        return [
          { text: `TWILIO_API_SECRET=${a}`, secret: a },
          { text: `const client = twilio("SK${hex()}", "${b}", { accountSid });`, secret: b },
          { text: `import twilio from 'twilio';\nconst apiSecret = '${c}';`, secret: c },
        ];
      },
      invalid: [
        'TWILIO_API_SECRET=your_api_secret',
        'TWILIO_API_SECRET=${TWILIO_API_SECRET}',
        'TWILIO_API_SECRET=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
        'twilio apiSecret: loadTwilioApiSecretFromVaultSync()',
      ],
    },
  },
];
