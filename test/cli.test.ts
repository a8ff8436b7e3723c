import { appendFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileChecks, projectChecks } from '../src/checks/index.js';
import { ANSI, runCli, type JsonReport } from './helpers/cli.js';
import {
  expectedRedaction,
  fixtureRepo,
  git,
  leaks,
  loadRenderer,
  positionOf,
  repoWith,
  ruleOf,
  type FixtureRepo,
  type PlantedSecret,
} from './helpers/fixture.js';

/** The project checks the demo app trips on purpose, beside its planted keys (one finding each). */
const CHECK_FINDINGS = [
  { ruleId: 'client-secret-call', file: 'app/components/ChatBox.tsx' },
  { ruleId: 'env-file-committed', file: '.env.production' },
];
const CHECK_IDS = new Set([...fileChecks, ...projectChecks].map((check) => check.id));
const isCheckRow = (line: string) => [...CHECK_IDS].some((id) => line.endsWith(`  ${id}`));
const ruleFindings = <T extends { ruleId: string }>(findings: T[]) => findings.filter((f) => !CHECK_IDS.has(f.ruleId));

/** Files of the template that hold only placeholders: never reported. */
const CLEAN_FILES = ['.env.example', 'docs/SETUP.md'];

let repo: FixtureRepo;
let expected: PlantedSecret[];

beforeAll(async () => {
  repo = await fixtureRepo('cli');
  expected = leaks(repo.secrets);
});
afterAll(() => repo?.cleanup());

function scanJson(args: string[] = []): { status: number | null; report: JsonReport; stderr: string } {
  const result = runCli(['scan', repo.outDir, '--format', 'json', ...args]);
  return { status: result.status, report: JSON.parse(result.stdout) as JsonReport, stderr: result.stderr };
}

const place = (f: { file: string; line: number; column: number }) => `${f.file}:${f.line}:${f.column}`;

describe('the rendered fixture', () => {
  it('plants leaks in several files, publishable keys, and commits every planted file', () => {
    expect(expected.length).toBeGreaterThanOrEqual(5);
    expect(new Set(expected.map((s) => s.file)).size).toBeGreaterThanOrEqual(4);
    expect(repo.secrets.some((s) => ruleOf(s.ruleId).public)).toBe(true);
    const tracked = git(repo.outDir, 'ls-files').split('\n');
    for (const s of repo.secrets) expect(tracked, s.file).toContain(s.file);
    for (const file of CLEAN_FILES) expect(tracked).toContain(file);
    for (const s of repo.secrets) expect(repo.read(s.file)).toContain(s.secret);
  });
});

describe('scan of a repository with leaks: text', () => {
  let out: { status: number | null; stdout: string; stderr: string };
  beforeAll(() => {
    out = runCli(['scan', repo.outDir]);
  });

  it('exits 1', () => {
    expect(out.status).toBe(1);
  });

  it('groups findings under one header per file, in path order, each as file:line:column', () => {
    const headers: string[] = [];
    const places: string[] = [];
    let current: string | undefined;
    for (const line of out.stdout.split('\n')) {
      const finding = /^ {2}(\S+):(\d+):(\d+) {2}/.exec(line);
      if (finding && isCheckRow(line)) continue;
      if (finding) {
        expect(finding[1], `${line} is under the header of ${current}`).toBe(current);
        places.push(`${finding[1]}:${finding[2]}:${finding[3]}`);
      } else if (line !== '' && !line.startsWith(' ') && !/^[✖✔]/.test(line)) {
        headers.push(line);
        current = line;
      }
    }
    const files = [...new Set(expected.map((s) => s.file))].sort();
    expect(headers).toEqual(files);
    const wanted = expected.map((s) => place({ file: s.file, ...positionOf(repo.read(s.file), s.secret) }));
    expect(places.sort()).toEqual(wanted.sort());
  });

  it('names each rule, shows the fix, and ends with a summary line counting the findings', () => {
    for (const s of expected) {
      const { line, column } = positionOf(repo.read(s.file), s.secret);
      const row = out.stdout.split('\n').find((l) => l.startsWith(`  ${s.file}:${line}:${column}  `));
      expect(row, s.ruleId).toBeDefined();
      expect(row).toContain(s.ruleId);
      expect(row).toContain(ruleOf(s.ruleId).title);
      expect(row).toContain(expectedRedaction(s.ruleId, s.secret).redacted);
    }
    expect(out.stdout).toContain(`fix: ${ruleOf(expected[0]!.ruleId).fix}`);
    const lines = out.stdout.trimEnd().split('\n');
    expect(lines[lines.length - 1]).toMatch(new RegExp(`^✖ ${expected.length + CHECK_FINDINGS.length} findings \\(`));
  });

  it('has no colour when stdout is not a terminal', () => {
    expect(out.stdout).not.toMatch(ANSI);
  });
});

describe('scan of a repository with leaks: JSON', () => {
  let status: number | null;
  let report: JsonReport;
  beforeAll(() => {
    ({ status, report } = scanJson());
  });

  it('exits 1 and prints one JSON document of version 1', () => {
    expect(status).toBe(1);
    expect(report.version).toBe(1);
    expect(Array.isArray(report.findings)).toBe(true);
  });

  it('reports exactly the planted leaks: none in .env.example, the docs, or for publishable keys', () => {
    expect(ruleFindings(report.findings).map(place).sort()).toEqual(
      expected.map((s) => place({ file: s.file, ...positionOf(repo.read(s.file), s.secret) })).sort(),
    );
    for (const f of report.findings) expect(CLEAN_FILES).not.toContain(f.file);
  });

  it('reports the project checks the demo app trips: a client component calling OpenAI, a committed env file', () => {
    const checks = report.findings.filter((f) => CHECK_IDS.has(f.ruleId)).map((f) => ({ ruleId: f.ruleId, file: f.file }));
    expect(checks.sort((a, b) => a.ruleId.localeCompare(b.ruleId))).toEqual(CHECK_FINDINGS);
  });

  it('finds each planted secret at its line and column, with its rule, redacted', () => {
    for (const s of expected) {
      const pos = positionOf(repo.read(s.file), s.secret);
      const finding = report.findings.find((f) => f.file === s.file && f.line === pos.line && f.column === pos.column);
      expect(finding, `${s.ruleId} in ${s.file}`).toBeDefined();
      const rule = ruleOf(s.ruleId);
      expect(finding).toMatchObject({
        ruleId: s.ruleId,
        provider: rule.provider,
        title: rule.title,
        severity: rule.severity,
        endLine: pos.endLine,
        endColumn: pos.endColumn,
        secret: expectedRedaction(s.ruleId, s.secret).redacted,
        fix: rule.fix,
      });
      expect(finding!.message).toContain(finding!.secret);
      expect(finding!.fingerprint).toMatch(/^\S{8,}$/);
      expect(finding!.snippet).not.toContain(s.secret);
    }
  });

  it('gives every finding the documented fields and a distinct fingerprint', () => {
    for (const f of report.findings) {
      for (const key of ['ruleId', 'provider', 'title', 'file', 'secret', 'fingerprint', 'message', 'fix', 'snippet'] as const) {
        expect(typeof f[key], key).toBe('string');
        // A check that points at code rather than a value (a client component's API call) has no secret.
        if (key === 'secret' && CHECK_IDS.has(f.ruleId)) continue;
        expect(f[key].length, key).toBeGreaterThan(0);
      }
      expect(['critical', 'high', 'medium', 'low']).toContain(f.severity);
      for (const key of ['line', 'column', 'endLine', 'endColumn'] as const) expect(Number.isInteger(f[key]) && f[key] >= 1, key).toBe(true);
      expect(f.endLine).toBeGreaterThanOrEqual(f.line);
    }
    expect(new Set(report.findings.map((f) => f.fingerprint)).size).toBe(report.findings.length);
  });

  it('summarises: counts by severity, files and bytes scanned, nothing skipped', () => {
    const { summary } = report;
    expect(summary.findings).toBe(report.findings.length);
    const bySeverity: Record<string, number> = { critical: 0, high: 0, medium: 0, low: 0 };
    for (const f of report.findings) bySeverity[f.severity]!++;
    expect(summary.bySeverity).toEqual(bySeverity);
    const files = git(repo.outDir, 'ls-files').trim().split('\n');
    expect(summary.filesScanned).toBe(files.length);
    const bytes = files.reduce((n, file) => n + readFileSync(join(repo.outDir, file)).length, 0);
    expect(summary.bytesScanned).toBe(bytes);
    expect(summary.skipped).toEqual({ binary: 0, tooLarge: [], symlink: [], unreadable: [], repositories: [] });
    expect(summary.suppressed).toEqual({ inline: 0, allowlist: 0, baseline: 0 });
    expect(typeof summary.durationMs).toBe('number');
  });

  it('keeps fingerprints when lines shift, and moves the line', () => {
    const s = expected.find((e) => e.file === 'config/legacy.ts') ?? expected[0]!;
    const before = report.findings.find((f) => f.file === s.file && f.line === positionOf(repo.read(s.file), s.secret).line)!;
    const path = join(repo.outDir, s.file);
    const original = readFileSync(path, 'utf8');
    try {
      writeFileSync(path, '// a new first line\n' + original);
      const after = scanJson().report.findings.find((f) => f.fingerprint === before.fingerprint);
      expect(after).toMatchObject({ file: s.file, line: before.line + 1, column: before.column, ruleId: before.ruleId });
    } finally {
      writeFileSync(path, original);
    }
  });
});

describe('--output', () => {
  it('writes the JSON report to the file, nothing to stdout, the summary line to stderr', () => {
    const file = join(repo.outDir, '..', 'report.json');
    const result = runCli(['scan', repo.outDir, '--format', 'json', '--output', file]);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(new RegExp(`✖ ${expected.length + CHECK_FINDINGS.length} findings`));
    expect(existsSync(file)).toBe(true);
    const written = JSON.parse(readFileSync(file, 'utf8')) as JsonReport;
    expect(written.version).toBe(1);
    expect(written.findings).toEqual(scanJson().report.findings);
  });

  it('never colours the report file, even with FORCE_COLOR=1', () => {
    const file = join(repo.outDir, '..', 'report-forced.txt');
    const result = runCli(['scan', repo.outDir, '--output', file], { env: { FORCE_COLOR: '1' } });
    expect(result.status).toBe(1);
    expect(readFileSync(file, 'utf8')).not.toMatch(ANSI);
  });

  it('writes the text report to the file, without colour', () => {
    const file = join(repo.outDir, '..', 'report.txt');
    const result = runCli(['scan', repo.outDir, '-o', file]);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    const text = readFileSync(file, 'utf8');
    expect(text).not.toMatch(ANSI);
    for (const s of expected) expect(text).toContain(`${s.file}:${positionOf(repo.read(s.file), s.secret).line}:`);
  });

  it('exits 2 with one line when the file cannot be written', () => {
    const result = runCli(['scan', repo.outDir, '--output', join(repo.outDir, 'no-such-dir', 'r.json')]);
    expect(result.status).toBe(2);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^secretguard: cannot write /);
  });
});

describe('a clean tree', () => {
  let clean: { dir: string; cleanup(): void };
  beforeAll(() => {
    clean = repoWith(repo.outDir, CLEAN_FILES);
  });
  afterAll(() => clean?.cleanup());

  it('.env.example and the docs placeholders alone: exit 0, "no secrets found"', () => {
    const result = runCli(['scan', clean.dir]);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('no secrets found');
    expect(result.status).toBe(0);
  });

  it('JSON: no findings, both files scanned', () => {
    const result = runCli(['scan', clean.dir, '--format', 'json']);
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.findings).toEqual([]);
    expect(report.summary.filesScanned).toBe(CLEAN_FILES.length);
  });
});

describe('errors', () => {
  it('a missing path: exit 2, one line on stderr naming it, no stack trace', () => {
    const missing = join(repo.outDir, 'does-not-exist');
    const result = runCli(['scan', missing]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^secretguard: /);
    expect(lines[0]).toContain(missing);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('an unknown option: exit 2, no stack trace', () => {
    const result = runCli(['scan', repo.outDir, '--no-such-option']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^secretguard: /);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('standard input', () => {
  it('- with --stdin-name: findings under that name, at the right places', () => {
    const file = 'config/legacy.ts';
    const planted = expected.filter((s) => s.file === file);
    expect(planted.length).toBeGreaterThan(0);
    const text = repo.read(file);
    const result = runCli(['scan', '-', '--stdin-name', 'src/legacy.ts', '--format', 'json'], { input: text });
    expect(result.status).toBe(1);
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.findings.map(place).sort()).toEqual(planted.map((s) => place({ ...positionOf(text, s.secret), file: 'src/legacy.ts' })).sort());
    expect(report.summary.filesScanned).toBe(1);
  });

  it('counts lines and columns the same with CRLF line endings', () => {
    const file = 'config/legacy.ts';
    const text = repo.read(file);
    const crlf = text.replace(/\n/g, '\r\n');
    const result = runCli(['scan', '-', '--stdin-name', file, '--format', 'json'], { input: crlf });
    expect(result.status).toBe(1);
    const report = JSON.parse(result.stdout) as JsonReport;
    const planted = expected.filter((s) => s.file === file);
    expect(report.findings.map(place).sort()).toEqual(planted.map((s) => place({ file, ...positionOf(text, s.secret) })).sort());
  });

  it('- without --stdin-name is called stdin; a clean input exits 0', () => {
    const [leak] = expected;
    const dirty = runCli(['scan', '-'], { input: repo.read(leak!.file) });
    expect(dirty.status).toBe(1);
    expect(dirty.stdout).toMatch(/^stdin$/m);
    expect(dirty.stdout).toMatch(/^ {2}stdin:\d+:\d+ /m);
    const clean = runCli(['scan', '-', '--stdin-name', '.env.example'], { input: repo.read('.env.example') });
    expect(clean.stdout).toContain('no secrets found');
    expect(clean.status).toBe(0);
  });
});

describe('colour', () => {
  const scanText = (env: Record<string, string | undefined>) => runCli(['scan', repo.outDir], { env }).stdout;

  it('FORCE_COLOR=1 colours a pipe', () => {
    expect(scanText({ FORCE_COLOR: '1' })).toMatch(ANSI);
  });

  it('NO_COLOR wins over FORCE_COLOR', () => {
    expect(scanText({ FORCE_COLOR: '1', NO_COLOR: '1' })).not.toMatch(ANSI);
  });

  it('an empty NO_COLOR is ignored (no-color.org)', () => {
    expect(scanText({ FORCE_COLOR: '1', NO_COLOR: '' })).toMatch(ANSI);
  });

  it('FORCE_COLOR=0 and FORCE_COLOR=false turn colour off', () => {
    expect(scanText({ FORCE_COLOR: '0' })).not.toMatch(ANSI);
    expect(scanText({ FORCE_COLOR: 'false' })).not.toMatch(ANSI);
  });

  it('JSON is never coloured', () => {
    const result = runCli(['scan', repo.outDir, '--format', 'json'], { env: { FORCE_COLOR: '1' } });
    expect(result.stdout).not.toMatch(ANSI);
    expect(() => JSON.parse(result.stdout)).not.toThrow();
  });

  it('colour does not change the text beyond escape codes', () => {
    const plain = scanText({});
    const coloured = scanText({ FORCE_COLOR: '1' }).replace(new RegExp(ANSI.source, 'g'), '');
    const withoutTiming = (s: string) => s.replace(/\d+\.\d+s\n$/, '');
    expect(withoutTiming(coloured)).toBe(withoutTiming(plain));
  });
});

describe('which files of a repository are scanned', () => {
  it('untracked files are, files the .gitignore covers (.env.local) are not', async () => {
    const { fakeSecret } = await loadRenderer();
    const ignored = join(repo.outDir, '.env.local');
    const untracked = join(repo.outDir, 'notes.txt');
    expect(git(repo.outDir, 'check-ignore', '.env.local').trim()).toBe('.env.local');
    try {
      writeFileSync(ignored, `STRIPE_SECRET_KEY=${fakeSecret('stripe-live-secret-key')}\n`);
      writeFileSync(untracked, `staging key: ${fakeSecret('stripe-live-secret-key')}\n`);
      const files = scanJson().report.findings.map((f) => f.file);
      expect(files).toContain('notes.txt');
      expect(files).not.toContain('.env.local');
      expect(files).toHaveLength(expected.length + CHECK_FINDINGS.length + 1);
    } finally {
      rmSync(ignored, { force: true });
      rmSync(untracked, { force: true });
    }
  });
});

describe('a secret committed and then edited out of the working tree', () => {
  it('is not reported by a working-tree scan (history is another command)', () => {
    const s = expected.find((e) => e.file === 'lib/email.ts');
    if (!s) return expect.unreachable('lib/email.ts should hold a planted secret');
    const path = join(repo.outDir, s.file);
    const original = readFileSync(path, 'utf8');
    try {
      writeFileSync(path, original.replace(`'${s.secret}'`, 'process.env.RESEND_API_KEY!'));
      appendFileSync(path, '\n');
      const { report } = scanJson();
      expect(report.findings.filter((f) => f.file === s.file)).toEqual([]);
      expect(ruleFindings(report.findings)).toHaveLength(expected.length - expected.filter((e) => e.file === s.file).length);
    } finally {
      writeFileSync(path, original);
    }
  });
});
