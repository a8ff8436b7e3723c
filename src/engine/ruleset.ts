import type { FileCheck, FileCheckContext } from '../checks/check.js';
import type { Rule } from '../rules/rule.js';
import { classifier, type Classifier } from './classify.js';

export interface CompiledRule {
  rule: Rule;
  /** `rule.pattern` with the `g` and `d` flags the engine needs. */
  regex: RegExp;
}

/**
 * Rules ready to run: each pattern compiled once, and one combined keyword search that tells,
 * in a single pass over a text, which rules can match at all.
 */
export interface RuleSet {
  rules: readonly CompiledRule[];
  prefilter: RegExp;
  byKeyword: ReadonlyMap<string, readonly CompiledRule[]>;
  /** Project checks that judge one file's text (env files, route handlers, client components). */
  fileChecks: readonly FileCheck[];
  checkContext: FileCheckContext;
  classifier: Classifier;
}

export interface CheckOptions {
  fileChecks?: readonly FileCheck[];
  /** Env prefixes the browser bundle inlines. */
  publicPrefixes?: readonly string[];
}

const escapeRegExp = (literal: string) => literal.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

export function compileRules(rules: readonly Rule[], checks: CheckOptions = {}): RuleSet {
  const compiled = rules
    .filter((rule) => !rule.public)
    .map((rule) => ({ rule, regex: new RegExp(rule.pattern.source, flagsFor(rule.pattern)) }));
  const byKeyword = new Map<string, CompiledRule[]>();
  for (const entry of compiled) {
    for (const keyword of entry.rule.keywords) {
      const list = byKeyword.get(keyword) ?? [];
      list.push(entry);
      byKeyword.set(keyword, list);
    }
  }
  // Checks' keywords join the same pass; they activate no rule.
  for (const check of checks.fileChecks ?? []) for (const keyword of check.keywords ?? []) if (!byKeyword.has(keyword)) byKeyword.set(keyword, []);
  // Longest first, so that a keyword that extends another is the one reported.
  const keywords = [...byKeyword.keys()].sort((a, b) => b.length - a.length);
  const prefilter = new RegExp(keywords.map(escapeRegExp).join('|') || '(?!)', 'g');
  const classify = classifier(rules);
  return {
    rules: compiled,
    prefilter,
    byKeyword,
    fileChecks: checks.fileChecks ?? [],
    checkContext: { classify: classify.classify, publicPrefixes: checks.publicPrefixes ?? [] },
    classifier: classify,
  };
}

function flagsFor(pattern: RegExp): string {
  let flags = 'gd';
  if (pattern.ignoreCase) flags += 'i';
  if (pattern.multiline) flags += 'm';
  return flags;
}

export interface Prefiltered {
  /** The rules whose keywords occur in the text, in rule order. */
  rules: CompiledRule[];
  /** Every keyword (of rules and checks) that occurs in the text. */
  keywords: Set<string>;
}

/** One pass of the combined keyword search over `text`. */
export function prefilter(ruleSet: RuleSet, text: string): Prefiltered {
  const active = new Set<CompiledRule>();
  const keywords = new Set<string>();
  const { byKeyword } = ruleSet;
  const search = ruleSet.prefilter;
  search.lastIndex = 0;
  for (let m = search.exec(text); m; m = search.exec(text)) {
    // Keywords can contain each other (`api.twilio.com`, `twilio`): look again one character on.
    search.lastIndex = m.index + 1;
    if (keywords.has(m[0])) continue;
    keywords.add(m[0]);
    for (const entry of byKeyword.get(m[0])!) active.add(entry);
    if (keywords.size === byKeyword.size) break;
  }
  return { rules: active.size === 0 ? [] : ruleSet.rules.filter((entry) => active.has(entry)), keywords };
}
