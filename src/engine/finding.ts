import type { Finding, ScanTarget } from '../types.js';
import { prefixOf, type Candidate } from './detect.js';
import { fingerprint } from './fingerprint.js';
import type { LineIndex } from './lines.js';
import { redact } from './redact.js';

const SNIPPET_WIDTH = 160;

export function redactCandidate(candidate: Candidate): string {
  return redact(candidate.secret, prefixOf(candidate.rule, candidate.secret));
}

/** Turn a candidate into the public Finding: positions resolved, secret redacted, line masked. */
export function toFinding(
  candidate: Candidate,
  target: ScanTarget,
  text: string,
  lines: LineIndex,
  sameText: readonly Candidate[],
): Finding {
  const { rule } = candidate;
  const start = lines.position(candidate.start);
  const end = lines.position(candidate.end);
  const secret = redactCandidate(candidate);
  const mapLine = (line: number) => target.lineMap?.[line - 1] ?? line;
  const finding: Finding = {
    ruleId: rule.id,
    provider: rule.provider,
    title: rule.title,
    severity: rule.severity,
    file: target.path,
    line: mapLine(start.line),
    column: start.column,
    endLine: mapLine(end.line),
    endColumn: end.column,
    secret,
    fingerprint: fingerprint(rule.id, candidate.secret),
    message: `${rule.title} found: ${secret}`,
    fix: rule.fix,
    snippet: maskedLine(candidate, start.line, text, lines, sameText),
  };
  if (target.commit) {
    finding.commit = target.commit.sha;
    finding.author = target.commit.author;
    finding.date = target.commit.date;
  }
  return finding;
}

/** The candidate's first line with every secret on it masked, cut to a window around the candidate. */
function maskedLine(candidate: Candidate, line: number, text: string, lines: LineIndex, sameText: readonly Candidate[]): string {
  const lineStart = lines.lineStart(line);
  const lineEnd = Math.max(lines.lineEnd(line), lineStart);
  const onLine = sameText.filter((c) => c.start < lineEnd && c.end > lineStart).sort((a, b) => a.start - b.start);
  let out = '';
  let cursor = lineStart;
  let anchor = 0;
  for (const other of onLine) {
    const from = Math.max(other.start, lineStart);
    if (from < cursor) continue;
    out += text.slice(cursor, from);
    if (other === candidate) anchor = out.length;
    out += redactCandidate(other);
    cursor = Math.min(other.end, lineEnd);
    if (other.end > lineEnd) break;
  }
  if (cursor < lineEnd) out += text.slice(cursor, lineEnd);
  return window(out, anchor);
}

function window(line: string, anchor: number): string {
  const trimmedStart = line.length - line.trimStart().length;
  let from = Math.max(trimmedStart, anchor - SNIPPET_WIDTH / 2);
  const to = Math.min(line.trimEnd().length, from + SNIPPET_WIDTH);
  from = Math.max(trimmedStart, Math.min(from, to - SNIPPET_WIDTH));
  return (from > trimmedStart ? '…' : '') + line.slice(from, to) + (to < line.trimEnd().length ? '…' : '');
}
