import type { Finding, ScanTarget } from '../types.js';
import { prefixOf, type Candidate } from './detect.js';
import { fingerprint } from './fingerprint.js';
import type { LineIndex } from './lines.js';
import { redact } from './redact.js';

const SNIPPET_WIDTH = 160;

export function redactCandidate(candidate: Candidate): string {
  return redact(candidate.secret, prefixOf(candidate.rule, candidate.secret), !candidate.rule.hideTail);
}

/** A check hit's value, redacted with the prefix of the rule that knows it; '' when it has none. */
function redactHit(candidate: Candidate, masks: readonly Candidate[]): string {
  if (!candidate.secret) return '';
  const mask = masks.find((m) => m.secret === candidate.secret && !m.hit);
  return mask ? redactCandidate(mask) : redact(candidate.secret, '');
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
  const { hit } = candidate;
  const secret = hit ? redactHit(candidate, sameText) : redactCandidate(candidate);
  const mapLine = (line: number) => target.lineMap?.[line - 1] ?? line;
  const finding: Finding = {
    ruleId: rule.id,
    provider: rule.provider,
    title: rule.title,
    severity: hit?.severity ?? rule.severity,
    file: target.path,
    line: mapLine(start.line),
    column: start.column,
    endLine: mapLine(end.line),
    endColumn: end.column,
    secret,
    fingerprint: fingerprint(rule.id, hit ? hit.key : candidate.secret),
    message: hit ? (hit.message ?? rule.title) : `${rule.title} found: ${secret}`,
    fix: hit?.fix ?? rule.fix,
    snippet: maskedLine(candidate, start.line, text, lines, sameText),
  };
  if (target.commit) {
    finding.commit = target.commit.sha;
    finding.author = target.commit.author;
    finding.date = target.commit.date;
  }
  return finding;
}

/**
 * A window of the candidate's first line with every secret in it masked (`sameText`: every mask
 * of the text, sorted by start). The window grows to take
 * in whole any secret it touches, so no part of a secret is ever shown unredacted.
 */
function maskedLine(candidate: Candidate, line: number, text: string, lines: LineIndex, sameText: readonly Candidate[]): string {
  const lineStart = lines.lineStart(line);
  const lineEnd = Math.max(lines.lineEnd(line), lineStart);
  let from = Math.max(lineStart, candidate.start - SNIPPET_WIDTH / 2);
  // At least some context after the secret: a long key must not end the window on itself.
  let to = Math.min(lineEnd, Math.max(candidate.end + 24, candidate.start + SNIPPET_WIDTH / 2));
  // `sameText` is sorted by start: find the masks around the window without visiting all of them.
  let first = firstStartingAtOrAfter(sameText, from);
  while (first > 0 && sameText[first - 1]!.end > from) {
    first--;
    from = Math.max(lineStart, Math.min(from, sameText[first]!.start));
  }
  const inside: Candidate[] = [];
  for (let i = first; i < sameText.length && sameText[i]!.start < to; i++) {
    const other = sameText[i]!;
    if (other.end <= from) continue;
    inside.push(other);
    to = Math.min(lineEnd, Math.max(to, other.end));
  }
  let out = '';
  let cursor = from;
  for (const other of inside) {
    if (other.start > cursor) out += text.slice(cursor, other.start);
    if (other.end > cursor) out += redactCandidate(other);
    cursor = Math.max(cursor, other.end);
  }
  if (cursor < to) out += text.slice(cursor, to);
  const leading = hasText(text, lineStart, from);
  const trailing = hasText(text, to, lineEnd);
  return (leading ? '…' : '') + out.trim() + (trailing ? '…' : '');
}

function firstStartingAtOrAfter(sorted: readonly Candidate[], offset: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]!.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether text[from, to) holds anything but white space (stops at the first such character). */
function hasText(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code !== 32 && code !== 9) return true;
  }
  return false;
}
