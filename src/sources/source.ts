import type { ScanTarget, SkipReason } from '../types.js';

/** A file a source could not hand over, and why. Every skip is counted in the summary. */
export interface SkippedFile {
  path: string;
  skipped: SkipReason;
}

export type SourceItem = ScanTarget | SkippedFile;

/** A source yields scan targets: working-tree files, staged blobs, commit patches, stdin. */
export type Source = AsyncIterable<SourceItem>;

export function isSkipped(item: SourceItem): item is SkippedFile {
  return 'skipped' in item;
}

export const DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024;
