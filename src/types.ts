/** The public types of secretguard: what flows from a source, through the engine, to a reporter. */
import type { BaselineEntry } from './suppressions/baseline.js';

export type Severity = 'critical' | 'high' | 'medium' | 'low';

export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low'];

/** Higher is worse: critical 4 … low 1. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.length - SEVERITIES.indexOf(severity);
}

/**
 * One secret found in one place. This is the whole contract between detection and reporting:
 * reporters read these fields and nothing else. `secret` is always redacted.
 */
export interface Finding {
  ruleId: string;
  provider: string;
  title: string;
  severity: Severity;
  /** POSIX path relative to the scan root (or the repository root for Git sources). */
  file: string;
  /** 1-based line and column of the secret's first character. */
  line: number;
  column: number;
  /** 1-based line and column just past the secret's last character. */
  endLine: number;
  endColumn: number;
  /** Redacted: the rule's prefix and the last four characters, e.g. `sk_live_…9Qz4`. */
  secret: string;
  /** Stable across line shifts: derived from the rule id and the secret only. */
  fingerprint: string;
  message: string;
  fix: string;
  /** The line holding the secret, with every secret on it masked, trimmed to a window. */
  snippet: string;
  /** Set by Git history sources. */
  commit?: string;
  author?: string;
  date?: string;
  /** History scans report a secret once; this counts the places it appeared. */
  occurrences?: number;
}

/** What a source hands to the engine: the bytes of one file (or patch) and where they came from. */
export interface ScanTarget {
  /** POSIX path relative to the scan root. */
  path: string;
  content: Buffer;
  commit?: CommitInfo;
  /**
   * When set, only findings overlapping one of these 1-based line numbers are reported
   * (a staged blob: the lines this commit adds or changes).
   */
  changedLines?: ReadonlySet<number>;
  /**
   * When set, line `i` of the content (1-based) is line `lineMap[i - 1]` of the real file
   * (commit patches carry only the added lines).
   */
  lineMap?: readonly number[];
}

export interface CommitInfo {
  sha: string;
  author: string;
  date: string;
}

export type SkipReason = 'binary' | 'too-large' | 'symlink' | 'unreadable' | 'repository';

/** Where the summary names the files skipped for each reason (binary files are only counted). */
export const SKIP_LISTS = {
  'too-large': 'tooLarge',
  symlink: 'symlink',
  unreadable: 'unreadable',
  repository: 'repositories',
} as const satisfies Record<Exclude<SkipReason, 'binary'>, Exclude<keyof ScanSummary['skipped'], 'binary'>>;

export interface SuppressionCounts {
  inline: number;
  allowlist: number;
  baseline: number;
}

export interface ScanSummary {
  filesScanned: number;
  bytesScanned: number;
  commitsScanned?: number;
  findings: number;
  bySeverity: Record<Severity, number>;
  suppressed: SuppressionCounts;
  /** Files not scanned, by reason. Counted always; named except for binary files. */
  skipped: {
    binary: number;
    tooLarge: string[];
    symlink: string[];
    /** Submodules and nested repositories: their own history, to be scanned on their own. */
    repositories: string[];
    unreadable: string[];
  };
  /** Baseline entries that matched no finding (whole-tree and history scans only). */
  baselineUnmatched?: number;
  durationMs: number;
}

export interface ScanResult {
  findings: Finding[];
  summary: ScanSummary;
  /** The baseline entries behind `summary.baselineUnmatched`, for `--prune`. Not part of the JSON report. */
  unmatchedBaseline?: BaselineEntry[];
}
