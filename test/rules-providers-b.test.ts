import { generateKeyPairSync } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { detect } from '../src/engine/detect.js';
import { LineIndex } from '../src/engine/lines.js';
import { compileRules } from '../src/engine/ruleset.js';
import { BASE62, checksummedToken, crc32, crc32Base62, hasCrc32Checksum, toBase62 } from '../src/rules/checksum.js';
import { ALNUM, HEX, fakeJwt, randomString } from '../src/rules/fake.js';
import { builtinRules } from '../src/rules/index.js';
import { base64urlFragments, decodeJwtPayload } from '../src/rules/jwt.js';
import { awsSecretAccessKey } from '../src/rules/providers/aws.js';
import { googleApiKey } from '../src/rules/providers/google.js';
import { supabaseLegacyJwt } from '../src/rules/providers/supabase.js';
import type { Finding } from '../src/types.js';
import { scanText } from './helpers/scan-text.js';

const ruleSet = compileRules(builtinRules);
const ids = (findings: Finding[]) => findings.map((f) => f.ruleId);
const only = (text: string, path = 'src/example.ts') => ids(scanText(text, path));

/** A token with one character of its 30 random ones changed: the checksum no longer matches. */
function breakChecksum(token: string, prefixLength: number): string {
  const i = prefixLength + 5;
  const replacement = token[i] === 'a' ? 'b' : 'a';
  return token.slice(0, i) + replacement + token.slice(i + 1);
}

describe('CRC32 base62 checksums (GitHub, npm)', () => {
  it('computes the standard CRC32 and base62 with left padding', () => {
    expect(crc32('123456789')).toBe(0xcbf43926); // the CRC-32 check value
    expect(toBase62(0, 6)).toBe('000000');
    expect(toBase62(61, 6)).toBe('00000z');
    expect(toBase62(62, 6)).toBe('000010');
    expect(toBase62(0xffffffff, 6)).toHaveLength(6);
    expect(BASE62).toBe('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz');
  });

  it('validates generated tokens and rejects a broken checksum', () => {
    for (let n = 0; n < 50; n++) {
      const token = checksummedToken('ghp_');
      expect(hasCrc32Checksum(token.slice(4))).toBe(true);
      expect(hasCrc32Checksum(breakChecksum(token, 4).slice(4))).toBe(false);
    }
    const random = randomString(ALNUM, 30);
    expect(crc32Base62(random)).toMatch(/^[0-9A-Za-z]{6}$/);
  });

  it.each(['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'])('reports %s tokens only with a valid checksum', (prefix) => {
    const token = checksummedToken(prefix);
    expect(only(`token = "${token}"\n`)).toEqual(['github-token']);
    expect(only(`token = "${breakChecksum(token, 4)}"\n`)).toEqual([]);
    expect(only(`token = "${token}x"\n`)).toEqual([]);
  });

  it('npm tokens: valid checksum reported, broken one not', () => {
    const token = checksummedToken('npm_');
    expect(only(`//registry.npmjs.org/:_authToken=${token}\n`, '.npmrc')).toEqual(['npm-token']);
    expect(only(`//registry.npmjs.org/:_authToken=${breakChecksum(token, 4)}\n`, '.npmrc')).toEqual([]);
  });

  it('fine-grained tokens need the `_` after 22 characters', () => {
    const body = randomString(ALNUM, 82);
    expect(only(`t = "github_pat_${body.slice(0, 22)}_${body.slice(23)}"\n`)).toEqual(['github-fine-grained-token']);
    expect(only(`t = "github_pat_${body}"\n`)).toEqual([]);
  });
});

describe('AWS', () => {
  it('finds a secret access key only next to its name, within a bounded gap', () => {
    const key = awsSecretAccessKey();
    const [finding] = scanText(`[default]\naws_secret_access_key = ${key}\n`, '.aws/credentials');
    expect(finding?.ruleId).toBe('aws-secret-access-key');
    expect(finding?.column).toBe('aws_secret_access_key = '.length + 1);
    expect(finding?.secret).toBe(`…${key.slice(-4)}`);
    expect(only(`const digest = "${key}";\n`)).toEqual([]);
    expect(only(`aws_secret_access_key =${' '.repeat(12)}${key}\n`)).toEqual([]);
    expect(only(`AWS_SECRET_ACCESS_KEY=${key}x\n`)).toEqual([]);
  });

  it('treats the docs EXAMPLE keys as placeholders', () => {
    expect(only('AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\nAWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n', '.env')).toEqual([]);
  });
});

describe('Google API key and Firebase web API key', () => {
  const contexts: [string, string, string][] = [
    ['bare', 'src/maps.ts', 'const MAPS_KEY = "{k}";'],
    ['env', '.env', 'GOOGLE_API_KEY={k}'],
    ['firebaseConfig', 'src/firebase.ts', 'const firebaseConfig = {\n  apiKey: "{k}",\n};'],
    ['initializeApp', 'src/firebase.ts', 'const app = initializeApp({ apiKey: "{k}" });'],
    ['authDomain', 'src/config.json', '{ "apiKey": "{k}", "authDomain": "shop.firebaseapp.com" }'],
    ['NEXT_PUBLIC_FIREBASE_', '.env.production', 'NEXT_PUBLIC_FIREBASE_API_KEY={k}'],
  ];

  it.each(contexts)('exactly one of the two rules reports a key (%s)', (name, path, template) => {
    const findings = ids(scanText(template.replace('{k}', googleApiKey()) + '\n', path));
    const expected = ['bare', 'env'].includes(name) ? 'google-api-key' : 'firebase-web-api-key';
    expect(findings).toEqual([expected]);
  });

  it('has the higher severity for the plain Google key', () => {
    const google = builtinRules.find((r) => r.id === 'google-api-key')!;
    const firebase = builtinRules.find((r) => r.id === 'firebase-web-api-key')!;
    expect(google.severity).toBe('high');
    expect(firebase.severity).toBe('low');
  });
});

describe('Supabase', () => {
  it('base64url fragments of a literal occur at every alignment', () => {
    const fragments = base64urlFragments('"service_role"');
    for (let pad = 0; pad < 6; pad++) {
      const encoded = Buffer.from(`{"iss":"supabase","ref":"${'a'.repeat(pad)}","role":"service_role"}`).toString('base64url');
      expect(fragments.some((f) => encoded.includes(f)), `pad ${pad}`).toBe(true);
    }
    expect(fragments.every((f) => f.length >= 3)).toBe(true);
  });

  it('decodes JWT payloads and rejects what is not one', () => {
    expect(decodeJwtPayload(fakeJwt({ role: 'anon' }))).toEqual({ role: 'anon' });
    expect(decodeJwtPayload('a.b')).toBeUndefined();
    expect(decodeJwtPayload('eyJ.@@@.x')).toBeUndefined();
  });

  it('reports the service_role JWT, never the anon one, the local demo one or other JWTs', () => {
    const service = supabaseLegacyJwt('service_role');
    const [finding] = scanText(`SUPABASE_SERVICE_ROLE_KEY=${service}\n`, '.env');
    expect(finding?.ruleId).toBe('supabase-service-role-jwt');
    expect(finding?.severity).toBe('critical');
    expect(finding?.secret).toBe(`eyJ…${service.slice(-4)}`);
    // The variable name is not trusted: the payload decides.
    expect(only(`SUPABASE_SERVICE_ROLE_KEY=${supabaseLegacyJwt('anon')}\n`, '.env')).toEqual([]);
    expect(only(`NEXT_PUBLIC_SUPABASE_ANON_KEY=${service}\n`, '.env')).toEqual(['supabase-service-role-jwt']);
    expect(only(`KEY=${supabaseLegacyJwt('service_role', 'supabase-demo')}\n`, '.env')).toEqual([]);
    expect(only(`token = "${fakeJwt({ sub: 'user-1', role: 'authenticated', note: 'service_role' })}"\n`)).toEqual([]);
    expect(only(`token = "${fakeJwt({ sub: 'user-1', scope: 'service_role admin' })}"\n`)).toEqual([]);
  });

  it('treats sb_publishable_ keys as public and sb_secret_ ones as secret', () => {
    const body = `${randomString(ALNUM, 22)}_${randomString(ALNUM, 8)}`;
    expect(only(`NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY=sb_publishable_${body}\n`, '.env')).toEqual([]);
    expect(only(`SUPABASE_SECRET_KEY=sb_secret_${body}\n`, '.env')).toEqual(['supabase-secret-key']);
    expect(only(`SUPABASE_ACCESS_TOKEN=sbp_${randomString(HEX, 40)}\n`, '.env')).toEqual(['supabase-personal-token']);
  });
});

describe('private keys', () => {
  const rsa = () => generateKeyPairSync('rsa', { modulusLength: 2048 });

  it('finds a generated PEM and shows only its BEGIN line', () => {
    const { privateKey, publicKey } = rsa();
    const pem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
    const findings = scanText(`// server key\n${pem}`, 'keys/server.pem');
    expect(ids(findings)).toEqual(['private-key']);
    const [finding] = findings;
    expect(finding!.line).toBe(2);
    expect(finding!.endLine).toBe(pem.trimEnd().split('\n').length + 1);
    expect(finding!.secret).toBe('-----BEGIN RSA PRIVATE KEY-----…');
    expect(finding!.snippet).toBe('-----BEGIN RSA PRIVATE KEY-----…');
    const body = pem.split('\n').slice(1, -2);
    for (const line of body) expect(JSON.stringify(finding)).not.toContain(line.slice(0, 12));
    // A public key is not a secret.
    expect(only(publicKey.export({ type: 'spki', format: 'pem' }).toString(), 'keys/server.pub')).toEqual([]);
  });

  it('finds a PEM inside a JSON string with \\n escapes (service-account file)', () => {
    const pem = rsa().privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const json = JSON.stringify({ type: 'service_account', project_id: 'demo', private_key: pem, client_email: 'a@demo.iam.gserviceaccount.com' }, null, 2);
    const findings = scanText(json + '\n', 'service-account.json');
    expect(ids(findings)).toEqual(['private-key']);
    expect(findings[0]!.secret).toBe('-----BEGIN PRIVATE KEY-----…');
    expect(findings[0]!.line).toBe(json.split('\n').findIndex((l) => l.includes('private_key')) + 1);
  });

  it('ignores a PEM whose body is `...`, an empty one, and mismatched BEGIN/END labels', () => {
    expect(only('-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----\n', 'docs/keys.md')).toEqual([]);
    expect(only('-----BEGIN PRIVATE KEY-----\n\n-----END PRIVATE KEY-----\n', 'docs/keys.md')).toEqual([]);
    const pem = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'sec1', format: 'pem' }).toString();
    expect(only(pem.replace('END EC', 'END RSA'), 'k.pem')).toEqual([]);
  });

  it('reports two keys in one file separately', () => {
    const a = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const b = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'sec1', format: 'pem' }).toString();
    expect(only(`${a}\n${b}`, 'keys.pem')).toEqual(['private-key', 'private-key']);
  });
});

describe('database URLs', () => {
  it('reports the password only, at its own column', () => {
    const password = randomString(ALNUM, 20) + '9';
    const line = `DATABASE_URL=postgres://app:${password}@db.acme.io:5432/app`;
    const [finding, ...rest] = scanText(`${line}\n`, '.env');
    expect(rest).toEqual([]);
    expect(finding?.ruleId).toBe('database-url-password');
    expect(finding?.column).toBe(line.indexOf(password) + 1);
    expect(finding?.endColumn).toBe(line.indexOf(password) + password.length + 1);
    expect(finding?.secret).toBe(`…${password.slice(-4)}`);
    expect(finding?.snippet).toBe(`DATABASE_URL=postgres://app:…${password.slice(-4)}@db.acme.io:5432/app`);
  });

  it('ignores trivial passwords on local hosts, not strong ones', () => {
    expect(only('DATABASE_URL=postgres://app:devpassword@localhost:5432/app\n', '.env')).toEqual([]);
    expect(only('REDIS_URL=redis://:12345678@127.0.0.1:6379\n', '.env')).toEqual([]);
    expect(only('DATABASE_URL=mysql://shop:shop@db:3306/shop\n', '.env')).toEqual([]);
    expect(only(`DATABASE_URL=postgres://app:${randomString(ALNUM, 16)}7Q@localhost:5432/app\n`, '.env')).toEqual(['database-url-password']);
    // Not local: a weak password on a real host is still a leak (built here so that this file stays clean).
    const weak = ['dev', 'password'].join('');
    expect(only(`DATABASE_URL=postgres://app:${weak}@db.acme.io:5432/app\n`, '.env')).toEqual(['database-url-password']);
  });
});

describe('near misses', () => {
  it.each([
    ['Vercel: snake_case names', 'const dir = vcr_cassette_library_dir_v2;'],
    ['Slack: docs placeholder', 'SLACK_WEBHOOK_URL=https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX'],
    ['SendGrid: inside a word', `const x = "MSG.${randomString(ALNUM, 22)}.${randomString(ALNUM, 43)}";`],
    ['AWS: key id inside a longer token', `const t = "x${'AKIA'}${randomString('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}";`],
  ])('%s', (_name, text) => {
    expect(only(`${text}\n`)).toEqual([]);
  });
});

/** Hostile input: every one of these rules must stay linear. */
describe('linear time on 1 MB lines', () => {
  const MB = 1 << 20;
  const BOUND_MS = 1500;
  const fill = (piece: string, length = MB) => piece.repeat(Math.ceil(length / piece.length)).slice(0, length);

  // The characters each rule's body accepts.
  const KEY_CHARS: Record<string, string> = {
    'github-token': 'aZ9',
    'github-fine-grained-token': 'aZ9_',
    'npm-token': 'aZ9',
    'aws-access-key-id': 'A2Z7',
    'aws-secret-access-key': 'aZ9/+=',
    'slack-token': '1-a',
    'slack-webhook-url': 'A1/b',
    'sendgrid-api-key': 'aZ9_-.',
    'google-api-key': 'aZ9_-',
    'firebase-web-api-key': 'aZ9_-',
    'supabase-secret-key': 'aZ9_-',
    'supabase-service-role-jwt': 'aZ9_-.',
    'supabase-personal-token': 'a0f',
    'vercel-token': 'aZ9_-',
    'private-key': 'MIIEv+/=\n',
    'database-url-password': 'a:b@',
  };

  const time = (text: string) => {
    const start = performance.now();
    scanText(text);
    return performance.now() - start;
  };

  const cases: [string, string][] = [];
  for (const [id, chars] of Object.entries(KEY_CHARS)) {
    const rule = builtinRules.find((r) => r.id === id);
    if (!rule) throw new Error(`no rule ${id}`);
    for (const keyword of rule.keywords) {
      cases.push([`${id}: "${keyword}" repeated`, fill(keyword)]);
      cases.push([`${id}: "${keyword}" + key characters`, keyword + fill(chars)]);
    }
  }
  const header = '-----BEGIN RSA PRIVATE KEY-----';
  const fragment = base64urlFragments('"service_role"')[0]!;
  cases.push(
    ['aws: name + gap characters', 'aws_secret_access_key' + fill(' =')],
    ['aws: names and gaps repeated', fill('aws_secret_access_key = ')],
    ['slack: digit groups', 'xoxp-' + fill('12345678901-')],
    ['slack webhook: URL prefix repeated', fill('https://hooks.slack.com/services/T')],
    ['slack webhook: ids without a secret', fill('https://hooks.slack.com/services/TABCDEFGH/BABCDEFGH/')],
    ['sendgrid: key id parts repeated', 'SG.' + fill(`${'a'.repeat(22)}.`)],
    ['jwt: header and payload parts repeated', `${fragment} ` + fill('eyJhbGciOiJIUzI1NiJ9.')],
    ['jwt: base64url after eyJ', `${fragment} eyJ` + fill('aZ9_-')],
    ['private key: BEGIN lines repeated', fill(`${header}\n`)],
    ['private key: BEGIN + body without END', header + fill('MIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n')],
    ['private key: body with single dashes', header + fill('A-')],
    ['private key: dash runs of four', header + fill('AAAA----')],
    ['private key: mismatched END labels', fill(`${header}\n${'A'.repeat(2000)}\n-----END EC PRIVATE KEY-----\n`)],
    ['private key: JSON escapes without END', `"${header}` + fill('\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC')],
    ['private key: dashes', 'PRIVATE KEY' + fill('-')],
    ['database url: user without password', 'postgres://' + fill('user')],
    ['database url: colons', 'postgres://' + fill('a:')],
    ['database url: password without host end', 'postgres://a:' + fill('b')],
    ['database url: host without end', 'postgres://a:b@' + fill('c')],
    ['database url: empty users', fill('redis://:')],
    ['database url: IPv6 host without end', 'postgres://a:b@[' + fill(':')],
  );

  it.each(cases)('%s', (_name, text) => {
    expect(time(text)).toBeLessThan(BOUND_MS);
  });

  it('the Firebase context check stays linear over thousands of candidates in one file', () => {
    // detect() only: the validators' cost, without the engine's per-finding reporting work.
    const keys = Array.from({ length: 200 }, () => googleApiKey());
    const text = 'const firebaseConfig = {};\n' + Array.from({ length: 20_000 }, (_, i) => `k${i} = "${keys[i % 200]}"`).join('\n');
    const start = performance.now();
    const candidates = detect(text, 'src/firebase.ts', ruleSet, new LineIndex(text));
    expect(performance.now() - start).toBeLessThan(BOUND_MS);
    expect(candidates).toHaveLength(20_000);
    expect(new Set(candidates.map((c) => c.rule.id))).toEqual(new Set(['firebase-web-api-key']));
  });
});
