import { isPlaceholder } from '../rules/placeholders.js';
import type { CheckHit } from '../checks/check.js';
import type { Rule } from '../rules/rule.js';
import { LineIndex } from './lines.js';
import { prefilter, type Prefiltered, type RuleSet } from './ruleset.js';

/** What a candidate is reported as: a rule, or a project check (which has no pattern). */
export type Detector = Pick<Rule, 'id' | 'provider' | 'title' | 'severity' | 'fix'> &
  Partial<Pick<Rule, 'keywords' | 'redactPrefix' | 'hideTail'>>;

/** A raw match in a text, before suppressions and redaction. Offsets are into the text. */
export interface Candidate {
  rule: Detector;
  /** The raw secret; empty for a check hit that points at code rather than a value. */
  secret: string;
  start: number;
  end: number;
  /** Set for project checks: their message, fix, severity and stable key. */
  hit?: CheckHit;
}

/** Every candidate secret of every rule in `text`, in order of position. */
export function detect(text: string, path: string, ruleSet: RuleSet, lines: LineIndex, keywordsFound: Prefiltered = prefilter(ruleSet, text)): Candidate[] {
  const found: Candidate[] = [];
  const memo = new Map<string, boolean>();
  const fileIncludes = (literal: string) => {
    let known = memo.get(literal);
    if (known === undefined) memo.set(literal, (known = text.includes(literal)));
    return known;
  };
  for (const { rule, regex } of keywordsFound.rules) {
    regex.lastIndex = 0;
    for (let m = regex.exec(text); m; m = regex.exec(text)) {
      if (m[0].length === 0) regex.lastIndex++;
      const group = m.indices?.groups?.secret;
      const start = group ? group[0] : m.index;
      const end = group ? group[1] : m.index + m[0].length;
      const secret = text.slice(start, end);
      if (!secret || isTruncated(text, end)) continue;
      if (!rule.allowPlaceholderLike && isPlaceholder(secret.slice(prefixOf(rule, secret).length))) continue;
      if (rule.validate && !rule.validate({ secret, match: m[0], line: contextAround(text, lines, m.index, m.index + m[0].length), text, path, fileIncludes })) {
        continue;
      }
      found.push({ rule, secret, start, end });
    }
  }
  return dropOverlaps(found);
}

/** The part of a secret that is safe to show: a known prefix of the rule. */
export function prefixOf(rule: Detector, secret: string): string {
  if (rule.redactPrefix) return rule.redactPrefix(secret);
  let best = '';
  for (const keyword of rule.keywords ?? []) {
    if (keyword.length > best.length && secret.startsWith(keyword)) best = keyword;
  }
  return best;
}

/** `sk_live_51Hx...` in docs: a key followed by an ellipsis is a truncated example. */
function isTruncated(text: string, end: number): boolean {
  return text.startsWith('...', end) || text.startsWith('…', end);
}

/** Characters of the line on each side of a match that validators see (a minified bundle is one line). */
const CONTEXT = 256;

function contextAround(text: string, lines: LineIndex, start: number, end: number): string {
  const from = Math.max(lines.lineStart(lines.lineOf(start)), start - CONTEXT);
  const to = Math.min(lines.lineEnd(lines.lineOf(end)), end + CONTEXT);
  return text.slice(from, Math.max(to, end));
}

/** Two rules matching the same characters: keep the more specific (earlier, longer) one. */
function dropOverlaps(found: Candidate[]): Candidate[] {
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Candidate[] = [];
  for (const candidate of found) {
    const last = kept[kept.length - 1];
    if (last && candidate.start < last.end) continue;
    kept.push(candidate);
  }
  return kept;
}
