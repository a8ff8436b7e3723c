import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtinRules } from '../src/rules/index.js';
import type { RuleSample } from '../src/rules/rule.js';
import { positionAt } from './helpers/fixture.js';
import { parseReport, secretRules, sgRun, singleLineSamples, Tree } from './helpers/hardening.js';
import { scanText } from './helpers/scan-text.js';

/**
 * Property tests (fast-check). On failure fast-check's error names the seed and the path of the
 * shrunk counterexample; vitest prints that message. Replay with FC_SEED=<seed> (and FC_PATH=<path>).
 */

const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;
const path = process.env.FC_PATH;
const params = (numRuns: number): fc.Parameters<unknown> => ({ numRuns, ...(seed !== undefined ? { seed } : {}), ...(path ? { path } : {}) });

// ------------------------------------------------------------------------------ alphabets

/** What source files are made of: letters, digits, quotes, brackets, operators, blanks, unicode. */
const TEXT_UNITS = [
  ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
  ...'"\'`()[]{}<>=+-*/%!?&|^~,;:.#@$_\\',
  ' ', ' ', '  ', '\t', '\n', '\n', '\r\n', '\r',
  'é', 'ü', 'ß', '日本', '😀', '\u00a0', '\u2028', '\u200b', 'Ω',
  'const ', 'let ', 'value', 'url', 'data', 'id', 'token', 'key', 'secret', '=> ', ' === ', '// ', '# ', '/* ', ' */',
];

/**
 * Characters that may sit right before or after a key: none of them is a key character of any rule
 * (no letter, digit, `_`, `-`, `.`, `+`, `/`, `=`), and none starts an ellipsis (`...`, `…`), which
 * marks a truncated example. Whatever else surrounds them cannot glue onto the key.
 */
const DELIMITERS = [
  ' ', '\t', '\n', '\r\n', '\r', '"', "'", '`', '(', ')', '[', ']', '{', '}', '<', '>', ',', ';', ':', '!', '?', '|', '&',
  '*', '#', '%', '^', '~', '@', '$', '\\', '": "', ' = ', ': ', '\u00a0', 'é', '日', '😀',
];

const text = (maxLength: number) => fc.array(fc.constantFrom(...TEXT_UNITS), { maxLength }).map((units) => units.join(''));
const delimiter = fc.constantFrom(...DELIMITERS);

// ------------------------------------------------------------------------------ keys in random text

/** A few fresh samples per rule, made once (private keys are slow to generate). */
const pools = secretRules
  .map((rule) => {
    const pool: RuleSample[] = [];
    for (let i = 0; i < 3; i++) pool.push(...singleLineSamples(rule));
    return { rule, pool };
  })
  .filter(({ pool }) => pool.length > 0);

describe('a key embedded in random text is found at its exact line and column', () => {
  it('every secret rule has at least one single-line sample', () => {
    expect(secretRules.filter((rule) => !pools.some((p) => p.rule === rule)).map((r) => r.id)).toEqual([]);
  });

  it.each(pools.map(({ rule, pool }) => [rule.id, pool] as const))('%s', (id, pool) => {
    fc.assert(
      fc.property(text(60), delimiter, fc.constantFrom(...pool), delimiter, text(60), (before, left, sample, right, after) => {
        const whole = before + left + sample.text + right + after;
        const offset = before.length + left.length + sample.text.indexOf(sample.secret);
        const expected = positionAt(whole, offset);
        const end = positionAt(whole, offset + sample.secret.length);
        const found = scanText(whole).filter((f) => f.ruleId === id);
        expect(found.map((f) => ({ line: f.line, column: f.column, endLine: f.endLine, endColumn: f.endColumn }))).toEqual([
          { ...expected, endLine: end.line, endColumn: end.column },
        ]);
      }),
      params(Number(process.env.FC_RUNS ?? 1500)),
    );
    // Two keys of the rule side by side, only a delimiter between them: both found, each in place.
    fc.assert(
      fc.property(text(40), fc.constantFrom(...pool), delimiter, fc.constantFrom(...pool), text(40), (before, first, middle, second, after) => {
        if (first.secret === second.secret) return;
        const whole = `${before} ${first.text}${middle}${second.text} ${after}`;
        const at = (offset: number) => {
          const start = positionAt(whole, offset);
          return `${start.line}:${start.column}`;
        };
        const firstAt = at(before.length + 1 + first.text.indexOf(first.secret));
        const secondAt = at(before.length + 1 + first.text.length + middle.length + second.text.indexOf(second.secret));
        const found = scanText(whole).filter((f) => f.ruleId === id);
        expect(found.map((f) => `${f.line}:${f.column}`)).toEqual([firstAt, secondAt]);
      }),
      params(Number(process.env.FC_RUNS ?? 1500) / 3),
    );
  });
});

// ------------------------------------------------------------------------------ random text without keys

/**
 * Generic rules left out of the "no findings" property: random text can build what they look for
 * for real. database-url-password: `postgres://` + any user + `:` + a mixed-case password + `@` is a
 * database URL with a password, whatever the characters. private-key: a BEGIN and END marker around
 * 60+ characters of varied letters and digits is a key body by the rule's own definition.
 */
const GENERIC = new Set(['database-url-password', 'private-key']);

/**
 * Non-key separators between every two tokens: no token can run into the next, so no run of key
 * characters is longer than a keyword plus eight; every provider key needs more than that.
 */
const SEPARATORS = [' ', '\t', '\n', '\r\n', '\r', '"', "'", '`', '(', ')', '[', ']', '{', '}', '<', '>', ',', ';', ':', '!', '?', '|', '&', '*', '#', '%', '^', '~', '@', '$', '\\', ' = ', 'é', '日本', '😀'];

const KEYWORDS = [...new Set(builtinRules.flatMap((rule) => rule.keywords))];
const WORD_CHARS = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'];
const word = fc.string({ unit: fc.constantFrom(...WORD_CHARS), minLength: 1, maxLength: 8 });
const token = fc.oneof(
  fc.constantFrom(...KEYWORDS),
  fc.tuple(fc.constantFrom(...KEYWORDS), word).map(([k, w]) => k + w),
  word,
  fc.constantFrom('-----BEGIN PRIVATE KEY-----', '-----END PRIVATE KEY-----', 'TWILIO_AUTH_TOKEN', 'AWS_SECRET_ACCESS_KEY', 'https://'),
);
const keyless = fc
  .array(fc.tuple(token, fc.constantFrom(...SEPARATORS)), { maxLength: 120 })
  .map((pairs) => pairs.map(([t, s]) => t + s).join(''));

const provider = (findings: { ruleId: string }[]) => findings.filter((f) => !GENERIC.has(f.ruleId)).map((f) => f.ruleId);

describe('random text without keys', () => {
  it('never crashes the engine and yields no finding of a provider-specific rule', () => {
    fc.assert(
      fc.property(keyless, (t) => {
        expect(provider(scanText(t))).toEqual([]);
        expect(provider(scanText(t, '.env.local'))).toEqual([]);
      }),
      params(Number(process.env.FC_RUNS ?? 1500) * 3),
    );
  });

  it('the same through the CLI: a folder of such files scans cleanly (exit 0, no provider finding)', async () => {
    const texts = fc.sample(keyless, { numRuns: 40, ...(seed !== undefined ? { seed } : {}) });
    const t = new Tree('property-cli');
    try {
      texts.forEach((content, i) => t.write(`f${i}.txt`, content));
      const result = await sgRun(['scan', t.dir, '--format', 'json']);
      const { report } = parseReport(result);
      expect(result.stderr).toBe('');
      expect(report.summary.filesScanned).toBe(texts.length);
      expect(provider(report.findings), `texts: ${JSON.stringify(texts).slice(0, 2000)}`).toEqual([]);
      expect(result.status).toBe(report.findings.length > 0 ? 1 : 0);
    } finally {
      t.cleanup();
    }
  });

  it('the generator can build a provider key if the separators are taken out (so the property is not vacuous)', () => {
    // Glue tokens together and a Stripe-shaped key appears: the separators are what keep keys out.
    const glued = `x sk_live_${'aB3dE6gH'.repeat(3)}q1 y`;
    expect(provider(scanText(glued))).toEqual(['stripe-live-secret-key']);
  });
});
