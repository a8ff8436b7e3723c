import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import { describe, expect, it } from 'vitest';
import { emptySummary, finish } from '../src/engine/run.js';
import { FORMATS, reporters } from '../src/reporters/index.js';
import { FINGERPRINT_KEY, pascalCase, pathToUri, sarifReporter } from '../src/reporters/sarif.js';
import type { ScanResult } from '../src/types.js';
import { COMMIT, ctx, expectNoSecret, reporterFixture, WEIRD_PATH } from './helpers/reporter-fixtures.js';

// ---------------------------------------------------------------------------------------------
// Fixtures: real engine runs over generated text (test/helpers/reporter-fixtures.ts).

const fixture = () => reporterFixture();

function sarifOf(result: ScanResult): Log {
  return JSON.parse(sarifReporter(result, ctx)) as Log;
}

const require = createRequire(import.meta.url);
const schemaFile = join(dirname(require.resolve('@microsoft/jest-sarif/package.json')), 'lib/schemas/sarif-2.1.0-rtm.5.json');
const Ajv = AjvDraft04.default;
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats.default(ajv);
const validateSarif = ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')) as object);

function expectValid(log: unknown): void {
  const ok = validateSarif(log);
  expect(validateSarif.errors ?? [], JSON.stringify(validateSarif.errors, null, 2)).toEqual([]);
  expect(ok).toBe(true);
}

// ---------------------------------------------------------------------------------------------

describe('sarif reporter', () => {
  it('is registered as --format sarif', () => {
    expect(FORMATS).toContain('sarif');
    expect(reporters.sarif).toBe(sarifReporter);
  });

  it('builds the fixture it means to (every finding from the engine)', () => {
    const { result } = fixture();
    expect(result.findings.map((f) => f.ruleId).sort()).toEqual([
      'acme-session-token',
      'stripe-live-restricted-key',
      'stripe-live-secret-key',
      'stripe-test-secret-key',
      'stripe-webhook-secret',
      'stripe-webhook-secret',
    ]);
    expect(result.findings.filter((f) => f.commit !== undefined)).toHaveLength(1);
    expect(new Set(result.findings.map((f) => f.severity))).toEqual(new Set(['critical', 'high', 'medium', 'low']));
  });

  it('validates against the SARIF 2.1.0 schema', () => {
    const log = sarifOf(fixture().result);
    expectValid(log);
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif-2\.1\.0/);
    expect(log.runs).toHaveLength(1);
  });

  it('has a validator that rejects invalid SARIF (so that passing means something)', () => {
    const log = sarifOf(fixture().result);
    expect(validateSarif({ ...log, version: '2.0.0' })).toBe(false);
    const broken = structuredClone(log);
    broken.runs[0]!.results![0]!.level = 'critical' as Result['level'];
    expect(validateSarif(broken)).toBe(false);
    const badUri = structuredClone(log);
    badUri.runs[0]!.results![0]!.locations![0]!.physicalLocation!.artifactLocation!.uri = 'a b\nc';
    expect(validateSarif(badUri)).toBe(false);
  });

  it('validates with no findings too', () => {
    const result = finish({ findings: [], summary: emptySummary() }, performance.now());
    const log = sarifOf(result);
    expectValid(log);
    expect(log.runs[0]!.tool.driver.rules).toEqual([]);
    expect(log.runs[0]!.results).toEqual([]);
  });

  it('describes the tool and one rule per distinct rule id', () => {
    const { result } = fixture();
    const driver = sarifOf(result).runs[0]!.tool.driver;
    expect(driver.name).toBe('secretguard');
    expect(driver.version).toBe('1.2.3');
    expect(driver.informationUri).toMatch(/^https:\/\//);
    const ids = driver.rules!.map((r) => r.id);
    expect(ids).toEqual([...new Set(result.findings.map((f) => f.ruleId))].sort());

    const byId = new Map(driver.rules!.map((r) => [r.id, r] as const));
    const expected: Record<string, { level: string; severity: string }> = {
      'stripe-live-secret-key': { level: 'error', severity: '9.5' },
      'stripe-live-restricted-key': { level: 'error', severity: '9.5' },
      'stripe-webhook-secret': { level: 'error', severity: '8.0' },
      'stripe-test-secret-key': { level: 'warning', severity: '5.5' },
      'acme-session-token': { level: 'note', severity: '3.0' },
    };
    for (const [id, { level, severity }] of Object.entries(expected)) {
      const rule: ReportingDescriptor = byId.get(id)!;
      const finding = result.findings.find((f) => f.ruleId === id)!;
      expect(rule.name).toBe(pascalCase(id));
      expect(rule.shortDescription?.text).toBe(finding.title);
      expect(rule.fullDescription?.text).toContain(finding.title);
      expect(rule.help?.text).toContain(finding.fix);
      expect(rule.help?.markdown).toContain('**Fix:**');
      expect(rule.defaultConfiguration?.level).toBe(level);
      expect(rule.properties?.['security-severity']).toBe(severity);
      expect(rule.properties?.tags).toEqual(['security', 'secret']);
    }
    expect(byId.get('stripe-live-secret-key')!.name).toBe('StripeLiveSecretKey');
  });

  it('reports every finding with its rule, level, message, location and fingerprint', () => {
    const { result } = fixture();
    const run = sarifOf(result).runs[0]!;
    const rules = run.tool.driver.rules!;
    const results: Result[] = run.results!;
    expect(results).toHaveLength(result.findings.length);
    const levels = { critical: 'error', high: 'error', medium: 'warning', low: 'note' } as const;
    result.findings.forEach((finding, i) => {
      const r = results[i]!;
      expect(r.ruleId).toBe(finding.ruleId);
      expect(rules[r.ruleIndex!]!.id).toBe(finding.ruleId);
      expect(r.level).toBe(levels[finding.severity]);
      expect(r.message.text).toBe(finding.message);
      expect(r.message.text).toContain(finding.secret);
      expect(r.locations).toHaveLength(1);
      const physical = r.locations![0]!.physicalLocation!;
      expect(physical.artifactLocation).toEqual({ uri: pathToUri(finding.file), uriBaseId: '%SRCROOT%' });
      expect(decodeURIComponent(physical.artifactLocation!.uri!)).toBe(finding.file);
      expect(physical.region).toEqual({
        startLine: finding.line,
        startColumn: finding.column,
        endLine: finding.endLine,
        endColumn: finding.endColumn,
      });
      expect(r.partialFingerprints).toEqual({ [FINGERPRINT_KEY]: finding.fingerprint });
    });
  });

  it('puts real positions in the regions (single- and multi-line)', () => {
    const { result } = fixture();
    const results = sarifOf(result).runs[0]!.results!;
    const live = results.find((r) => r.ruleId === 'stripe-live-secret-key')!;
    // `export const stripe = new Stripe("` is 34 characters: the key starts in column 35 of line 2.
    expect(live.locations![0]!.physicalLocation!.region).toMatchObject({ startLine: 2, startColumn: 35, endLine: 2 });
    const token = results.find((r) => r.ruleId === 'acme-session-token')!;
    expect(token.locations![0]!.physicalLocation!.region).toEqual({ startLine: 2, startColumn: 1, endLine: 4, endColumn: 25 });
    const historic = results.find((r) => r.ruleId === 'stripe-live-restricted-key')!;
    expect(historic.locations![0]!.physicalLocation!.region).toMatchObject({ startLine: 2, startColumn: 14 });
  });

  it('adds commit, author and date only to findings from history', () => {
    const { result } = fixture();
    const results = sarifOf(result).runs[0]!.results!;
    const historic = results.find((r) => r.ruleId === 'stripe-live-restricted-key')!;
    expect(historic.properties).toEqual({ commit: COMMIT.sha, author: COMMIT.author, date: COMMIT.date });
    for (const r of results.filter((r) => r !== historic)) expect(r.properties).toBeUndefined();
  });

  it('encodes paths as relative URI references', () => {
    const log = sarifOf(fixture().result);
    const uris = log.runs[0]!.results!.map((r) => r.locations![0]!.physicalLocation!.artifactLocation!.uri!);
    expect(uris).toContain('weird/a,b%3Ac%25d%0Aname.ts');
    expect(pathToUri('app/(auth)/page.tsx')).toBe('app/(auth)/page.tsx');
    expect(pathToUri('docs/my notes#1?.md')).toBe('docs/my%20notes%231%3F.md');
    expect(pathToUri('C:/x/y.ts')).toBe('C%3A/x/y.ts');
    expect(pathToUri('src/café.ts')).toBe('src/caf%C3%A9.ts');
    expect(pathToUri('a\\b[1].ts')).toBe('a%5Cb%5B1%5D.ts');
    for (const path of ['app/(auth)/page.tsx', 'docs/my notes#1?.md', 'src/café.ts', WEIRD_PATH, '100%/done.ts']) {
      expect(decodeURIComponent(pathToUri(path))).toBe(path);
    }
  });

  it('never contains a raw secret or a snippet', () => {
    const { result, secrets } = fixture();
    const output = sarifReporter(result, ctx);
    expectNoSecret(output, secrets, { json: true });
    for (const finding of result.findings) expect(output).not.toContain(JSON.stringify(finding.snippet));
    expect(output).not.toContain('"snippet"');
    expect(output).not.toContain('new Stripe(');
  });

  it('lists files that were not scanned as tool notifications', () => {
    const log = sarifOf(fixture().result);
    const notifications = log.runs[0]!.invocations![0]!.toolExecutionNotifications!;
    expect(notifications.map((n) => n.descriptor?.id)).toEqual([
      'secretguard/skipped-unreadable',
      'secretguard/skipped-too-large',
      'secretguard/skipped-symlink',
      'secretguard/skipped-binary',
    ]);
    expect(notifications[0]!.level).toBe('warning');
    expect(notifications[0]!.locations![0]!.physicalLocation!.artifactLocation!.uri).toBe('locked/secret.env');
  });

  it('is deterministic: same input, same bytes, whatever the duration or the order of first appearance', () => {
    const { result } = fixture();
    const first = sarifReporter(result, ctx);
    expect(sarifReporter(result, ctx)).toBe(first);
    const slower = { ...result, summary: { ...result.summary, durationMs: result.summary.durationMs + 5000 } };
    expect(sarifReporter(slower, ctx)).toBe(first);
    const reversed = sarifOf({ ...result, findings: [...result.findings].reverse() });
    expect(reversed.runs[0]!.tool.driver.rules).toEqual(sarifOf(result).runs[0]!.tool.driver.rules);
    expect(first.endsWith('}\n')).toBe(true);
  });
});

describe('pascalCase', () => {
  it('turns rule ids into names', () => {
    expect(pascalCase('stripe-live-secret-key')).toBe('StripeLiveSecretKey');
    expect(pascalCase('aws-access-key-id')).toBe('AwsAccessKeyId');
    expect(pascalCase('openai')).toBe('Openai');
    expect(pascalCase('database-url-2')).toBe('DatabaseUrl2');
  });
});
