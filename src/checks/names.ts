import type { FileCheckContext } from './check.js';

/**
 * Env var prefixes that the frameworks inline into the browser bundle at build time (see
 * /work/shared/key-formats.md). The engine passes these plus any configured ones as
 * `FileCheckContext.publicPrefixes`.
 */
export const PUBLIC_ENV_PREFIXES: readonly string[] = ['NEXT_PUBLIC_', 'VITE_', 'REACT_APP_', 'EXPO_PUBLIC_', 'PUBLIC_', 'NUXT_PUBLIC_', 'GATSBY_'];

/**
 * The browser-exposed prefix `name` starts with (the longest, so `NEXT_PUBLIC_X` is NEXT_PUBLIC_
 * and never also PUBLIC_), or undefined. A prefix only counts at the start: `MY_PUBLIC_THING` has none.
 */
export function publicPrefixOf(name: string, prefixes: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const prefix of prefixes) {
    if (name.length > prefix.length && name.startsWith(prefix) && (!best || prefix.length > best.length)) best = prefix;
  }
  return best;
}

/** Providers that only issue server-side credentials: `<PROVIDER>…_KEY`/`_TOKEN` is a secret whatever else the name says. */
const SECRET_ONLY_PROVIDERS = new Set(['OPENAI', 'ANTHROPIC', 'RESEND', 'SENDGRID', 'MAILGUN', 'POSTMARK', 'REPLICATE', 'GROQ', 'MISTRAL', 'COHERE', 'ELEVENLABS', 'GITHUB']);

/**
 * Does the variable name say it holds a secret? `…SECRET…`, `…PRIVATE…`, `…PASSWORD…`,
 * `…SERVICE_ROLE…` (as whole words between underscores), and API keys of providers that have no
 * browser keys at all (`OPENAI_API_KEY`, `TWILIO_AUTH_TOKEN`, `DATABASE_URL`).
 */
export function isSecretName(name: string): boolean {
  const words = name.toUpperCase().split(/[^A-Z0-9]+/).filter(Boolean);
  const has = (word: string) => words.includes(word);
  if (words.some((w) => w === 'SECRET' || w === 'SECRETS' || w === 'PRIVATE' || w === 'PASSWORD' || w === 'PASSWD' || w === 'SERVICEROLE')) return true;
  if (words.some((w, i) => w === 'SERVICE' && words[i + 1] === 'ROLE')) return true;
  if (has('DATABASE') && has('URL')) return true;
  if (has('TWILIO') && (has('AUTH') || has('TOKEN'))) return true;
  return words.some((w) => SECRET_ONLY_PROVIDERS.has(w)) && (has('KEY') || has('TOKEN') || has('PAT'));
}

/** Values that cannot be credentials whatever the name says: flags, numbers, plain URLs. */
export function isInertValue(value: string): boolean {
  const v = value.trim();
  if (/^(?:true|false|yes|no|on|off|0|1|null|undefined)$/i.test(v)) return true;
  if (/^-?\d+(?:\.\d+)?$/.test(v)) return true;
  return /^https?:\/\/[^\s@]*$/i.test(v);
}

export type ValueKind = 'secret' | 'public' | 'unknown';

/**
 * What a value is, by the detection rules (`classify`) and two facts the rules cannot see from
 * the value alone: a Supabase JWT says its role in its payload (`anon` is public,
 * `service_role` is not), and an `AIza…` key under a FIREBASE name is a Firebase web config key
 * (public by Firebase's design).
 */
export function valueKind(value: string, name: string, context: FileCheckContext): ValueKind {
  const v = value.trim();
  if (!v) return 'unknown';
  const role = jwtRole(v);
  if (role === 'anon') return 'public';
  if (role === 'service_role' || role === 'supabase_admin') return 'secret';
  if (/^AIza[\w-]{30,}$/.test(v) && /FIREBASE/i.test(name)) return 'public';
  const verdict = context.classify(v);
  if (verdict.publicByDesign || verdict.ruleId === 'firebase-web-api-key') return 'public';
  return verdict.secret ? 'secret' : 'unknown';
}

/**
 * The `role` claim of a JWT (Supabase keys carry one), or undefined. The local-development keys
 * every `supabase start` prints (`"iss":"supabase-demo"`) are published: no role is reported.
 */
export function jwtRole(value: string): string | undefined {
  const m = /^eyJ[A-Za-z0-9_-]+\.(eyJ[A-Za-z0-9_-]+)\.[A-Za-z0-9_-]*$/.exec(value);
  if (!m) return undefined;
  try {
    const payload = JSON.parse(Buffer.from(m[1]!, 'base64url').toString('utf8')) as unknown;
    if (typeof payload !== 'object' || payload === null) return undefined;
    const { role, iss } = payload as { role?: unknown; iss?: unknown };
    return typeof role === 'string' && iss !== 'supabase-demo' ? role : undefined;
  } catch {
    // not JSON: not a Supabase key
  }
  return undefined;
}
