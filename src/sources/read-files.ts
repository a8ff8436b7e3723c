import { lstatSync, readFileSync } from 'node:fs';
import type { SourceItem } from './source.js';
import { fullPath, type FoundFile } from './walk.js';

/**
 * Read files below `root` (paths are POSIX, relative to it). Synchronous reads are the fast path
 * here (measured: about 3× faster than fs/promises for thousands of small files, which spend
 * more time in the promise machinery than in the kernel). Symbolic links are never followed;
 * too-large and unreadable files are reported as skipped; files that vanished (tracked but
 * deleted) and non-files (submodules, nested repositories) are left out.
 */
export async function* readFiles(root: string, files: Iterable<FoundFile>, maxFileSize: number): AsyncGenerator<SourceItem> {
  for (const file of files) {
    const item = readOne(root, file, maxFileSize);
    if (item) yield item;
  }
}

function readOne(root: string, file: FoundFile, maxFileSize: number): SourceItem | undefined {
  const { path } = file;
  const full = fullPath(root, file);
  try {
    const stats = lstatSync(full);
    if (stats.isSymbolicLink()) return { path, skipped: 'symlink' };
    // Git lists a submodule (or a nested repository) as one path: a folder with a history of its own.
    if (stats.isDirectory()) return { path, skipped: 'repository' };
    if (!stats.isFile()) return undefined;
    if (stats.size > maxFileSize) return { path, skipped: 'too-large' };
    return { path, content: readFileSync(full) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    return { path, skipped: 'unreadable' };
  }
}
