import { lstat, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pMapIterable } from 'p-map';
import type { SourceItem } from './source.js';

const READ_CONCURRENCY = 32;

/**
 * Read files below `root` (paths are POSIX, relative to it) with bounded concurrency.
 * Symbolic links are never followed; too-large and unreadable files are reported as skipped;
 * files that vanished (tracked but deleted) and non-files (submodules) are left out.
 */
export async function* readFiles(root: string, paths: Iterable<string>, maxFileSize: number): AsyncGenerator<SourceItem> {
  const items = pMapIterable(paths, (path) => readOne(root, path, maxFileSize), { concurrency: READ_CONCURRENCY });
  for await (const item of items) if (item) yield item;
}

async function readOne(root: string, path: string, maxFileSize: number): Promise<SourceItem | undefined> {
  const full = join(root, path);
  try {
    const stats = await lstat(full);
    if (stats.isSymbolicLink()) return { path, skipped: 'symlink' };
    if (!stats.isFile()) return undefined;
    if (stats.size > maxFileSize) return { path, skipped: 'too-large' };
    return { path, content: await readFile(full) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    return { path, skipped: 'unreadable' };
  }
}
