import { checkRunsOn, type FileCheck } from '../checks/check.js';
import type { Finding, ScanTarget } from '../types.js';
import { hasInlineAllow } from '../suppressions/inline.js';
import type { Allowlist } from '../suppressions/allowlist.js';
import { decodeAs, sniff } from './decode.js';
import { detect, type Candidate } from './detect.js';
import { toFinding } from './finding.js';
import { LineIndex } from './lines.js';
import { prefilter, type RuleSet } from './ruleset.js';

export interface TargetResult {
  findings: Finding[];
  binary: boolean;
  suppressedInline: number;
  suppressedAllowlist: number;
}

/**
 * One target through the engine and the inline and config suppressions, out as Findings.
 * `projectPath` is the target's path from the project root, which allowlist globs are written against.
 */
export function scanTarget(target: ScanTarget, ruleSet: RuleSet, allowlist?: Allowlist, projectPath = target.path): TargetResult {
  const result: TargetResult = { findings: [], binary: false, suppressedInline: 0, suppressedAllowlist: 0 };
  const sniffed = sniff(target.content);
  if ('binary' in sniffed) {
    result.binary = true;
    return result;
  }
  // The keyword pass runs on UTF-8 bytes as they are: most files hold no keyword and apply to no
  // check, and are never decoded. UTF-16 text is decoded first.
  const utf16 = sniffed.encoding === 'utf-8' ? undefined : decodeAs(target.content, sniffed);
  const keywords = prefilter(ruleSet, utf16 ?? target.content);
  const checks = ruleSet.fileChecks.filter((check) => checkRunsOn(check, target.path, ruleSet.checkKeywords.get(check)!.length === 0 || keywords.checks.has(check)));
  if (keywords.rules.length === 0 && checks.length === 0) return result;
  const text = utf16 ?? decodeAs(target.content, sniffed);
  const lines = new LineIndex(text);
  const candidates = detect(text, target.path, ruleSet, lines, keywords);
  const masks = [...candidates];
  for (const hit of runFileChecks(target.path, text, checks, ruleSet, masks)) candidates.push(hit);
  masks.sort((a, b) => a.start - b.start);
  const allowed = inlineAllowances(text, lines);
  for (const candidate of candidates) {
    const first = lines.lineOf(candidate.start);
    const last = lines.lineOf(Math.max(candidate.start, candidate.end - 1));
    if (target.changedLines && !overlapsChanged(first, last, target)) continue;
    if (spansAllowedLine(first, last, allowed)) {
      result.suppressedInline++;
      continue;
    }
    if (allowlist?.allows(candidate, projectPath)) {
      result.suppressedAllowlist++;
      continue;
    }
    result.findings.push(toFinding(candidate, target, text, lines, masks));
  }
  return result;
}

/**
 * The file checks that apply to this path, as candidates. A hit that carries a secret value adds
 * a mask where the value sits, so that snippets never show it.
 */
function runFileChecks(path: string, text: string, checks: readonly FileCheck[], ruleSet: RuleSet, masks: Candidate[]): Candidate[] {
  const found: Candidate[] = [];
  for (const check of checks) {
    for (const hit of check.run(path, text, ruleSet.checkContext)) {
      found.push({ rule: { ...check, keywords: ruleSet.checkKeywords.get(check) }, secret: hit.secret ?? '', start: hit.start, end: hit.end, hit });
      if (hit.secret) masks.push(maskFor(hit.secret, hit.start, text, ruleSet));
    }
  }
  return found;
}

function maskFor(secret: string, near: number, text: string, ruleSet: RuleSet): Candidate {
  let start = text.lastIndexOf(secret, near + secret.length);
  if (start === -1 || start + secret.length < near) start = text.indexOf(secret, near);
  if (start === -1) start = text.indexOf(secret);
  const rule = ruleSet.classifier.ruleFor(secret) ?? { id: 'value', provider: '', title: '', severity: 'low', fix: '' };
  return { rule, secret, start: Math.max(start, 0), end: Math.max(start, 0) + secret.length };
}

function overlapsChanged(first: number, last: number, target: ScanTarget): boolean {
  for (let line = first; line <= last; line++) if (target.changedLines!.has(line)) return true;
  return false;
}

/** Whether each line carries an inline marker, asked once per line (a minified line holds thousands of keys). */
function inlineAllowances(text: string, lines: LineIndex): (line: number) => boolean {
  const known = new Map<number, boolean>();
  return (line) => {
    let allowed = known.get(line);
    if (allowed === undefined) known.set(line, (allowed = hasInlineAllow(text.slice(lines.lineStart(line), lines.lineEnd(line)))));
    return allowed;
  };
}

function spansAllowedLine(first: number, last: number, allowed: (line: number) => boolean): boolean {
  for (let line = first; line <= last; line++) if (allowed(line)) return true;
  return false;
}

export type { Candidate };
