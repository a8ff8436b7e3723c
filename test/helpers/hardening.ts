import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, cpSync, lstatSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, expect } from 'vitest';
import { builtinRules } from '../../src/rules/index.js';
import type { Rule, RuleSample } from '../../src/rules/rule.js';
import { BIN, cliEnvironment, type CliResult, type JsonReport } from './cli.js';
import { expectedRedaction, ruleOf } from './fixture.js';
import { Repo, tempDir } from './git-repo.js';

/**
 * Shared by the hardening tests (test/hardening-*.test.ts, test/property.test.ts): hostile trees on
 * disk, CLI runs with a JSON report, the one-line error contract, and runs as an unprivileged user.
 * Importing ./git-repo.js first isolates every git call (and the CLI's) from the machine's config.
 */

export const secretRules: readonly Rule[] = builtinRules.filter((rule) => !rule.public);

/** The rule's valid samples that fit on one line (no CR, no LF). */
export function singleLineSamples(rule: Rule): RuleSample[] {
  return rule.samples.valid().filter((s) => !/[\r\n]/.test(s.text));
}

/** A fresh fake secret of `ruleId`'s shape, as a bare single-line sample (the first one there is). */
export function sampleOf(ruleId: string): RuleSample {
  const [sample] = singleLineSamples(ruleOf(ruleId));
  if (!sample) throw new Error(`${ruleId} has no single-line sample`);
  return sample;
}

/** The rule of the key the hardening suites plant everywhere: a Stripe live secret key. */
export const KEY_RULE = 'stripe-live-secret-key';

/** A fresh fake key of KEY_RULE's shape. */
export function key(): string {
  return sampleOf(KEY_RULE).secret;
}

/** How a report shows `secret`, a key of KEY_RULE. */
export function redactedKey(secret: string): string {
  return expectedRedaction(KEY_RULE, secret).redacted;
}

/** `file:line:column` of a finding: a compact expectation. */
export function where(f: { file: string; line: number; column: number }): string {
  return `${f.file}:${f.line}:${f.column}`;
}

export interface JsonRun extends CliResult {
  report: JsonReport;
}

/** Parse a CLI run's stdout as a JSON report; a failure shows what the run printed instead. */
export function parseReport(result: CliResult): JsonRun {
  let report: JsonReport;
  try {
    report = JSON.parse(result.stdout) as JsonReport;
  } catch {
    throw new Error(`not a JSON report (exit ${result.status}): stdout=${result.stdout.slice(0, 300)} stderr=${result.stderr.slice(0, 300)}`);
  }
  return { ...result, report };
}

export interface SpawnOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
  input?: string;
  /** Kill the run after this long (a hang is a failure, not a stuck suite). Default 60 s. */
  timeoutMs?: number;
  /** Run as this command prefix (e.g. setpriv … for an unprivileged user). */
  prefix?: readonly string[];
}

/**
 * `node bin/secretguard.js …` without blocking the test process, with a kill timeout, a chosen
 * environment and optionally a command prefix. Never a TTY. `timedOut` tells a hang from a failure.
 */
export function sgRun(args: readonly string[], options: SpawnOptions = {}): Promise<CliResult & { timedOut: boolean; ms: number }> {
  const [command, ...prefixArgs] = options.prefix?.length ? options.prefix : [process.execPath];
  const argv = options.prefix?.length ? [...prefixArgs, process.execPath, binForOthers(), ...args] : [BIN, ...args];
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command!, argv, { cwd: options.cwd, env: cliEnvironment(options.env) });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs ?? 60_000);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr, timedOut, ms: performance.now() - started });
    });
    child.stdin.end(options.input ?? '');
  });
}

/** The error contract: exit 2, stderr exactly one line `secretguard: …`, no stack trace. */
export function expectCleanError(result: CliResult, pattern?: RegExp): void {
  const context = `exit ${result.status}, stderr: ${JSON.stringify(result.stderr)}`;
  expect(result.status, context).toBe(2);
  expect(result.stderr, context).toMatch(/^secretguard: [^\n]+\n$/);
  expect(result.stderr, context).not.toContain('    at ');
  expect(result.stderr, context).not.toMatch(/unexpected error/);
  if (pattern) expect(result.stderr, context).toMatch(pattern);
}

/** A scan that neither crashed nor errored: exit 0 or 1, nothing on stderr that looks like a trace. */
export function expectCompleted(result: CliResult): void {
  const context = `exit ${result.status}, stderr: ${JSON.stringify(result.stderr)}`;
  expect([0, 1], context).toContain(result.status);
  expect(result.stderr, context).not.toContain('    at ');
  expect(result.stderr, context).not.toMatch(/unexpected error/);
}

/** A temporary folder on disk; `rel` may be a Buffer path (names that are not valid UTF-8). */
export class Tree {
  readonly dir: string;

  constructor(label: string) {
    this.dir = tempDir(label);
  }

  path(rel: string): string {
    return join(this.dir, rel);
  }

  write(rel: string | Buffer, content: string | Buffer): void {
    if (typeof rel === 'string') {
      mkdirSync(dirname(this.path(rel)), { recursive: true });
      writeFileSync(this.path(rel), content);
    } else {
      writeFileSync(Buffer.concat([Buffer.from(this.dir + '/'), rel]), content);
    }
  }

  cleanup(): void {
    // A test may have left a folder unreadable or owned by someone else: make it removable first.
    const open = (path: string) => {
      try {
        const stats = lstatSync(path);
        if (stats.isSymbolicLink()) return;
        chmodSync(path, stats.isDirectory() ? 0o755 : 0o644);
        if (stats.isDirectory()) for (const entry of readdirSync(path)) open(join(path, entry));
      } catch {
        // gone already
      }
    };
    open(this.dir);
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export interface Scratch {
  /** A fresh temporary folder. */
  tree(label: string): Tree;
  /** A fresh repository (`Repo.init`). */
  repo(label: string): Repo;
}

/**
 * Temporary folders and repositories for one test file, all removed after its last test. Call once,
 * at the top level of the file (it registers the `afterAll`).
 */
export function useScratch(): Scratch {
  const trees: Tree[] = [];
  const repos: Repo[] = [];
  afterAll(() => {
    for (const t of trees) t.cleanup();
    for (const r of repos) r.cleanup();
  });
  return {
    tree(label) {
      const t = new Tree(label);
      trees.push(t);
      return t;
    },
    repo(label) {
      const r = Repo.init(label);
      repos.push(r);
      return r;
    },
  };
}

// ---------------------------------------------------------------- an unprivileged user

export const NOBODY = { uid: 65534, gid: 65534 };

/** The command prefix that runs a child as `nobody` (we are root), or undefined when none works. */
export function nobodyPrefix(): string[] | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const candidates = [
    ['setpriv', `--reuid=${NOBODY.uid}`, `--regid=${NOBODY.gid}`, '--clear-groups'],
    ['runuser', '-u', 'nobody', '--'],
  ];
  for (const prefix of candidates) {
    const probe = spawnSync(prefix[0]!, [...prefix.slice(1), 'id', '-u'], { encoding: 'utf8' });
    if (probe.status === 0 && probe.stdout.trim() === String(NOBODY.uid)) return prefix;
  }
  return undefined;
}

let publicBin: string | undefined;

/**
 * The built CLI where another user can run it: a checkout may sit below a folder only root can
 * enter (mktemp -d makes 0700 folders), so the tests that run as nobody use a world-readable copy
 * of what the CLI loads (bin/, dist/, package.json and the one dependency it requires at run time).
 */
function binForOthers(): string {
  if (publicBin) return publicBin;
  const root = join(dirname(BIN), '..');
  const copy = tempDir('public-cli');
  for (const part of ['bin', 'dist', 'package.json', join('node_modules', '@babel', 'parser')]) {
    cpSync(join(root, part), join(copy, part), { recursive: true });
  }
  const open = (path: string) => {
    chmodSync(path, lstatSync(path).isDirectory() ? 0o755 : 0o644);
    if (lstatSync(path).isDirectory()) for (const name of readdirSync(path)) open(join(path, name));
  };
  open(copy);
  chmodSync(join(copy, 'bin', 'secretguard.js'), 0o755);
  for (let dir = dirname(copy); dir !== dirname(dir); dir = dirname(dir)) {
    if ((lstatSync(dir).mode & 0o001) === 0) throw new Error(`${dir} is not searchable by other users: cannot run the CLI as nobody`);
  }
  publicBin = join(copy, 'bin', 'secretguard.js');
  return publicBin;
}

/** Give the whole tree to nobody (so Git trusts it and it can be read), world-readable. */
export function giveToNobody(dir: string): void {
  const walk = (path: string) => {
    const stats = lstatSync(path);
    if (stats.isSymbolicLink()) return;
    chownSync(path, NOBODY.uid, NOBODY.gid);
    chmodSync(path, stats.isDirectory() ? 0o755 : 0o644);
    if (stats.isDirectory()) for (const entry of readdirSync(path)) walk(join(path, entry));
  };
  walk(dir);
}

/** Make `path` unreadable to nobody: owned by root, mode 0600 (files) or 0700 (folders). */
export function lockFromNobody(path: string): void {
  chownSync(path, 0, 0);
  chmodSync(path, lstatSync(path).isDirectory() ? 0o700 : 0o600);
}

/** Git for nobody: the sandbox's global config is root's and unreadable, so point it elsewhere. */
export const NOBODY_ENV = { GIT_CONFIG_GLOBAL: '/dev/null', HOME: '/tmp' };

// ---------------------------------------------------------------- a PATH without git

/** A folder holding only a `node` link: PATH=that folder has node and no git. */
export function pathWithNodeOnly(tree: Tree): string {
  const bin = tree.path('node-only-bin');
  mkdirSync(bin, { recursive: true });
  spawnSync('ln', ['-sf', process.execPath, join(bin, 'node')]);
  const check = spawnSync('/bin/sh', ['-c', 'command -v git || true'], { env: { PATH: bin }, encoding: 'utf8' });
  if (check.stdout.trim()) throw new Error(`git still on PATH ${bin}: ${check.stdout}`);
  return bin;
}


// ---------------------------------------------------------------- redaction checks

/** What a piece of a secret looks like in a JSON string, and in a GitHub workflow command. */
function encodings(piece: string): string[] {
  const json = JSON.stringify(piece).slice(1, -1);
  const data = piece.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const property = data.replace(/:/g, '%3A').replace(/,/g, '%2C');
  return [...new Set([piece, json, data, property])];
}

export interface Planted {
  ruleId: string;
  secret: string;
  /** Where it was planted, for messages. */
  where: string;
}

export interface Output {
  name: string;
  text: string;
}

/**
 * Every place where an output shows more of a planted secret than its visible part (prefix + last
 * four): the whole secret, or any piece one character longer than that part, raw or escaped.
 * `derived` values (fingerprints, commit ids) are cut from the outputs first: they are hex strings
 * that are not the secret, and short hex secrets (a Twilio token shows 4 of 32) would collide.
 */
export function leaksIn(planted: readonly Planted[], outputs: readonly Output[], derived: Iterable<string> = []): string[] {
  const cut = [...new Set(derived)].filter((d) => d.length >= 8);
  const cleaned = outputs.map(({ name, text }) => ({ name, text: cut.reduce((t, d) => t.split(d).join('⟨derived⟩'), text) }));
  // Pieces grouped by length, so that each output is walked once per length.
  const byLength = new Map<number, Map<string, string>>();
  for (const p of planted) {
    const width = Math.min(p.secret.length, expectedRedaction(p.ruleId, p.secret).visible + 1);
    for (let i = 0; i + width <= p.secret.length; i++) {
      for (const piece of encodings(p.secret.slice(i, i + width))) {
        let map = byLength.get(piece.length);
        if (!map) byLength.set(piece.length, (map = new Map()));
        if (!map.has(piece)) map.set(piece, `${p.ruleId} (${p.where}) characters ${i}..${i + width}`);
      }
    }
  }
  const found = new Set<string>();
  for (const { name, text } of cleaned) {
    for (const [length, pieces] of byLength) {
      for (let i = 0; i + length <= text.length; i++) {
        const hit = pieces.get(text.slice(i, i + length));
        if (hit) found.add(`${hit} in ${name}`);
      }
    }
  }
  return [...found].sort();
}
