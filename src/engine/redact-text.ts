import { builtinRules } from '../rules/index.js';
import { detect } from './detect.js';
import { redactCandidate } from './finding.js';
import { LineIndex } from './lines.js';
import { compileRules, type RuleSet } from './ruleset.js';

/**
 * Any text secretguard prints that is not a report (an error message that echoes an argument, a
 * path, git's stderr) goes through the rules too: a key pasted into the wrong place is redacted.
 */
let ruleSet: RuleSet | undefined;

export function redactText(text: string): string {
  ruleSet ??= compileRules(builtinRules);
  const candidates = detect(text, 'message', ruleSet, new LineIndex(text));
  if (candidates.length === 0) return text;
  let out = text;
  for (const candidate of [...candidates].sort((a, b) => b.start - a.start)) {
    out = out.slice(0, candidate.start) + redactCandidate(candidate) + out.slice(candidate.end);
  }
  return out;
}
