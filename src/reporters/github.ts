import pc from 'picocolors';
import type { Finding, ScanSummary, Severity } from '../types.js';
import type { Reporter } from './reporter.js';
import { summaryLine } from './text.js';

/**
 * `--format github`: one GitHub Actions workflow command per finding (an annotation on the file and
 * line in the pull request and the run), then a plain summary line. Annotations need no token.
 */

const COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'notice',
};

const plain = pc.createColors(false);

export const githubReporter: Reporter = ({ findings, summary }) => {
  const out = findings.map(annotation);
  out.push(githubSummaryLine(summary));
  return out.join('\n') + '\n';
};

/** `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message` for one finding. */
export function annotation(finding: Finding): string {
  const properties: [string, string | number][] = [
    ['file', finding.file],
    ['line', finding.line],
  ];
  // GitHub accepts columns only on a single-line annotation.
  if (finding.endLine === finding.line) properties.push(['col', finding.column]);
  properties.push(['endLine', finding.endLine]);
  if (finding.endLine === finding.line) properties.push(['endColumn', finding.endColumn]);
  properties.push(['title', `${finding.title} (${finding.ruleId})`]);
  return workflowCommand(COMMAND[finding.severity], properties, annotationMessage(finding));
}

function annotationMessage(f: Finding): string {
  const lines = [f.message];
  if (f.commit !== undefined) {
    const seen = f.occurrences !== undefined && f.occurrences > 1 ? `, seen ${f.occurrences} times` : '';
    lines.push(`added in ${f.commit.slice(0, 12)} by ${f.author ?? '?'} on ${(f.date ?? '').slice(0, 10)}${seen}`);
  }
  lines.push(`fix: ${f.fix}`);
  return lines.join('\n');
}

/** A workflow command line, with properties and data escaped the way the runner unescapes them. */
export function workflowCommand(command: string, properties: readonly (readonly [string, string | number])[], message: string): string {
  const props = properties.map(([key, value]) => `${key}=${escapeProperty(String(value))}`).join(',');
  return `::${command}${props ? ' ' + props : ''}::${escapeData(message)}`;
}

/** Workflow-command data: `%`, CR and LF are percent-encoded (so a message cannot end the command or start another). */
export function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Workflow-command property values: as data, plus `:` and `,` (which delimit the properties). */
export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** The text reporter's summary line without colour, plus the skipped files it leaves to other lines. */
export function githubSummaryLine(summary: ScanSummary): string {
  const { tooLarge, unreadable, symlink, repositories } = summary.skipped;
  const parts = [summaryLine(summary, plain)];
  if (tooLarge.length) parts.push(`${tooLarge.length} too large skipped`);
  if (symlink.length) parts.push(`${symlink.length} symlinks skipped`);
  if (repositories.length) parts.push(`${repositories.length} nested repositories skipped`);
  if (unreadable.length) parts.push(`${unreadable.length} unreadable (scan incomplete)`);
  return parts.join(' · ');
}
