import { UsageError } from '../errors.js';
import type { CommitInfo } from '../types.js';
import type { SourceItem } from './source.js';
import { NULL_BLOB, PATCH_ARGS, skippedByMode } from './git/diff-options.js';
import { COMMIT_FORMAT, parsePatch, type PatchFile } from './git/patch-parser.js';
import { BlobReader } from './git/blob-reader.js';
import { gitLinesToEngineLines } from '../engine/lines.js';
import { gitStream, gitText } from './git/run.js';
import { streamLines } from './git/stream-lines.js';

export type CommitSelection = { range: string } | { history: true };

export interface CommitSourceOptions {
  maxFileSize: number;
  /** Called after each commit, with the count so far. */
  onCommit?: (done: number) => void;
}

/**
 * What each commit adds, oldest first, from one streaming `git log -p --cc`: a range
 * (`BASE..HEAD`, merges once) or the whole history of all refs. Merge commits show only the lines
 * new to every parent, so a key slipped in while resolving a conflict is found there.
 */
export async function* commitSource(cwd: string, selection: CommitSelection, options: CommitSourceOptions): AsyncGenerator<SourceItem> {
  const revisions = 'range' in selection ? ['--end-of-options', checkRange(selection.range)] : ['--all'];
  const log = gitStream(['log', '--reverse', `--format=${COMMIT_FORMAT}`, '--cc', ...PATCH_ARGS, ...revisions, '--'], cwd);
  let commits = 0;
  let commit: CommitInfo | undefined;
  const blobs = new BlobReader(cwd, options.maxFileSize);
  try {
    for await (const event of parsePatch(streamLines(log.child.stdout))) {
      if (event.kind === 'commit') {
        if (commits > 0) options.onCommit?.(commits);
        commits++;
        commit = event.commit;
        continue;
      }
      const { file } = event;
      if (!file.path) continue;
      const notContent = skippedByMode(file.path, file.mode);
      if (notContent) {
        yield notContent;
        continue;
      }
      if (file.binary || file.added.some((a) => a.text.slice(0, -1).includes('\r'))) {
        // Git calls UTF-16 text binary, and numbers lines by \n alone: read the blob itself.
        yield await wholeBlob(file, commit, blobs);
        continue;
      }
      if (file.added.length === 0) continue;
      const content = Buffer.from(file.added.map((a) => a.text.replaceAll('\r', ' ')).join('\n'));
      if (content.length > options.maxFileSize) {
        yield { path: file.path, skipped: 'too-large' };
        continue;
      }
      yield { path: file.path, content, lineMap: file.added.map((a) => a.line), commit };
    }
    await log.done;
  } catch (error) {
    throw await explainShallow(error, cwd);
  } finally {
    log.child.kill();
    blobs.close();
  }
  if (commits > 0) options.onCommit?.(commits);
}

/** A range is handed to git as a revision, never as an option. */
function checkRange(range: string): string {
  if (!range || range.startsWith('-')) throw new UsageError(`not a commit range: ${JSON.stringify(range)} (expected BASE..HEAD)`);
  return range;
}

/** A range that does not resolve in a shallow clone needs more history, not a "clean" verdict. */
async function explainShallow(error: unknown, cwd: string): Promise<unknown> {
  if (!(error instanceof UsageError)) return error;
  const shallow = await gitText(['rev-parse', '--is-shallow-repository'], cwd).catch(() => 'false');
  if (shallow !== 'true') return error;
  return new UsageError(`${error.message} (this is a shallow clone: fetch the whole range, e.g. actions/checkout with fetch-depth: 0)`);
}

/** A file whose patch cannot be scanned as text: its whole blob, judged by the decoder, every change line known. */
async function wholeBlob(file: PatchFile, commit: CommitInfo | undefined, blobs: BlobReader): Promise<SourceItem> {
  if (!file.blob || NULL_BLOB.test(file.blob)) return { path: file.path, skipped: 'binary' };
  const blob = await blobs.read(file.blob);
  if ('missing' in blob) return { path: file.path, skipped: 'unreadable' };
  if ('tooLarge' in blob) return { path: file.path, skipped: 'too-large' };
  const changedLines = file.binary ? undefined : gitLinesToEngineLines(blob.content, file.added.map((a) => a.line));
  return { path: file.path, content: blob.content, commit, changedLines };
}
