import type { Readable } from 'node:stream';
import picomatch from 'picomatch';
import { compileRules } from './engine/ruleset.js';
import { run } from './engine/run.js';
import { builtinRules } from './rules/index.js';
import type { Rule } from './rules/rule.js';
import { DEFAULT_MAX_FILE_SIZE, type Source } from './sources/source.js';
import { stdinSource } from './sources/stdin.js';
import { workingTree } from './sources/working-tree.js';
import { buildAllowlist, type AllowlistSpec } from './suppressions/allowlist.js';
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
}

/** Scan a folder, a file or standard input. The CLI, the hook and the Action all come through here. */
export async function scan(options: ScanOptions = {}): Promise<ScanResult> {
  const path = options.path ?? '.';
  const maxFileSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const source: Source =
    path === '-'
      ? stdinSource(options.stdin ?? process.stdin, options.stdinName ?? 'stdin', maxFileSize)
      : workingTree(path, maxFileSize);
  return run(source, engineOptions(options));
}

export function engineOptions(options: Pick<ScanOptions, 'rules' | 'allow'>) {
  const ruleSet = compileRules(options.rules ?? builtinRules);
  const allowlist = options.allow ? buildAllowlist(options.allow, (path, globs) => picomatch.isMatch(path, [...globs], { dot: true })) : undefined;
  return { ruleSet, allowlist };
}
