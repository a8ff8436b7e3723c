import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { builtinRules } from '../../src/rules/index.js';
import type { Rule } from '../../src/rules/rule.js';
import { ROOT } from './cli.js';

export const TEMPLATE = join(ROOT, 'fixtures', 'next-app');

export interface PlantedSecret {
  ruleId: string;
  secret: string;
  /** POSIX path relative to the rendered folder. */
  file: string;
}

export interface RenderResult {
  outDir: string;
  secrets: PlantedSecret[];
}

interface RenderModule {
  renderFixture(templateDir: string, outDir: string): RenderResult;
  renderedName(name: string): string;
  /** A fresh fake secret of the rule's shape (its first valid sample). */
  fakeSecret(ruleId: string): string;
}

/** scripts/render-fixture.js (plain JS over dist/, so imported by URL: it has no type declarations). */
export async function loadRenderer(): Promise<RenderModule> {
  const url = pathToFileURL(join(ROOT, 'scripts', 'render-fixture.js')).href;
  return (await import(url)) as RenderModule;
}

const GIT_IDENTITY = ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main'];

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', [...GIT_IDENTITY, ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** `git init`, add everything, commit (no hooks: a global secretguard hook would refuse the commit). */
export function commitAll(dir: string, message = 'initial commit'): void {
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '--no-verify', '-m', message);
}

export function tempDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `secretguard-${label}-`));
}

export interface FixtureRepo extends RenderResult {
  read(file: string): string;
  cleanup(): void;
}

/** fixtures/next-app rendered into a fresh temporary folder, committed to a real Git repository. */
export async function fixtureRepo(label = 'fixture'): Promise<FixtureRepo> {
  const { renderFixture } = await loadRenderer();
  const root = tempDir(label);
  const outDir = join(root, 'acme-store');
  let result: RenderResult;
  try {
    result = renderFixture(TEMPLATE, outDir);
    commitAll(outDir);
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
  return {
    ...result,
    read: (file) => readFileSync(join(outDir, file), 'utf8'),
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** A repository holding only the given files, copied from `fromDir` (same relative paths). */
export function repoWith(fromDir: string, files: readonly string[], label = 'clean'): { dir: string; cleanup(): void } {
  const dir = tempDir(label);
  for (const file of files) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    cpSync(join(fromDir, file), join(dir, file));
  }
  commitAll(dir);
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export const rulesById = new Map<string, Rule>(builtinRules.map((rule) => [rule.id, rule]));

export function ruleOf(ruleId: string): Rule {
  const rule = rulesById.get(ruleId);
  if (!rule) throw new Error(`no rule ${ruleId}`);
  return rule;
}

/** A fresh fake secret of the rule's shape: the secret of its first valid sample. */
export function sampleSecret(ruleId: string): string {
  return ruleOf(ruleId).samples.valid()[0]!.secret;
}

/** Planted secrets a scan must report (publishable keys are public by design and must not be). */
export function leaks(secrets: readonly PlantedSecret[]): PlantedSecret[] {
  return secrets.filter((s) => !ruleOf(s.ruleId).public);
}

export interface Position {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** 1-based line and column of `offset`; every line break the engine knows counts: CRLF, lone CR, LF. */
export function positionAt(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split(/\r\n|\r|\n/);
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

/** 1-based start and just-past-the-end positions of `secret` in `text` (which must hold it exactly once). */
export function positionOf(text: string, secret: string): Position {
  const start = text.indexOf(secret);
  if (start < 0) throw new Error('secret not in text');
  if (text.indexOf(secret, start + 1) >= 0) throw new Error('secret twice in text');
  const from = positionAt(text, start);
  const to = positionAt(text, start + secret.length);
  return { line: from.line, column: from.column, endLine: to.line, endColumn: to.column };
}

/**
 * What a report may show of a secret, computed from the rule alone (the documented contract):
 * the rule's known prefix (redactPrefix, else the longest keyword the secret starts with), an
 * ellipsis, and the last four characters when enough of the body is left to hide (12+ characters)
 * and the rule does not hide the tail (private keys).
 */
export function expectedRedaction(ruleId: string, secret: string): { redacted: string; visible: number } {
  const rule = ruleOf(ruleId);
  let prefix = rule.redactPrefix?.(secret) ?? rule.keywords.filter((k) => secret.startsWith(k)).sort((a, b) => b.length - a.length)[0] ?? '';
  if (!secret.startsWith(prefix)) prefix = '';
  const tail = !rule.hideTail && secret.length - prefix.length >= 12 ? secret.slice(-4) : '';
  // `visible` bounds what may leak: the prefix and four characters (a hidden tail only shows less).
  return { redacted: `${prefix}…${tail}`, visible: prefix.length + 4 };
}
