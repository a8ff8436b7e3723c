import { readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { UsageError } from '../errors.js';
import { git } from './git/run.js';
import { readFiles } from './read-files.js';
import type { SourceItem } from './source.js';
import { foundFile, walk, type FoundFile } from './walk.js';

/**
 * The files a commit could include. Inside a Git work tree that is what
 * `git ls-files -co --exclude-standard` lists; elsewhere a walk filtered by the folder's
 * `.gitignore` files, evaluated by the `ignore` library the way Git does.
 */
export interface WorkingTree {
  /** The folder the paths are relative to. */
  folder: string;
  /** Relative to `folder`. */
  files: FoundFile[];
  inGit: boolean;
  /** Folders that could not be listed (outside Git): reported as unreadable. */
  unreadable?: string[];
  /** Outside Git: the folder's `.gitignore` rules, for questions about paths that are not listed. */
  isIgnored?: (path: string) => boolean;
}

export async function listWorkingTree(path: string): Promise<WorkingTree> {
  const stats = await stat(path).catch(() => {
    throw new UsageError(`no such file or directory: ${path}`);
  });
  if (stats.isFile()) return { folder: dirname(path), files: [{ path: basename(path) }], inGit: false };
  const gitFiles = await listGitFiles(path);
  if (gitFiles) return { folder: path, files: gitFiles, inGit: true };
  return walkFolder(path);
}

/** The working-tree files' bytes; folders that could not be listed come first, as unreadable. */
export async function* readWorkingTree(tree: WorkingTree, maxFileSize: number): AsyncGenerator<SourceItem> {
  for (const folder of tree.unreadable ?? []) yield { path: folder, skipped: 'unreadable' };
  yield* readFiles(tree.folder, tree.files, maxFileSize);
}

/** Tracked plus untracked-but-not-ignored files, relative to `root`; undefined outside Git. */
async function listGitFiles(root: string): Promise<FoundFile[] | undefined> {
  let out: Buffer;
  try {
    out = await git(['ls-files', '-co', '--exclude-standard', '-z'], root);
  } catch (error) {
    if (error instanceof UsageError) return undefined; // not a repository, or git is missing: walk instead
    throw error;
  }
  const files = new Map<string, FoundFile>();
  for (let start = 0, end = out.indexOf(0); end !== -1; start = end + 1, end = out.indexOf(0, start)) {
    const file = foundFile(out.subarray(start, end));
    files.set(file.path, file);
  }
  // A folder the repository ignores (a build output, a scratch copy) lists nothing: walk it instead.
  if (files.size === 0 && (await isIgnoredFolder(root))) return undefined;
  return [...files.values()];
}

async function isIgnoredFolder(folder: string): Promise<boolean> {
  return git(['check-ignore', '-q', '.'], folder).then(
    () => true,
    () => false,
  );
}

async function walkFolder(root: string): Promise<WorkingTree> {
  // Each folder's .gitignore is read on the way in, so an ignored folder (node_modules) is never entered.
  const ignores: [string, Ignore][] = [];
  const isIgnored = (file: string) => ignoredBy(file, ignores);
  const { files, unreadable } = walk(root, {
    onFolder(folder, names) {
      if (!names.includes('.gitignore')) return;
      const rules = readGitignore(join(root, folder, '.gitignore'));
      ignores.push([folder, ignore().add(rules)]);
      ignores.sort((a, b) => depth(a[0]) - depth(b[0]) || a[0].localeCompare(b[0]));
    },
    skipFolder: (folder) => isIgnored(`${folder}/`),
  });
  return { folder: root, files: files.filter((file) => !isIgnored(file.path)), inGit: false, isIgnored, unreadable: unreadable.filter((f) => !isIgnored(`${f}/`)) };
}

function readGitignore(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

const depth = (folder: string) => (folder === '' ? 0 : folder.split('/').length);

/** Deeper `.gitignore` files override shallower ones; the last matching rule decides, as in Git. */
function ignoredBy(file: string, ignores: [string, Ignore][]): boolean {
  let ignored = false;
  for (const [dir, rules] of ignores) {
    if (dir && !file.startsWith(dir + '/')) continue;
    const result = rules.test(dir ? file.slice(dir.length + 1) : file);
    if (result.ignored) ignored = true;
    else if (result.unignored) ignored = false;
  }
  return ignored;
}
