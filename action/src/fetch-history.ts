import { UsageError } from '../../src/errors.js';
import { gitText } from '../../src/sources/git/run.js';

const DEPTHS = [50, 250, 1000];

const FETCH_DEPTH_HINT = 'set fetch-depth: 0 on actions/checkout so secretguard can read every commit';

async function succeeds(args: string[], cwd: string): Promise<boolean> {
  return gitText(args, cwd).then(
    () => true,
    () => false,
  );
}

export async function isShallow(cwd: string): Promise<boolean> {
  return (await gitText(['rev-parse', '--is-shallow-repository'], cwd)) === 'true';
}

/**
 * actions/checkout clones one commit deep by default. Fetch what `base..head` needs, deepening
 * until their merge base is present (bounded); a range that cannot be read fails, never passes.
 */
export async function ensureRange(base: string, head: string, cwd: string, log: (line: string) => void): Promise<void> {
  const ready = () => succeeds(['merge-base', '--end-of-options', base, head], cwd);
  if (await ready()) return;
  if (!(await isShallow(cwd))) {
    log(`fetching ${base.slice(0, 12)} and ${head.slice(0, 12)}`);
    await succeeds(['fetch', '--no-tags', '--quiet', 'origin', base, head], cwd);
    if (await ready()) return;
    throw new UsageError(`cannot read the commits ${base.slice(0, 12)}..${head.slice(0, 12)}: they are not in this clone and could not be fetched`);
  }
  for (const depth of DEPTHS) {
    if (await ready()) return;
    log(`shallow clone: fetching ${depth} commits of history for ${base.slice(0, 12)}..${head.slice(0, 12)}`);
    await succeeds(['fetch', '--no-tags', '--quiet', `--depth=${depth}`, 'origin', base, head], cwd);
  }
  if (await ready()) return;
  log('shallow clone: fetching the whole history');
  await succeeds(['fetch', '--no-tags', '--quiet', '--unshallow', 'origin'], cwd);
  if (await ready()) return;
  throw new UsageError(`cannot read the commits ${base.slice(0, 12)}..${head.slice(0, 12)}: ${FETCH_DEPTH_HINT}`);
}

/** A new branch: what it adds over the default branch, if that can be fetched; else undefined. */
export async function branchBase(head: string, defaultBranch: string | undefined, cwd: string): Promise<string | undefined> {
  if (!defaultBranch) return undefined;
  const ref = `refs/remotes/origin/${defaultBranch}`;
  if (!(await succeeds(['rev-parse', '--verify', '--quiet', ref], cwd))) {
    await succeeds(['fetch', '--no-tags', '--quiet', 'origin', `+refs/heads/${defaultBranch}:${ref}`], cwd);
  }
  if (!(await succeeds(['rev-parse', '--verify', '--quiet', ref], cwd))) return undefined;
  try {
    await ensureRange(ref, head, cwd, () => undefined);
    return ref;
  } catch {
    return undefined;
  }
}

/** The single commit `head`, with its parent present so that only its own changes count. */
export async function ensureParent(head: string, cwd: string): Promise<void> {
  if (!(await isShallow(cwd))) return;
  if (await succeeds(['rev-parse', '--verify', '--quiet', `${head}^`], cwd)) return;
  await succeeds(['fetch', '--no-tags', '--quiet', '--deepen=1', 'origin', head], cwd);
}

export async function ensureFullHistory(cwd: string): Promise<void> {
  if (!(await isShallow(cwd))) return;
  if (!(await succeeds(['fetch', '--no-tags', '--quiet', '--unshallow', 'origin'], cwd)) || (await isShallow(cwd))) {
    throw new UsageError(`mode: history needs the whole history: ${FETCH_DEPTH_HINT}`);
  }
}
