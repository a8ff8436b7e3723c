import { readFile } from 'node:fs/promises';
import { isAbsolute, join, normalize, resolve, sep } from 'node:path';
import type { ProjectContext } from '../checks/check.js';
import { gitStream } from './git/run.js';
import type { WorkingTree } from './working-tree.js';

/**
 * What project checks may ask about a scanned tree. Ignore questions go to Git itself
 * (`git check-ignore --no-index`: every ignore source, tracked or not, existing or not), or
 * outside Git to the same `.gitignore` evaluation the walker used.
 */
export function projectContext(tree: WorkingTree): ProjectContext {
  const root = resolve(tree.folder);
  return {
    root,
    inGit: tree.inGit,
    files: tree.files.map((file) => file.path),
    async ignored(paths) {
      if (paths.length === 0) return new Set();
      if (!tree.inGit) return new Set(paths.filter((path) => tree.isIgnored?.(path) ?? false));
      return checkIgnore(root, paths);
    },
    async readText(path) {
      if (isAbsolute(path) || normalize(path).split(sep).includes('..')) return undefined;
      return readFile(join(root, path), 'utf8').catch(() => undefined);
    },
  };
}

async function checkIgnore(root: string, paths: readonly string[]): Promise<Set<string>> {
  const { child, done } = gitStream(['check-ignore', '--no-index', '--stdin', '-z'], root);
  child.stdin.on('error', () => undefined);
  child.stdin.end(paths.map((p) => `${p}\0`).join(''));
  const out: Buffer[] = [];
  for await (const chunk of child.stdout as AsyncIterable<Buffer>) out.push(chunk);
  await done.catch(() => undefined); // exit 1 means "none of them is ignored"
  return new Set(Buffer.concat(out).toString('utf8').split('\0').filter(Boolean));
}
