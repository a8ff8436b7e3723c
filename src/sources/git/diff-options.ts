import type { SkippedFile } from '../source.js';

/**
 * Options for every patch secretguard reads: no context lines, full blob ids, rename detection,
 * and none of the user's diff settings that would change the format (external diff drivers,
 * textconv, relative paths, custom prefixes, colour).
 */
export const PATCH_ARGS = [
  '-p',
  '-U0',
  '-M',
  '--full-index',
  '--no-color',
  '--no-ext-diff',
  '--no-textconv',
  '--no-relative',
  '--src-prefix=a/',
  '--dst-prefix=b/',
] as const;

const SYMLINK_MODE = '120000';
const SUBMODULE_MODE = '160000';

/**
 * Entries whose blobs are not file content, named as skipped so that nothing goes unsaid:
 * submodules (gitlinks: a history of their own) and symbolic links (never followed).
 */
export function skippedByMode(path: string, mode: string | undefined): SkippedFile | undefined {
  if (mode === SUBMODULE_MODE) return { path, skipped: 'repository' };
  if (mode === SYMLINK_MODE) return { path, skipped: 'symlink' };
  return undefined;
}

export const NULL_BLOB = /^0+$/;
