import { checkKeywords, type FileCheck, type FileCheckContext } from '../checks/check.js';
import type { Rule } from '../rules/rule.js';
import { classifier, type Classifier } from './classify.js';
import { KeywordSearch } from './keyword-search.js';

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
  /** The keywords of every rule and file check (and the public env prefixes), searched in one pass. */
  search: KeywordSearch;
  /** For each keyword of `search`, the rules and the file checks it activates. */
  byKeyword: readonly Consumers[];
  /** Project checks that judge one file's text (env files, route handlers, client components). */
  fileChecks: readonly FileCheck[];
  /** Each file check's keywords for this context, resolved once (empty: the path alone decides). */
  checkKeywords: ReadonlyMap<FileCheck, readonly string[]>;
  checkContext: FileCheckContext;
  classifier: Classifier;
}

interface Consumers {
  rules: CompiledRule[];
  checks: FileCheck[];
}

export interface CheckOptions {
  fileChecks?: readonly FileCheck[];
  /** Env prefixes the browser bundle inlines. */
  publicPrefixes?: readonly string[];
}

export function compileRules(rules: readonly Rule[], checks: CheckOptions = {}): RuleSet {
  const compiled = rules
    .filter((rule) => !rule.public)
    .map((rule) => ({ rule, regex: new RegExp(rule.pattern.source, flagsFor(rule.pattern)) }));
  const consumers = new Map<string, Consumers>();
  const consumersOf = (keyword: string) => {
    let entry = consumers.get(keyword);
    if (!entry) consumers.set(keyword, (entry = { rules: [], checks: [] }));
    return entry;
  };
  for (const entry of compiled) for (const keyword of entry.rule.keywords) consumersOf(keyword).rules.push(entry);
  const classify = classifier(rules);
  const checkContext: FileCheckContext = { classify: classify.classify, publicPrefixes: checks.publicPrefixes ?? [] };
  const fileChecks = checks.fileChecks ?? [];
  const keywordsOfChecks = new Map(fileChecks.map((check) => [check, [...new Set(checkKeywords(check, checkContext))]] as const));
  for (const [check, keywords] of keywordsOfChecks) for (const keyword of keywords) consumersOf(keyword).checks.push(check);
  const search = new KeywordSearch(consumers.keys());
  return {
    rules: compiled,
    search,
    byKeyword: search.keywords.map((keyword) => consumers.get(keyword)!),
    fileChecks,
    checkKeywords: keywordsOfChecks,
    checkContext,
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
  /** The file checks one of whose keywords occurs in the text. */
  checks: ReadonlySet<FileCheck>;
}

/** One pass of the keyword search over a target's UTF-8 bytes, or over a text. */
export function prefilter(ruleSet: RuleSet, content: Uint8Array | string): Prefiltered {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  const ids = ruleSet.search.find(bytes);
  if (ids.length === 0) return NOTHING_FOUND;
  const active = new Set<CompiledRule>();
  const checks = new Set<FileCheck>();
  for (const id of ids) {
    const { rules, checks: checksOfKeyword } = ruleSet.byKeyword[id]!;
    for (const entry of rules) active.add(entry);
    for (const check of checksOfKeyword) checks.add(check);
  }
  return { rules: active.size === 0 ? [] : ruleSet.rules.filter((entry) => active.has(entry)), checks };
}

const NOTHING_FOUND: Prefiltered = { rules: [], checks: new Set() };
