import type { Finding, ScanResult, ScanSummary, Severity } from '../types.js';
import { SEVERITIES, severityRank, SKIP_LISTS } from '../types.js';
import type { Allowlist } from '../suppressions/allowlist.js';
import { applyBaseline, type Baseline } from '../suppressions/baseline.js';
import { isSkipped, type Source } from '../sources/source.js';
import type { RuleSet } from './ruleset.js';
import { redactText } from './redact-text.js';
import { scanTarget } from './scan-target.js';

export interface RunOptions {
  ruleSet: RuleSet;
  allowlist?: Allowlist;
  /** History and ranges: report each secret once per file, at the commit that introduced it. */
  dedupe?: boolean;
  baseline?: Baseline;
  /** Whole-tree and history scans can tell which baseline entries matched nothing any more. */
  reportUnmatchedBaseline?: boolean;
  /**
   * Where the scanned folder sits in the project (POSIX, '' for the root): allowlist globs and
   * baseline entries are relative to the project root, findings to the scanned folder.
   */
  pathPrefix?: string;
  /** Findings of the project checks, run once before the files. */
  projectFindings?: { findings: Finding[]; suppressedInline: number };
}

export function rootedPath(prefix: string | undefined, path: string): string {
  return prefix ? `${prefix}/${path}` : path;
}

export function emptySummary(): ScanSummary {
  return {
    filesScanned: 0,
    bytesScanned: 0,
    findings: 0,
    bySeverity: Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>,
    suppressed: { inline: 0, allowlist: 0, baseline: 0 },
    skipped: { binary: 0, tooLarge: [], symlink: [], unreadable: [], repositories: [] },
    durationMs: 0,
  };
}

/** Drain a source through the engine and the suppressions: the one straight line every mode runs. */
export async function run(source: Source, options: RunOptions): Promise<ScanResult> {
  const started = performance.now();
  const summary = emptySummary();
  let findings: Finding[] = [...(options.projectFindings?.findings ?? [])];
  summary.suppressed.inline += options.projectFindings?.suppressedInline ?? 0;
  for await (const item of source) {
    if (isSkipped(item)) {
      // Skipped files are listed by name: a name can hold a key (a pasted token as a file name).
      if (item.skipped === 'binary') summary.skipped.binary++;
      else summary.skipped[SKIP_LISTS[item.skipped]].push(redactText(item.path));
      continue;
    }
    const result = scanTarget(item, options.ruleSet, options.allowlist, rootedPath(options.pathPrefix, item.path));
    if (result.binary) {
      summary.skipped.binary++;
      continue;
    }
    summary.filesScanned++;
    summary.bytesScanned += item.content.length;
    summary.suppressed.inline += result.suppressedInline;
    summary.suppressed.allowlist += result.suppressedAllowlist;
    for (const finding of result.findings) findings.push(finding);
  }
  if (options.dedupe) findings = dedupe(findings);
  const result: ScanResult = { findings, summary };
  if (options.baseline) {
    const match = applyBaseline(findings, options.baseline, (f) => rootedPath(options.pathPrefix, f.file));
    result.findings = match.kept;
    summary.suppressed.baseline = match.suppressed;
    if (options.reportUnmatchedBaseline) {
      result.unmatchedBaseline = match.unmatched;
      summary.baselineUnmatched = match.unmatched.length;
    }
  }
  result.findings.sort(byPlace);
  return finish(result, started);
}

export function finish(result: ScanResult, started: number): ScanResult {
  const { summary, findings } = result;
  summary.findings = findings.length;
  for (const s of SEVERITIES) summary.bySeverity[s] = 0;
  for (const f of findings) summary.bySeverity[f.severity]++;
  summary.durationMs = Math.round(performance.now() - started);
  return result;
}

/** First occurrence wins (sources yield oldest commits first); later ones only count. */
function dedupe(findings: Finding[]): Finding[] {
  const seen = new Map<string, Finding>();
  for (const finding of findings) {
    const key = `${finding.fingerprint}\0${finding.file}`;
    const first = seen.get(key);
    if (first) first.occurrences = (first.occurrences ?? 1) + 1;
    else seen.set(key, { ...finding, occurrences: 1 });
  }
  return [...seen.values()];
}

function byPlace(a: Finding, b: Finding): number {
  return (
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.line - b.line ||
    a.column - b.column ||
    severityRank(b.severity) - severityRank(a.severity)
  );
}
