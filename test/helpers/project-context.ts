import { spawn } from 'node:child_process';
import { readFile, realpath } from 'node:fs/promises';
import { isAbsolute, join, normalize, sep } from 'node:path';
import type { ProjectContext } from '../../src/checks/check.js';

/**
 * A ProjectContext over a real Git working tree, answered by the git binary itself:
 *
 * - `files`: `git ls-files -co --exclude-standard -z` (tracked plus untracked-not-ignored), the
 *   set a working-tree scan covers;
 * - `ignored(paths)`: `git check-ignore --no-index --stdin -z`, i.e. what the ignore rules
 *   (.gitignore at every level, .git/info/exclude, core.excludesFile) say about each path,
 *   whether it is tracked or not (`--no-index`) and whether it exists or not;
 * - `readText(path)`: the working-tree file as UTF-8, undefined when missing, not a file, or
 *   outside the root.
 *
 * Every path crosses the process boundary NUL-separated (`-z`), so names with spaces, quotes,
 * newlines or non-ASCII characters need no quoting.
 */
export async function gitProjectContext(dir: string): Promise<ProjectContext> {
  const top = (await git(dir, ['rev-parse', '--show-toplevel'])).replace(/\r?\n$/, '');
  const root = await realpath(top);
  const files = [...new Set(splitNul(await git(root, ['ls-files', '-co', '--exclude-standard', '-z'])))];
  return {
    root,
    inGit: true,
    files,
    async ignored(paths) {
      if (paths.length === 0) return new Set();
      const output = await git(root, ['check-ignore', '--no-index', '--stdin', '-z'], paths.map((p) => `${p}\0`).join(''), [0, 1]);
      return new Set(splitNul(output));
    },
    async readText(path) {
      if (isAbsolute(path) || normalize(path).split(sep).includes('..')) return undefined;
      try {
        return await readFile(join(root, path), 'utf8');
      } catch {
        return undefined;
      }
    },
  };
}

function splitNul(output: string): string[] {
  return output.split('\0').filter((part) => part.length > 0);
}

/** Run git in `cwd`; resolve stdout when the exit code is one of `ok` (check-ignore exits 1 when nothing is ignored). */
function git(cwd: string, args: readonly string[], input = '', ok: readonly number[] = [0]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== null && ok.includes(code)) resolve(Buffer.concat(stdout).toString('utf8'));
      else reject(new Error(`git ${args.join(' ')} failed (${code}): ${Buffer.concat(stderr).toString('utf8').trim()}`));
    });
    child.stdin.on('error', () => {}); // git may exit before reading everything; 'close' reports it
    child.stdin.end(input);
  });
}
