import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { HEX, randomString } from '../fake.js';
import type { MatchContext, Rule, RuleSample } from '../rule.js';

/**
 * PEM and OpenPGP private keys: `-----BEGIN … PRIVATE KEY-----`, a base64 body, the matching
 * `-----END … PRIVATE KEY-----`. Multi-line, or on one line inside a JSON string with `\n` escapes
 * (Google service-account files). The body may not contain a run of five dashes, so from each BEGIN
 * the pattern scans at most to the next dash run: linear time over any text.
 */

const LABEL = '(?<label>(?:(?:RSA|EC|DSA|OPENSSH|ENCRYPTED|PGP|ANY) )?PRIVATE KEY(?: BLOCK)?)';
// Body: any character but the start of a `-----` run; 32 768 at most (an RSA 16384-bit PEM is ~12 700).
const BODY = '(?:[^-]|-(?!----)){1,32768}';
const PATTERN = new RegExp(`-----BEGIN ${LABEL}-----${BODY}-----END \\k<label>-----`);

/** The smallest real body, a PKCS#8 Ed25519 key, is 64 base64 characters. */
const MIN_BODY = 60;

/** `-----BEGIN X PRIVATE KEY-----`: the part of a finding that may be shown. */
function header(secret: string): string {
  const end = secret.indexOf('-----', 5);
  return end > 0 ? secret.slice(0, end + 5) : '';
}

/**
 * A body of base64 lines (wrapped in quotes, `\n` escapes or string concatenation, optionally with
 * `Proc-Type:`/`DEK-Info:`/`Version:` headers) of real size and variety. Placeholders (`...`,
 * `<your key>`), code between a BEGIN and an END string, and tiny or repetitive bodies are not keys.
 */
export function isKeyBody({ secret }: MatchContext): boolean {
  const body = secret.slice(header(secret).length, secret.lastIndexOf('-----END'));
  let base64 = '';
  for (const raw of body.replace(/\\+[nr]/g, '\n').split(/\r?\n|\r/)) {
    const line = raw.replace(/^[\s"'`+,;()]+|[\s"'`+,;()]+$/g, '');
    if (line === '' || /^[A-Za-z][A-Za-z0-9-]{0,30}: /.test(line)) continue; // armor header
    if (!/^[A-Za-z0-9+/=]+$/.test(line)) return false;
    base64 += line;
  }
  return base64.length >= MIN_BODY && new Set(base64).size >= 16;
}

/** `bytes` in base64, wrapped at `width` like PEM files. */
function wrap(bytes: Buffer, width = 64): string {
  return bytes.toString('base64').match(new RegExp(`.{1,${width}}`, 'g'))!.join('\n');
}

/** A PEM block with a random body (for the types node:crypto does not write, or writes slowly). */
function randomPem(label: string, body: string, headers = ''): string {
  return `-----BEGIN ${label}-----\n${headers}${body}\n-----END ${label}-----`;
}

function privateKeySamples(): RuleSample[] {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
  const ed = generateKeyPairSync('ed25519').privateKey;
  const pkcs1 = rsa.export({ type: 'pkcs1', format: 'pem' }).toString().trimEnd();
  const pkcs8 = rsa.export({ type: 'pkcs8', format: 'pem' }).toString().trimEnd();
  const encrypted = ec.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: randomString(HEX, 16) }).toString().trimEnd();
  const sec1 = ec.export({ type: 'sec1', format: 'pem' }).toString().trimEnd();
  const ed25519 = ed.export({ type: 'pkcs8', format: 'pem' }).toString().trimEnd();
  const openssh = randomPem('OPENSSH PRIVATE KEY', wrap(Buffer.concat([Buffer.from('openssh-key-v1\0'), randomBytes(385)]), 70));
  const dsa = randomPem('DSA PRIVATE KEY', wrap(randomBytes(444)));
  const legacyEncrypted = randomPem('RSA PRIVATE KEY', wrap(randomBytes(1192)), `Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,${randomString(HEX, 32).toUpperCase()}\n\n`);
  const pgp = randomPem('PGP PRIVATE KEY BLOCK', `${wrap(randomBytes(700))}\n=${randomBytes(3).toString('base64')}`, 'Version: OpenPGP.js v5\n\n');
  // A service-account JSON file: the PEM on one line, its line breaks written `\n`.
  const escaped = JSON.stringify(pkcs8 + '\n').slice(1, -1);
  const serviceAccount = `{"type": "service_account", "project_id": "demo-shop", "private_key": "${escaped}", "client_email": "api@demo-shop.iam.gserviceaccount.com"}`;
  const inJson = escaped.slice(0, escaped.lastIndexOf('-----') + 5);
  // Concatenated string literals, as pasted into code.
  const ecLines = sec1.split('\n');
  const concatenated = ecLines.map((line, i) => `  "${line}\\n"${i < ecLines.length - 1 ? ' +' : ';'}`).join('\n');
  const concatenatedSecret = concatenated.slice(concatenated.indexOf('-----BEGIN'), concatenated.lastIndexOf('-----') + 5);
  return [
    { text: pkcs1, secret: pkcs1 },
    { text: serviceAccount, secret: inJson },
    { text: escaped, secret: inJson },
    { text: `const key =\n${concatenated}`, secret: concatenatedSecret },
    ...[pkcs8, encrypted, sec1, ed25519, openssh, dsa, legacyEncrypted, pgp].map((pem) => ({ text: pem, secret: pem })),
    { text: `key: |\n  ${pkcs8.split('\n').join('\n  ')}`, secret: pkcs8.split('\n').join('\n  ') },
  ];
}

export const privateKeyRules: Rule[] = [
  {
    id: 'private-key',
    provider: 'Private key',
    title: 'Private key',
    severity: 'critical',
    pattern: PATTERN,
    keywords: ['PRIVATE KEY'],
    validate: isKeyBody,
    // isKeyBody judges the body; the generic filter would misread base64 that happens to spell a word.
    allowPlaceholderLike: true,
    redactPrefix: header,
    hideTail: true,
    fix: 'remove the key from the repository (keep key files out with .gitignore), create a new key pair and revoke the old one wherever it is trusted (servers, certificates, service accounts); load it from a secret manager or an env var',
    samples: {
      valid: privateKeySamples,
      invalid: [
        '-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----',
        '-----BEGIN PRIVATE KEY-----\n-----END PRIVATE KEY-----',
        '-----BEGIN PRIVATE KEY-----\\n<your private key>\\n-----END PRIVATE KEY-----\\n',
        '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC...\n-----END PRIVATE KEY-----',
        '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjE\n-----END OPENSSH PRIVATE KEY-----',
        '-----BEGIN EC PRIVATE KEY-----\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n-----END EC PRIVATE KEY-----',
        '-----BEGIN PRIVATE KEY-----\n${PRIVATE_KEY_BODY}\n-----END PRIVATE KEY-----',
        'if (pem.startsWith("-----BEGIN RSA PRIVATE KEY-----")) pem = pem.replace("-----END RSA PRIVATE KEY-----", "")',
        'const pem = `-----BEGIN PRIVATE KEY-----\\n${body.match(/.{1,64}/g).join("\\n")}\\n-----END PRIVATE KEY-----`',
      ],
    },
  },
];
