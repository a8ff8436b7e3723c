import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** A file found in a tree: its POSIX path for reports and ignore rules, and its raw bytes when they are not UTF-8. */
export interface FoundFile {
  path: string;
  /** The relative path as the filesystem has it, when decoding it as UTF-8 would lose bytes. */
  raw?: Buffer;
}

export interface Walk {
  files: FoundFile[];
  /** Folders that could not be listed: their files were not scanned. */
  unreadable: string[];
}

/**
 * Every file and symbolic link below `root`, except inside `.git`. Written over Node's own
 * `readdir` with Buffer names because a glob walker drops names that hold a newline, decodes
 * non-UTF-8 names lossily (the file then cannot be opened) and hides folders it cannot read.
 * Links are listed, never followed.
 */
export interface WalkHooks {
  /** Called on entering a folder ('' for the root), before its subfolders are considered. */
  onFolder?(folder: string, names: readonly string[]): void;
  /** A subfolder for which this says true is not entered (an ignored node_modules). */
  skipFolder?(folder: string): boolean;
}

export function walk(root: string, hooks: WalkHooks = {}): Walk {
  const result: Walk = { files: [], unreadable: [] };
  const pending: Buffer[] = [Buffer.alloc(0)];
  while (pending.length > 0) {
    const relative = pending.pop()!;
    let entries;
    try {
      entries = readdirSync(relative.length ? Buffer.concat([Buffer.from(root + '/'), relative]) : root, { withFileTypes: true, encoding: 'buffer' });
    } catch {
      result.unreadable.push(relative.toString('utf8'));
      continue;
    }
    hooks.onFolder?.(relative.toString('utf8'), entries.map((entry) => entry.name.toString('utf8')));
    for (const entry of entries) {
      const path = relative.length ? Buffer.concat([relative, Buffer.from('/'), entry.name]) : entry.name;
      if (entry.isDirectory()) {
        if (entry.name.toString() !== '.git' && !hooks.skipFolder?.(path.toString('utf8'))) pending.push(path);
      } else if (entry.isFile() || entry.isSymbolicLink()) {
        result.files.push(foundFile(path));
      }
    }
  }
  result.files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return result;
}

/** A path from bytes: decoded, keeping the bytes when the decoding is lossy. */
export function foundFile(bytes: Buffer): FoundFile {
  const path = bytes.toString('utf8');
  return Buffer.byteLength(path) === bytes.length && Buffer.from(path).equals(bytes) ? { path } : { path, raw: bytes };
}

/** Where to open a found file below `root`. */
export function fullPath(root: string, file: FoundFile): string | Buffer {
  return file.raw ? Buffer.concat([Buffer.from(join(root, '/')), file.raw]) : join(root, file.path);
}
