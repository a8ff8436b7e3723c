import { realpath, stat } from 'node:fs/promises';
import { dirname, relative, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import picomatch from 'picomatch';
import { compileRules } from './engine/ruleset.js';
import { run } from './engine/run.js';
import { builtinRules } from './rules/index.js';
import type { Rule } from './rules/rule.js';
import { DEFAULT_MAX_FILE_SIZE } from './sources/source.js';
import { commitSource, type CommitSelection } from './sources/commits.js';
import { stagedSource } from './sources/staged.js';
import { stdinSource } from './sources/stdin.js';
import { listWorkingTree, readWorkingTree } from './sources/working-tree.js';
import { projectContext } from './sources/project-context.js';
import { fileChecks as builtinFileChecks, projectChecks as builtinProjectChecks, PUBLIC_ENV_PREFIXES } from './checks/index.js';
import type { FileCheck, ProjectCheck } from './checks/check.js';
import { runProjectChecks } from './engine/project-checks.js';
import { buildAllowlist, type AllowlistSpec } from './suppressions/allowlist.js';
import type { Baseline } from './suppressions/baseline.js';
import type { ScanResult } from './types.js';

export interface ScanOptions {
  /** A folder or a file; `-` reads `stdin`. Default `.`. */
  path?: string;
  /** For `-`: the stream (default process.stdin) and the file name rules should see. */
  stdin?: Readable;
  stdinName?: string;
  /** Files larger than this many bytes are skipped (and named in the summary). Default 10 MB. */
  maxFileSize?: number;
  rules?: readonly Rule[];
  allow?: AllowlistSpec;
  /** Findings recorded here are not reported (and counted as such). */
  baseline?: Baseline;
  /**
   * The project root (the repository's top level) that allowlist globs and baseline entries are
   * relative to. Default: the scanned folder.
   */
  root?: string;
  /** Project checks to run (default: all built-in ones). */
  checks?: { file: readonly FileCheck[]; project: readonly ProjectCheck[] };
  /** Env prefixes the browser bundle inlines, beyond NEXT_PUBLIC_, VITE_ and the other built-in ones. */
  publicPrefixes?: readonly string[];
}

/** Scan a folder, a file or standard input. The CLI, the hook and the Action all come through here. */
export async function scan(options: ScanOptions = {}): Promise<ScanResult> {
  const path = options.path ?? '.';
  const maxFileSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  if (path === '-') {
    return run(stdinSource(options.stdin ?? process.stdin, options.stdinName ?? 'stdin', maxFileSize), engineOptions(options, true));
  }
  const folder = await scannedFolder(path);
  const pathPrefix = options.root ? posixRelative(options.root, folder) : '';
  const wholeProject = pathPrefix === '' && folder === (await realpath(path).catch(() => resolve(path)));
  const tree = await listWorkingTree(path);
  const projectChecks = options.checks?.project ?? builtinProjectChecks;
  const project = wholeProject && projectChecks.length > 0 ? await runProjectChecks(projectChecks, projectContext(tree)) : undefined;
  return run(readWorkingTree(tree, maxFileSize), {
    ...engineOptions(options, true),
    pathPrefix,
    reportUnmatchedBaseline: wholeProject,
    projectFindings: project,
  });
}

/** The folder a path's findings are relative to: the path itself, or a file's folder. */
export async function scannedFolder(path: string): Promise<string> {
  const stats = await stat(path).catch(() => undefined);
  const folder = stats?.isFile() ? dirname(path) : path;
  return realpath(folder).catch(() => resolve(folder));
}

/** `to` from `from`, POSIX, '' when they are the same folder. */
export function posixRelative(from: string, to: string): string {
  return relative(resolve(from), to).split(sep).join('/');
}

/** The engine's rules and file checks (history patches hold only added lines: no checks there). */
function engineOptions(options: Pick<ScanOptions, 'rules' | 'allow' | 'baseline' | 'checks' | 'publicPrefixes'>, withChecks: boolean) {
  const ruleSet = compileRules(options.rules ?? builtinRules, {
    fileChecks: withChecks ? (options.checks?.file ?? builtinFileChecks) : [],
    publicPrefixes: [...PUBLIC_ENV_PREFIXES, ...(options.publicPrefixes ?? [])],
  });
  const allowlist = options.allow ? buildAllowlist(options.allow, (path, globs) => picomatch.isMatch(path, [...globs], { dot: true })) : undefined;
  return { ruleSet, allowlist, baseline: options.baseline };
}

export interface GitScanOptions extends Pick<ScanOptions, 'maxFileSize' | 'rules' | 'allow' | 'baseline' | 'checks' | 'publicPrefixes'> {
  /** Any folder inside the work tree. Default: the current directory. */
  cwd?: string;
}

/** The pre-commit scan: what the commit will record, findings on the lines it adds or changes. */
export async function scanStaged(options: GitScanOptions & { allLines?: boolean } = {}): Promise<ScanResult> {
  const source = stagedSource(options.cwd ?? process.cwd(), {
    allLines: options.allLines,
    maxFileSize: options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
  });
  return run(source, engineOptions(options, true));
}

/**
 * What the commits of a range (`BASE..HEAD`) or of the whole history add. A secret is reported
 * once per file, at the commit that introduced it, with the count of its occurrences.
 */
export async function scanCommits(
  selection: CommitSelection,
  options: GitScanOptions & { onProgress?: (commitsDone: number) => void } = {},
): Promise<ScanResult> {
  let commits = 0;
  const source = commitSource(options.cwd ?? process.cwd(), selection, {
    maxFileSize: options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
    onCommit: (done) => {
      commits = done;
      options.onProgress?.(done);
    },
  });
  const result = await run(source, { ...engineOptions(options, false), dedupe: true, reportUnmatchedBaseline: 'history' in selection });
  result.summary.commitsScanned = commits;
  return result;
}
