import { ALNUM, BASE64URL, HEX, LOWER, fakeJwt, randomString } from '../fake.js';
import { base64urlFragments, decodeJwtPayload } from '../jwt.js';
import { bare, type Rule } from '../rule.js';

/**
 * Supabase: new-style API keys (`sb_secret_` secret, `sb_publishable_` public by design), personal
 * access tokens for the Management API (`sbp_`), and the legacy project keys, which are JWTs told
 * apart by their payload only: `"role":"service_role"` bypasses Row Level Security, `"role":"anon"`
 * is the browser key. Names like SUPABASE_ANON_KEY are not trusted: the payload decides.
 */

const LEFT = '(?<![A-Za-z0-9_])';
const RIGHT = '(?![A-Za-z0-9_-])';
// New-style keys: 22 random + `_` + 8 check characters seen; 20-80 allows for variants.
const NEW_KEY_BODY = '[A-Za-z0-9_-]{20,80}';
// A three-part JWT: header and payload are base64url JSON (`eyJ` = `{"`); HS256 signatures are 43
// characters, RS/ES ones longer. Bounds: headers ~36-200, Supabase payloads ~120-300 characters.
const JWT = /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,400}\.eyJ[A-Za-z0-9_-]{8,2000}\.[A-Za-z0-9_-]{16,800}(?![A-Za-z0-9_-])/;

/** A new-style key body: 22 base64url + `_` + 8 base62. */
export function supabaseKeyBody(): string {
  return `${randomString(BASE64URL, 22)}_${randomString(ALNUM, 8)}`;
}

/** A legacy Supabase project key (unsigned: the signature part is random). */
export function supabaseLegacyJwt(role: 'anon' | 'service_role', iss = 'supabase'): string {
  return fakeJwt({ iss, ref: randomString(LOWER, 20), role, iat: 1_700_000_000, exp: 2_015_000_000 });
}

/** A JWT of fixed, obviously fake content, for the near misses below (decodable, never realistic). */
function sampleJwt(payload: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part(payload)}.not-a-signature-only-a-sample`;
}

const roleIs = (role: string) => ({ secret }: { secret: string }) => {
  const payload = decodeJwtPayload(secret);
  // `supabase-demo` keys are the same for every `supabase start`: published, local-only.
  return payload?.role === role && payload.iss !== 'supabase-demo';
};

const DASHBOARD = 'Supabase (Project Settings → API Keys)';

export const supabaseRules: Rule[] = [
  {
    id: 'supabase-secret-key',
    provider: 'Supabase',
    title: 'Supabase secret key',
    severity: 'critical',
    pattern: new RegExp(`${LEFT}sb_secret_${NEW_KEY_BODY}${RIGHT}`),
    keywords: ['sb_secret_'],
    fix: `it bypasses Row Level Security: delete it in ${DASHBOARD}, create a new one, and use it only on the server from process.env.SUPABASE_SECRET_KEY`,
    samples: {
      valid: () => [bare(`sb_secret_${supabaseKeyBody()}`)],
      invalid: ['sb_secret_...', 'sb_secret_…', 'SUPABASE_SECRET_KEY=sb_secret_your_secret_key', 'sb_secret_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'sb_secret_1234'],
    },
  },
  {
    id: 'supabase-publishable-key',
    provider: 'Supabase',
    title: 'Supabase publishable key',
    severity: 'low',
    public: true,
    pattern: new RegExp(`${LEFT}sb_publishable_${NEW_KEY_BODY}${RIGHT}`),
    keywords: ['sb_publishable_'],
    fix: 'publishable keys are meant for the browser (Row Level Security protects the data): nothing to do',
    samples: {
      valid: () => [bare(`sb_publishable_${supabaseKeyBody()}`)],
      invalid: ['sb_publishable_...'],
    },
  },
  {
    id: 'supabase-service-role-jwt',
    provider: 'Supabase',
    title: 'Supabase service_role key (legacy JWT)',
    severity: 'critical',
    pattern: JWT,
    // Only texts holding the base64url of `"service_role"` (at any alignment) can match.
    keywords: base64urlFragments('"service_role"'),
    validate: roleIs('service_role'),
    redactPrefix: () => 'eyJ',
    fix: 'the service_role key bypasses Row Level Security: keep it on the server in process.env.SUPABASE_SERVICE_ROLE_KEY, and rotate it (switch to the new sb_secret_ keys and disable the legacy JWT keys in Supabase)',
    samples: {
      valid: () => {
        const inEnv = supabaseLegacyJwt('service_role');
        return [bare(supabaseLegacyJwt('service_role')), { text: `SUPABASE_SERVICE_ROLE_KEY=${inEnv}`, secret: inEnv }];
      },
      invalid: [
        sampleJwt({ iss: 'supabase', ref: 'sample', role: 'anon' }),
        sampleJwt({ iss: 'supabase', ref: 'sample', role: 'authenticated', sub: 'user' }),
        sampleJwt({ iss: 'supabase-demo', role: 'service_role', exp: 1983812996 }),
        sampleJwt({ sub: '1234567890', name: 'John Doe', note: 'not service_role' }),
        'SUPABASE_SERVICE_ROLE_KEY=eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9...',
      ],
    },
  },
  {
    id: 'supabase-anon-jwt',
    provider: 'Supabase',
    title: 'Supabase anon key (legacy JWT)',
    severity: 'low',
    public: true,
    pattern: JWT,
    keywords: base64urlFragments('"anon"'),
    validate: roleIs('anon'),
    fix: 'the anon key is meant for the browser (Row Level Security protects the data): nothing to do',
    samples: {
      valid: () => [bare(supabaseLegacyJwt('anon'))],
      invalid: [],
    },
  },
  {
    id: 'supabase-personal-token',
    provider: 'Supabase',
    title: 'Supabase personal access token',
    severity: 'critical',
    // 40 hex: what the Supabase CLI accepts (`sbp_`, or `sbp_oauth_` for OAuth-issued tokens).
    pattern: /(?<![A-Za-z0-9_])sbp_(?:oauth_)?[a-f0-9]{40}(?![A-Za-z0-9_])/,
    keywords: ['sbp_'],
    fix: 'it controls every project of your Supabase account: revoke it in Supabase (Account → Access Tokens) and give CI the new one as a secret (SUPABASE_ACCESS_TOKEN)',
    samples: {
      valid: () => [bare(`sbp_${randomString(HEX, 40)}`), bare(`sbp_oauth_${randomString(HEX, 40)}`)],
      invalid: ['sbp_...', 'sbp_0000000000000000000000000000000000000000', 'sbp_your_access_token', 'SUPABASE_ACCESS_TOKEN=${SUPABASE_ACCESS_TOKEN}'],
    },
  },
];
