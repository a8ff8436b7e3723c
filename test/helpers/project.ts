import { afterEach, expect } from 'vitest';
import { stripeRules } from '../../src/rules/providers/stripe.js';
import type { Finding, ScanSummary } from '../../src/types.js';
import type { CliResult, JsonReport } from './cli.js';
import { expectNoFullKey, Repo, sg } from './git-repo.js';

/**
 * Shared by the config and baseline tests: temporary repositories (cleaned after each test), fresh
 * fake keys built at run time, and the CLI's JSON report parsed.
 */

const liveRule = stripeRules.find((r) => r.id === 'stripe-live-secret-key')!;
const testRule = stripeRules.find((r) => r.id === 'stripe-test-secret-key')!;

const keys: string[] = [];
const repos: Repo[] = [];

/** Call once per test file: repositories are removed and the key list reset after each test. */
export function useProjects(): void {
  afterEach(() => {
    for (const repo of repos.splice(0)) repo.cleanup();
    keys.length = 0;
  });
}

/** A fresh Stripe live secret key (critical); every CLI run checks it never appears in full. */
export function liveKey(): string {
  const key = liveRule.samples.valid()[0]!.secret;
  keys.push(key);
  return key;
}

/** A fresh Stripe test secret key (medium). */
export function testKey(): string {
  const key = testRule.samples.valid()[0]!.secret;
  keys.push(key);
  return key;
}

/** How reports show a Stripe key: prefix, ellipsis, last four characters. */
export function shown(key: string): string {
  return `${key.slice(0, 8)}…${key.slice(-4)}`;
}

/** A repository with one clean commit (README.md). */
export function project(label: string): Repo {
  const repo = Repo.init(label);
  repos.push(repo);
  repo.write('README.md', '# demo\n');
  repo.commit('initial');
  return repo;
}

/** Register a repository made some other way for cleanup. */
export function track(repo: Repo): Repo {
  repos.push(repo);
  return repo;
}

/** `secretguard …args` in `cwd`; the output never holds any key of this test in full. */
export function cli(cwd: string, args: readonly string[]): CliResult {
  const result = sg(cwd, args);
  for (const key of keys) expectNoFullKey(result.stdout + result.stderr, key);
  return result;
}

export interface JsonRun {
  status: number | null;
  stderr: string;
  findings: Finding[];
  summary: ScanSummary;
}

/** `secretguard …args --format json`, parsed (fails the test with stderr when there is no report). */
export function cliJson(cwd: string, args: readonly string[]): JsonRun {
  const result = cli(cwd, [...args, '--format', 'json']);
  expect(result.stdout, `no JSON report; exit ${result.status}; stderr: ${result.stderr}`).not.toBe('');
  const report = JSON.parse(result.stdout) as JsonReport;
  expect(report.version).toBe(1);
  return { status: result.status, stderr: result.stderr, findings: report.findings, summary: report.summary };
}

/** The (file, ruleId, secret as shown) of each finding, for exact comparisons. */
export function brief(findings: readonly Finding[]): { file: string; ruleId: string; secret: string; severity: string }[] {
  return findings.map((f) => ({ file: f.file, ruleId: f.ruleId, secret: f.secret, severity: f.severity }));
}

/** A TypeScript line that holds `key`. */
export function codeLine(name: string, key: string): string {
  return `export const ${name} = '${key}';\n`;
}
