import { isPlaceholder } from '../rules/placeholders.js';
import type { Rule } from '../rules/rule.js';
import { LineIndex } from './lines.js';
import { activeRules, type RuleSet } from './ruleset.js';

/** A raw match in a text, before suppressions and redaction. Offsets are into the text. */
export interface Candidate {
  rule: Rule;
  secret: string;
  start: number;
  end: number;
}

/** Every candidate secret of every rule in `text`, in order of position. */
export function detect(text: string, path: string, ruleSet: RuleSet, lines: LineIndex): Candidate[] {
  const found: Candidate[] = [];
  for (const { rule, regex } of activeRules(ruleSet, text)) {
    regex.lastIndex = 0;
    for (let m = regex.exec(text); m; m = regex.exec(text)) {
      if (m[0].length === 0) regex.lastIndex++;
      const group = m.indices?.groups?.secret;
      const start = group ? group[0] : m.index;
      const end = group ? group[1] : m.index + m[0].length;
      const secret = text.slice(start, end);
      if (!secret || isTruncated(text, end)) continue;
      if (!rule.allowPlaceholderLike && isPlaceholder(secret.slice(prefixOf(rule, secret).length))) continue;
      if (rule.validate && !rule.validate({ secret, match: m[0], line: linesAround(text, lines, start, end), text, path })) continue;
      found.push({ rule, secret, start, end });
    }
  }
  return dropOverlaps(found);
}

/** The part of a secret that is safe to show: a known prefix of the rule. */
export function prefixOf(rule: Rule, secret: string): string {
  if (rule.redactPrefix) return rule.redactPrefix(secret);
  let best = '';
  for (const keyword of rule.keywords) {
    if (keyword.length > best.length && secret.startsWith(keyword)) best = keyword;
  }
  return best;
}

/** `sk_live_51Hx...` in docs: a key followed by an ellipsis is a truncated example. */
function isTruncated(text: string, end: number): boolean {
  return text.startsWith('...', end) || text.startsWith('…', end);
}

function linesAround(text: string, lines: LineIndex, start: number, end: number): string {
  return text.slice(lines.lineStart(lines.lineOf(start)), lines.lineEnd(lines.lineOf(end)));
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
