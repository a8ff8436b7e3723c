import type { Finding, ScanResult, ScanSummary } from '../types.js';
import { SEVERITIES, severityRank } from '../types.js';

/**
 * The GitHub job summary (`$GITHUB_STEP_SUMMARY`) in GitHub-flavoured Markdown: a headline, the counts
 * by severity, every finding in a table, and what was suppressed or skipped. Only redacted data, as
 * everywhere: the finding's `secret`, never its snippet.
 */
export function jobSummaryMarkdown({ findings, summary }: ScanResult): string {
  const out: string[] = [];
  const count = findings.length;
  if (count === 0) {
    out.push('## ✅ secretguard: no secrets found', '');
  } else {
    out.push(`## ❌ secretguard: ${count} secret${count === 1 ? '' : 's'} found`, '');
    out.push('| Severity | Findings |', '| --- | ---: |');
    for (const severity of SEVERITIES) out.push(`| ${severity} | ${findings.filter((f) => f.severity === severity).length} |`);
    out.push('', ...findingsTable(findings), '');
  }
  out.push(...scannedLines(summary));
  return out.join('\n') + '\n';
}

function findingsTable(findings: readonly Finding[]): string[] {
  const withCommit = findings.some((f) => f.commit !== undefined);
  const header = ['Severity', 'Rule', 'Location', ...(withCommit ? ['Commit'] : []), 'Secret', 'Fix'];
  const rows = [...findings]
    .sort((a, b) => severityRank(b.severity) - severityRank(a.severity))
    .map((f) => [
      f.severity,
      `${text(f.title)} ${code(f.ruleId)}`,
      code(`${f.file}:${f.line}`),
      ...(withCommit ? [f.commit === undefined ? '' : code(f.commit.slice(0, 7))] : []),
      code(f.secret),
      text(f.fix),
    ]);
  return [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`);
}

function scannedLines(summary: ScanSummary): string[] {
  const scanned = [`${summary.filesScanned} file${summary.filesScanned === 1 ? '' : 's'}`];
  if (summary.commitsScanned !== undefined) scanned.push(`${summary.commitsScanned} commit${summary.commitsScanned === 1 ? '' : 's'}`);
  const { inline, allowlist, baseline } = summary.suppressed;
  const { binary, tooLarge, symlink, unreadable, repositories } = summary.skipped;
  const lines = [
    `**Scanned:** ${scanned.join(', ')}.`,
    '',
    `**Suppressed:** ${inline} inline, ${allowlist} allowlisted, ${baseline} in the baseline.`,
    '',
    `**Skipped:** ${binary} binary, ${tooLarge.length} too large, ${symlink.length} symbolic link${symlink.length === 1 ? '' : 's'}, ${unreadable.length} unreadable, ${repositories.length} nested repositor${repositories.length === 1 ? 'y' : 'ies'}.`,
  ];
  if (unreadable.length > 0) {
    lines.push('', '> [!WARNING]', `> Incomplete scan: ${unreadable.length} file${unreadable.length === 1 ? '' : 's'} could not be read.`);
  }
  return lines;
}

/** Plain text in a table cell: one line, Markdown and HTML inert, `|` escaped. */
export function text(value: string): string {
  return oneLine(value)
    .replace(/[\\`*_[\]#~!]/g, '\\$&')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|');
}

/**
 * A code span in a table cell. Backticks cannot be escaped inside a code span, so the fence is one
 * backtick longer than the longest run inside (padded with spaces when the value starts or ends with
 * one); `|` must still be escaped, even in a code span, or it splits the cell.
 */
export function code(value: string): string {
  const content = oneLine(value);
  const longest = Math.max(0, ...[...content.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = content.startsWith('`') || content.endsWith('`') || (content.startsWith(' ') && content.endsWith(' ')) ? ' ' : '';
  return `${fence}${pad}${content.replace(/\|/g, '\\|')}${pad}${fence}`;
}

/** A newline would end the table row: show CR and LF as their control pictures. */
function oneLine(value: string): string {
  return value.replace(/\r/g, '␍').replace(/\n/g, '␊');
}
