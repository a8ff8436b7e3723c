import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { afterAll, expect } from 'vitest';
import { stripeRules } from '../../src/rules/providers/stripe.js';
import { BIN, runCli, type CliResult } from './cli.js';

/**
 * Real temporary Git repositories driven by the real git binary, isolated from the machine's own
 * Git configuration (a global core.hooksPath or a global secretguard hook must not leak in).
 */

const TMP = realpathSync(tmpdir());
const SANDBOX = mkdtempSync(join(TMP, 'secretguard-gitenv-'));
const GLOBAL_CONFIG = join(SANDBOX, 'gitconfig');
writeFileSync(
  GLOBAL_CONFIG,
  '[user]\n\tname = t\n\temail = t@example.com\n[commit]\n\tgpgsign = false\n[init]\n\tdefaultBranch = main\n[core]\n\tautocrlf = false\n',
);
// Registered while the importing test file is collected: runs once, after all of its tests.
afterAll(() => rmSync(SANDBOX, { recursive: true, force: true }));

// Applied to this test process too: the library (scanStaged, scanCommits) spawns git with process.env.
for (const name of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_PREFIX', 'GIT_OBJECT_DIRECTORY', 'GIT_ALTERNATE_OBJECT_DIRECTORIES', 'GIT_COMMON_DIR', 'HUSKY']) {
  delete process.env[name];
}
process.env.GIT_CONFIG_GLOBAL = GLOBAL_CONFIG;
process.env.GIT_CONFIG_NOSYSTEM = '1';
process.env.GIT_CEILING_DIRECTORIES = TMP;
process.env.XDG_CONFIG_HOME = SANDBOX; // husky's ~/.config/husky/init.sh
process.env.GIT_TERMINAL_PROMPT = '0';

/** The identity flags the brief asks for, on every git call (also set in the isolated global config). */
export const GIT_FLAGS = ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main'];

const liveKeyRule = stripeRules.find((r) => r.id === 'stripe-live-secret-key')!;

/** A fresh fake Stripe live secret key of the real shape (built at run time, never written in a file). */
export function freshKey(): string {
  return liveKeyRule.samples.valid()[0]!.secret;
}

/** The same key as reports must show it: prefix, ellipsis, last four characters. */
export function redacted(key: string): string {
  return `sk_live_…${key.slice(-4)}`;
}

export interface GitResult extends CliResult {
  status: number | null;
}

export interface RunOptions {
  env?: Record<string, string | undefined>;
  input?: string;
}

function envWith(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const [name, value] of Object.entries(extra)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}

/** Run git; never throws (for commands expected to fail, such as a commit a hook refuses). */
export function gitTry(cwd: string, args: readonly string[], options: RunOptions = {}): GitResult {
  const result = spawnSync('git', [...GIT_FLAGS, ...args], {
    cwd,
    env: envWith(options.env),
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: 30_000,
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Run git and return stdout; throws with git's stderr when it fails. */
export function gitOk(cwd: string, args: readonly string[], options: RunOptions = {}): string {
  const result = gitTry(cwd, args, options);
  if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  return result.stdout;
}

export function tempDir(label: string): string {
  return mkdtempSync(join(TMP, `secretguard-${label}-`));
}

let clock = Date.parse('2024-01-01T00:00:00Z');

/** Commit dates one minute apart: log order and reported dates are deterministic. */
function nextDate(): string {
  clock += 60_000;
  return new Date(clock).toISOString().replace('.000Z', 'Z');
}

export interface CommitOptions {
  author?: { name: string; email: string };
  /** Author (and committer) date, ISO 8601. Default: the next tick of a fake clock. */
  date?: string;
  /** Extra arguments to `git commit` (e.g. `-a`, paths). */
  args?: string[];
  /** Run the hooks (default: --no-verify, so planting keys in history is possible). */
  verify?: boolean;
  env?: Record<string, string | undefined>;
}

export class Repo {
  constructor(readonly dir: string) {}

  /** `git init` (main branch) in a fresh temporary folder. */
  static init(label: string, extraInitArgs: string[] = []): Repo {
    const dir = tempDir(label);
    gitOk(dir, ['init', '-q', '-b', 'main', ...extraInitArgs]);
    const repo = new Repo(dir);
    for (const [key, value] of [
      ['user.name', 't'],
      ['user.email', 't@example.com'],
      ['commit.gpgsign', 'false'],
    ] as const) {
      repo.git('config', key, value);
    }
    return repo;
  }

  path(rel: string): string {
    return join(this.dir, rel);
  }

  git(...args: string[]): string {
    return gitOk(this.dir, args);
  }

  gitTry(args: readonly string[], options: RunOptions = {}): GitResult {
    return gitTry(this.dir, args, options);
  }

  write(rel: string, content: string | Buffer): void {
    mkdirSync(dirname(this.path(rel)), { recursive: true });
    writeFileSync(this.path(rel), content);
  }

  read(rel: string): string {
    return readFileSync(this.path(rel), 'utf8');
  }

  /** `git add -A` (every path, whatever its name). */
  addAll(): void {
    this.git('add', '-A');
  }

  /** Commit what is staged (after `git add -A` unless `args` are given); returns the new sha. */
  commit(message: string, options: CommitOptions = {}): string {
    if (!options.args) this.addAll();
    const date = options.date ?? nextDate();
    const env: Record<string, string | undefined> = { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date, ...options.env };
    if (options.author) {
      env.GIT_AUTHOR_NAME = options.author.name;
      env.GIT_AUTHOR_EMAIL = options.author.email;
    }
    gitOk(this.dir, ['commit', '-q', ...(options.verify ? [] : ['--no-verify']), '-m', message, ...(options.args ?? [])], { env });
    return this.head();
  }

  head(ref = 'HEAD'): string {
    return this.git('rev-parse', ref).trim();
  }

  /** `git rev-list --count HEAD` (0 before the first commit). */
  count(): number {
    const result = this.gitTry(['rev-list', '--count', 'HEAD']);
    return result.status === 0 ? Number(result.stdout.trim()) : 0;
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** `node bin/secretguard.js …` with cwd = a temporary repository. */
export function sg(cwd: string, args: readonly string[], env?: Record<string, string | undefined>): CliResult {
  return runCli(args, { cwd, env });
}

export { BIN };

/** A PATH holding node and git (and the usual system folders) but no secretguard. */
export function pathWithoutSecretguard(): string {
  const git = spawnSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).stdout.trim();
  const dirs = [dirname(process.execPath), git ? dirname(git) : '', '/usr/bin', '/bin'];
  return [...new Set(dirs.filter(Boolean))].join(delimiter);
}

/** The full key must never reach a terminal: neither whole nor its hidden middle. */
export function expectNoFullKey(output: string, key: string): void {
  expect(output).not.toContain(key);
  expect(output).not.toContain(key.slice('sk_live_'.length, -4));
}

/** One line on stderr, prefixed `secretguard: `, and nothing on stdout. */
export function expectOneLineError(result: CliResult, pattern: RegExp): void {
  expect(result.status).toBe(2);
  expect(result.stderr).toMatch(/^secretguard: [^\n]+\n$/);
  expect(result.stderr).toMatch(pattern);
  expect(result.stdout).toBe('');
}
