import { readFile, writeFile } from 'node:fs/promises';
import { UsageError } from '../errors.js';
import type { Finding } from '../types.js';

/**
 * A baseline records findings a team has accepted. An entry is the finding's fingerprint (a hash
 * of the rule and the secret: never a line number, never the secret), its rule and its file.
 * Sorted, no timestamps: two branches that regenerate it write the same bytes.
 *
 * Matching: an entry matches a finding with the same fingerprint in the same file; an entry whose
 * file has no such finding matches one with the same fingerprint in another file (a rename or move).
 */
export interface BaselineEntry {
  fingerprint: string;
  ruleId: string;
  file: string;
}

export interface Baseline {
  path: string;
  entries: BaselineEntry[];
}

export const BASELINE_FILE = '.secretguard-baseline.json';

export async function loadBaseline(path: string, required: boolean): Promise<Baseline | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (!required && (error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new UsageError(`cannot read baseline ${path}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${path}: invalid JSON: ${(error as Error).message}`);
  }
  const entries = (data as { entries?: unknown })?.entries;
  if ((data as { version?: unknown })?.version !== 1 || !Array.isArray(entries) || !entries.every(isEntry)) {
    throw new UsageError(`${path}: not a secretguard baseline (expected {"version":1,"entries":[{"fingerprint","ruleId","file"}]})`);
  }
  return { path, entries };
}

function isEntry(value: unknown): value is BaselineEntry {
  const entry = value as BaselineEntry;
  return typeof entry?.fingerprint === 'string' && typeof entry.ruleId === 'string' && typeof entry.file === 'string';
}

export interface BaselineMatch {
  kept: Finding[];
  suppressed: number;
  /** Entries that matched no finding. */
  unmatched: BaselineEntry[];
}

/** `fileOf` gives a finding's path from the project root (the baseline's frame). */
export function applyBaseline(findings: readonly Finding[], baseline: Baseline, fileOf: (f: Finding) => string = (f) => f.file): BaselineMatch {
  const unused = new Set(baseline.entries);
  const byFingerprint = new Map<string, BaselineEntry[]>();
  for (const entry of baseline.entries) byFingerprint.set(entry.fingerprint, [...(byFingerprint.get(entry.fingerprint) ?? []), entry]);
  const take = (finding: Finding, samePath: boolean) => {
    const file = fileOf(finding);
    const entry = byFingerprint.get(finding.fingerprint)?.find((e) => unused.has(e) && (e.file === file) === samePath);
    if (entry) unused.delete(entry);
    return entry !== undefined;
  };
  const matched = new Set<Finding>();
  for (const finding of findings) if (take(finding, true)) matched.add(finding);
  for (const finding of findings) if (!matched.has(finding) && take(finding, false)) matched.add(finding);
  return {
    kept: findings.filter((f) => !matched.has(f)),
    suppressed: matched.size,
    unmatched: baseline.entries.filter((e) => unused.has(e)),
  };
}

export function baselineText(entries: readonly BaselineEntry[]): string {
  const unique = new Map(entries.map((e) => [`${e.file}\0${e.ruleId}\0${e.fingerprint}`, { fingerprint: e.fingerprint, ruleId: e.ruleId, file: e.file }]));
  const sorted = [...unique.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, e]) => e);
  return JSON.stringify({ version: 1, entries: sorted }, null, 2) + '\n';
}

export async function writeBaseline(path: string, entries: readonly BaselineEntry[]): Promise<void> {
  await writeFile(path, baselineText(entries)).catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot write baseline ${path}: ${error.code ?? error.message}`);
  });
}

export function entryOf(finding: Finding): BaselineEntry {
  return { fingerprint: finding.fingerprint, ruleId: finding.ruleId, file: finding.file };
}
