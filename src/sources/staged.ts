import type { SourceItem } from './source.js';
import { BlobReader, type Blob } from './git/blob-reader.js';
import { NULL_BLOB, PATCH_ARGS, skippedByMode } from './git/diff-options.js';
import { parsePatch, type PatchFile } from './git/patch-parser.js';
import { gitStream, gitText } from './git/run.js';
import { UsageError } from '../errors.js';
import { gitLinesToEngineLines, hasLoneCr } from '../engine/lines.js';
import { streamLines } from './git/stream-lines.js';

export interface StagedOptions {
  /** Report every finding in the staged blobs, not only those on lines the commit adds or changes. */
  allLines?: boolean;
  maxFileSize: number;
}

/**
 * What `git commit` will record: the index version of every added, copied, modified or renamed
 * file (one `git diff --cached` for the changed lines, one `git cat-file --batch` for the blobs,
 * asked for each blob as soon as the diff names it).
 * The index is the one Git names in GIT_INDEX_FILE, so `git commit -a` and `git commit <path>` work.
 */
export async function* stagedSource(cwd: string, options: StagedOptions): AsyncGenerator<SourceItem> {
  // The work-tree check, the diff and the blob reads run side by side: the hook waits on all three.
  const workTree = requireWorkTree(cwd);
  workTree.catch(() => undefined);
  const diff = gitStream(['diff', '--cached', '--diff-filter=ACMR', ...PATCH_ARGS], cwd);
  const blobs = new BlobReader(cwd, options.maxFileSize);
  const reads = new Map<string, Promise<Blob>>();
  const files: PatchFile[] = [];
  try {
    for await (const event of parsePatch(streamLines(diff.child.stdout), false)) {
      if (event.kind !== 'file') continue;
      const { file } = event;
      if (!file.path) continue;
      const notContent = skippedByMode(file.path, file.mode);
      if (notContent) {
        yield notContent;
        continue;
      }
      if (!file.blob || NULL_BLOB.test(file.blob)) continue;
      // Git calls UTF-16 text binary: read the blob and let the decoder decide, judging every line.
      if (file.added.length === 0 && !options.allLines && !file.binary) continue;
      files.push(file);
      if (!reads.has(file.blob)) reads.set(file.blob, blobs.read(file.blob));
    }
    await workTree;
    await diff.done;
    for (const file of files) yield stagedTarget(file, await reads.get(file.blob!)!, options);
  } finally {
    blobs.close();
  }
}

function stagedTarget(file: PatchFile, blob: Blob, options: StagedOptions): SourceItem {
  if ('missing' in blob) return { path: file.path, skipped: 'unreadable' };
  if ('tooLarge' in blob) return { path: file.path, skipped: 'too-large' };
  const gitLines = file.added.map((a) => a.line);
  const changedLines =
    options.allLines || file.binary ? undefined : hasLoneCr(blob.content) ? gitLinesToEngineLines(blob.content, gitLines) : new Set(gitLines);
  return { path: file.path, content: blob.content, changedLines };
}

/** Outside a repository `git diff --cached` turns into `--no-index`; in a bare one it sees nothing. */
async function requireWorkTree(cwd: string): Promise<void> {
  const inside = await gitText(['rev-parse', '--is-inside-work-tree'], cwd);
  if (inside !== 'true') throw new UsageError('not inside a Git work tree (a bare repository or the .git folder): run it in the work tree');
}
