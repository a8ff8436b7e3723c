import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { UsageError } from '../../errors.js';

/**
 * Git processes for bulk content and the pre-commit hot path. Spawned directly (not via
 * simple-git) so output can be streamed and start-up stays cheap. The environment is passed
 * through untouched: under `git commit -a` the hook must see Git's temporary GIT_INDEX_FILE.
 */

const BASE_ARGS = ['-c', 'core.quotePath=false', '-c', 'color.ui=false'];

export function gitMissing(): UsageError {
  return new UsageError('git is not installed or not on PATH');
}

/** One line from git's stderr, turned into something a user can act on. */
export function gitFailure(args: readonly string[], stderr: string): UsageError {
  const lines = stderr.split('\n').filter((l) => l.trim());
  // git often prints an `error:` detail before the `fatal:` line that says what went wrong.
  const line = lines.find((l) => l.startsWith('fatal:')) ?? lines[0] ?? `git ${args[0]} failed`;
  if (/not a git repository/i.test(line)) return new UsageError('not a Git repository (run it inside a Git work tree)');
  return new UsageError(line.replace(/^(fatal|error): /, 'git: '));
}

/** Run git to completion and return its stdout. */
export function git(args: readonly string[], cwd: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', [...BASE_ARGS, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error: NodeJS.ErrnoException) => reject(error.code === 'ENOENT' ? gitMissing() : error));
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out));
      else reject(gitFailure(args, Buffer.concat(err).toString('utf8')));
    });
  });
}

export async function gitText(args: readonly string[], cwd: string): Promise<string> {
  return (await git(args, cwd)).toString('utf8').replace(/\n$/, '');
}

export interface GitStream {
  child: ChildProcessByStdio<Writable, Readable, Readable>;
  /** Resolves when git exits 0; rejects with a UsageError otherwise. */
  done: Promise<void>;
}

/** Start git with stdin and stdout as streams (for `cat-file --batch` and `log -p`). */
export function gitStream(args: readonly string[], cwd: string): GitStream {
  const child = spawn('git', [...BASE_ARGS, ...args], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
  const err: Buffer[] = [];
  child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    child.on('error', (error: NodeJS.ErrnoException) => reject(error.code === 'ENOENT' ? gitMissing() : error));
    child.on('close', (code, signal) => {
      if (code === 0 || signal === 'SIGTERM') resolve();
      else reject(gitFailure(args, Buffer.concat(err).toString('utf8')));
    });
  });
  done.catch(() => undefined);
  return { child, done };
}
