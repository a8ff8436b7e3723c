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

/** Modes whose blobs are not file content: submodules (gitlinks) and symbolic links. */
export function isContentMode(mode: string | undefined): boolean {
  return mode !== '160000' && mode !== '120000';
}

export const NULL_BLOB = /^0+$/;
