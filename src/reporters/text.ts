import type { Finding, ScanSummary, Severity } from '../types.js';
import { SEVERITIES } from '../types.js';
import type { Colors } from './colors.js';
import type { Reporter } from './reporter.js';

const MAX_NAMED = 10;

export const textReporter: Reporter = ({ findings, summary }, { colors }) => {
  const out: string[] = [];
  let file: string | undefined;
  for (const finding of findings) {
    if (finding.file !== file) {
      if (file !== undefined) out.push('');
      file = finding.file;
      out.push(colors.underline(colors.bold(file)));
    }
    out.push(...describe(finding, colors));
  }
  if (findings.length > 0) out.push('');
  out.push(...skippedLines(summary, colors), summaryLine(summary, colors));
  return out.join('\n') + '\n';
};

function describe(f: Finding, c: Colors): string[] {
  const lines = [
    `  ${c.dim(`${f.file}:${f.line}:${f.column}`)}  ${paint(f.severity, c)}  ${c.bold(f.title)}  ${c.yellow(f.secret)}  ${c.dim(f.ruleId)}`,
  ];
  if (f.commit) {
    const seen = f.occurrences && f.occurrences > 1 ? `, seen ${f.occurrences} times` : '';
    lines.push(`    ${c.dim(`added in ${f.commit.slice(0, 12)} by ${f.author ?? '?'} on ${(f.date ?? '').slice(0, 10)}${seen}`)}`);
  }
  lines.push(`    ${c.dim('│')} ${f.snippet}`, `    ${c.cyan('fix:')} ${f.fix}`);
  return lines;
}

function paint(severity: Severity, c: Colors): string {
  const label = severity.padEnd(8);
  if (severity === 'critical') return c.bold(c.red(label));
  if (severity === 'high') return c.red(label);
  if (severity === 'medium') return c.yellow(label);
  return c.blue(label);
}

function skippedLines(summary: ScanSummary, c: Colors): string[] {
  const { tooLarge, unreadable, symlink, repositories } = summary.skipped;
  const named = (label: string, files: string[]) =>
    files.length === 0
      ? []
      : [c.yellow(`skipped ${files.length} ${label}: ${files.slice(0, MAX_NAMED).join(', ')}${files.length > MAX_NAMED ? ', …' : ''}`)];
  return [...named('too large', tooLarge), ...named('unreadable', unreadable), ...named('symbolic links (not followed)', symlink), ...named('nested repositories (scan each on its own)', repositories)];
}

export function summaryLine(summary: ScanSummary, c: Colors): string {
  const parts: string[] = [];
  if (summary.findings === 0) parts.push(c.green('✔ no secrets found'));
  else {
    const counts = SEVERITIES.filter((s) => summary.bySeverity[s] > 0).map((s) => `${summary.bySeverity[s]} ${s}`);
    parts.push(c.red(`✖ ${summary.findings} finding${summary.findings === 1 ? '' : 's'} (${counts.join(', ')})`));
  }
  if (summary.commitsScanned !== undefined) parts.push(`${summary.commitsScanned} commit${summary.commitsScanned === 1 ? "" : "s"}`);
  parts.push(`${summary.filesScanned} file${summary.filesScanned === 1 ? '' : 's'} scanned (${formatBytes(summary.bytesScanned)})`);
  const { inline, allowlist, baseline } = summary.suppressed;
  if (inline) parts.push(`${inline} allowed inline`);
  if (allowlist) parts.push(`${allowlist} allowlisted`);
  if (baseline) parts.push(`${baseline} in baseline`);
  if (summary.baselineUnmatched) parts.push(c.yellow(`${summary.baselineUnmatched} stale baseline entr${summary.baselineUnmatched === 1 ? 'y' : 'ies'} (--prune removes)`));
  if (summary.skipped.binary) parts.push(`${summary.skipped.binary} binary skipped`);
  parts.push(`${(summary.durationMs / 1000).toFixed(2)}s`);
  return parts.join(c.dim(' · '));
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
