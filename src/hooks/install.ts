import { chmod, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import { simpleGit } from 'simple-git';
import { UsageError } from '../errors.js';
import { gitMissing } from '../sources/git/run.js';
import { hookBlock, isEmptyHook, withBlock, withoutBlock } from './hook-block.js';

export interface HookChange {
  /** The hook file, relative to the repository root when inside it. */
  file: string;
  action: 'created' | 'updated' | 'unchanged' | 'removed' | 'absent';
  husky: boolean;
  huskyInactive: boolean;
}

interface HookLocation {
  root: string;
  file: string;
  husky: boolean;
  /** The project uses Husky, but Husky has not set Git's hooks path in this clone (yet). */
  huskyInactive: boolean;
}

/**
 * Where the pre-commit hook lives: `.husky/pre-commit` when Husky is active in this clone (Git's
 * hooks path points into `.husky/`), else the hooks folder Git actually uses. A project that lists
 * Husky but has not run it here gets the Git hook, so the commit is protected now.
 */
async function locateHook(cwd: string): Promise<HookLocation> {
  const git = simpleGit({ baseDir: cwd });
  const root = await git.revparse(['--show-toplevel']).catch((error: Error) => {
    if (/ENOENT|spawn git/i.test(error.message)) throw gitMissing();
    throw new UsageError('not a Git repository (run it inside a Git work tree)');
  });
  // --git-path honours core.hooksPath and linked worktrees; it answers relative to cwd.
  const answer = (await git.raw(['rev-parse', '--git-path', 'hooks'])).trim();
  const hooks = isAbsolute(answer) ? answer : join(cwd, answer);
  const husky = join(root, '.husky');
  if (hooks === husky || hooks.startsWith(husky + sep)) return { root, file: join(husky, 'pre-commit'), husky: true, huskyInactive: false };
  return { root, file: join(hooks, 'pre-commit'), husky: false, huskyInactive: await listsHusky(root) };
}

async function listsHusky(root: string): Promise<boolean> {
  if (await stat(join(root, '.husky')).then((s) => s.isDirectory(), () => false)) return true;
  const manifest = await readFile(join(root, 'package.json'), 'utf8').catch(() => '');
  try {
    const pkg = JSON.parse(manifest || '{}') as { dependencies?: object; devDependencies?: object };
    return 'husky' in (pkg.devDependencies ?? {}) || 'husky' in (pkg.dependencies ?? {});
  } catch {
    return false;
  }
}

/** Add secretguard's block to the pre-commit hook, keeping what the hook already does. Idempotent. */
export async function installHook(cwd: string, installedBin?: string): Promise<HookChange> {
  const where = await locateHook(cwd);
  const before = await readFile(where.file, 'utf8').catch(() => undefined);
  const script = withBlock(before ?? (where.husky ? '' : '#!/bin/sh\n'), hookBlock(where.husky ? undefined : installedBin));
  const change = describe(where, before === undefined ? 'created' : before === script ? 'unchanged' : 'updated');
  if (change.action === 'unchanged') return change;
  await mkdir(join(where.file, '..'), { recursive: true });
  await writeFile(where.file, script);
  await chmod(where.file, 0o755);
  return change;
}

/** Remove only secretguard's block; a hook left empty is deleted. */
export async function uninstallHook(cwd: string): Promise<HookChange> {
  const where = await locateHook(cwd);
  const before = await readFile(where.file, 'utf8').catch(() => undefined);
  if (before === undefined) return describe(where, 'absent');
  const after = withoutBlock(before);
  if (after === before) return describe(where, 'absent');
  if (isEmptyHook(after)) await rm(where.file);
  else await writeFile(where.file, after);
  return describe(where, 'removed');
}

function describe(where: HookLocation, action: HookChange['action']): HookChange {
  const rel = relative(where.root, where.file);
  return { file: rel.startsWith('..') ? where.file : rel, action, husky: where.husky, huskyInactive: where.huskyInactive };
}
