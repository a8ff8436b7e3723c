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

export const SYMLINK_MODE = '120000';
export const SUBMODULE_MODE = '160000';

/** Modes whose blobs are not file content: submodules (gitlinks) and symbolic links. */
export function isContentMode(mode: string | undefined): boolean {
  return mode !== SUBMODULE_MODE && mode !== SYMLINK_MODE;
}

export const NULL_BLOB = /^0+$/;
