import type { CommitInfo } from '../../types.js';
import { unquotePath } from './quoted-path.js';

/** One file of a patch: where it lands and the lines the change adds there. */
export interface PatchFile {
  /** POSIX path in the new tree; empty when the file is deleted. */
  path: string;
  /** New blob id, from the `index` line (full with --full-index). */
  blob?: string;
  /** New file mode (160000 is a submodule, 120000 a symbolic link). */
  mode?: string;
  binary: boolean;
  /** Lines present in the result and in no parent, with their 1-based line number in the new file. */
  added: { line: number; text: string }[];
}

export type PatchEvent = { kind: 'commit'; commit: CommitInfo } | { kind: 'file'; file: PatchFile };

/** Marks a commit header in `git log --format=` output; a NUL can start no patch line. */
export const COMMIT_FORMAT = '%x00%H%x00%an <%ae>%x00%aI';

const HUNK = /^(@{2,}) (?:-\d+(?:,\d+)? )+\+(\d+)(?:,\d+)? @{2,}/;

/**
 * Parse `git diff -p` / `git log -p --cc` output as a stream, one file at a time: unified diffs
 * (one prefix column) and combined diffs of merges (one column per parent, where a line is new
 * only when every column says `+`). Nothing is buffered beyond the current file.
 */
export async function* parsePatch(batches: AsyncIterable<readonly string[]>, keepText = true): AsyncGenerator<PatchEvent> {
  let file: PatchFile | undefined;
  let inHunk = false;
  let columns = 1;
  let newLine = 0;
  for await (const batch of batches) {
    for (const raw of batch) {
      if (raw.startsWith('\0')) {
        if (file) yield { kind: 'file', file };
        file = undefined;
        inHunk = false;
        const [, sha = '', author = '', date = ''] = raw.split('\0');
        yield { kind: 'commit', commit: { sha, author, date } };
        continue;
      }
      if (raw.startsWith('diff ')) {
        if (file) yield { kind: 'file', file };
        file = { path: pathFromDiffLine(raw), binary: false, added: [] };
        inHunk = false;
        continue;
      }
      if (!file) continue;
      if (inHunk) {
        const first = raw.charCodeAt(0);
        if (first === 64 /* @ */) {
          const hunk = HUNK.exec(raw);
          if (hunk) {
            columns = hunk[1]!.length - 1;
            newLine = Number(hunk[2]);
          }
          continue;
        }
        if (first === 92 /* \ No newline at end of file */) continue;
        const prefix = raw.slice(0, columns);
        if (prefix.includes('-')) continue;
        if (isAllPlus(prefix)) file.added.push({ line: newLine, text: keepText ? raw.slice(columns) : '' });
        newLine++;
        continue;
      }
      if (raw.startsWith('@@')) {
        const hunk = HUNK.exec(raw);
        if (hunk) {
          inHunk = true;
          columns = hunk[1]!.length - 1;
          newLine = Number(hunk[2]);
        }
      } else if (raw.startsWith('+++ ')) {
        const target = raw.slice(4).replace(/\t$/, '');
        file.path = target === '/dev/null' ? '' : stripPrefix(unquotePath(target));
      } else if (raw.startsWith('index ')) {
        const match = /^index (?:[0-9a-f]+,)*[0-9a-f]+\.\.([0-9a-f]+)(?: (\d+))?/.exec(raw);
        if (match) {
          file.blob = match[1];
          if (match[2]) file.mode = match[2];
        }
      } else if (raw.startsWith('new file mode ') || raw.startsWith('new mode ')) {
        file.mode = raw.slice(raw.lastIndexOf(' ') + 1);
      } else if (raw.startsWith('deleted file mode ')) {
        file.path = '';
      } else if (raw.startsWith('Binary files ')) {
        file.binary = true;
      }
    }
  }
  if (file) yield { kind: 'file', file };
}

function isAllPlus(prefix: string): boolean {
  for (let i = 0; i < prefix.length; i++) if (prefix.charCodeAt(i) !== 43) return false;
  return prefix.length > 0;
}

function stripPrefix(path: string): string {
  return path.startsWith('b/') ? path.slice(2) : path;
}

/** Best effort from the `diff --git a/x b/x` or `diff --cc x` line; `+++` corrects it later. */
function pathFromDiffLine(raw: string): string {
  if (raw.startsWith('diff --cc ') || raw.startsWith('diff --combined ')) return unquotePath(raw.slice(raw.indexOf(' ', 5) + 1));
  const b = raw.lastIndexOf(' b/');
  return b === -1 ? '' : raw.slice(b + 3);
}
