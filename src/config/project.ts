import { dirname, join, resolve } from 'node:path';
import { stat } from 'node:fs/promises';
import { UsageError } from '../errors.js';
import { builtinRules } from '../rules/index.js';
import type { Rule } from '../rules/rule.js';
import { gitText } from '../sources/git/run.js';
import type { AllowlistSpec } from '../suppressions/allowlist.js';
import { BASELINE_FILE, loadBaseline, type Baseline } from '../suppressions/baseline.js';
import type { Severity } from '../types.js';
import { fileChecks, projectChecks } from '../checks/index.js';
import type { FileCheck, ProjectCheck } from '../checks/check.js';
import { loadConfig } from './load.js';
import type { Config } from './schema.js';

export interface ProjectOptions {
  /** Where the command runs, or the folder/file it scans: the project root is found from here. */
  from: string;
  /** --config: overrides discovery. */
  configPath?: string;
  /** --baseline: overrides `.secretguard-baseline.json` at the root; false turns baselines off. */
  baselinePath?: string | false;
}

/** Everything a scan needs from the project: rules after the config, allowlist, limits, baseline. */
export interface ProjectSettings {
  root: string;
  configSource?: string;
  rules: Rule[];
  checks: { file: FileCheck[]; project: ProjectCheck[] };
  allow?: AllowlistSpec;
  maxFileSize?: number;
  failOn: Severity;
  publicPrefixes: string[];
  baseline?: Baseline;
}

/** The project root is the repository's top level, not the cwd, so a subfolder finds the config. */
export async function projectRoot(from: string): Promise<string> {
  const stats = await stat(from).catch(() => undefined);
  const folder = stats?.isDirectory() ? from : dirname(from);
  const top = await gitText(['rev-parse', '--show-toplevel'], folder).catch(() => undefined);
  return top || resolve(folder);
}

export async function loadProject(options: ProjectOptions): Promise<ProjectSettings> {
  const root = await projectRoot(options.from);
  const loaded = await loadConfig(root, options.configPath);
  const config: Config = loaded?.config ?? {};
  const source = loaded?.source ?? 'config';
  const rules = await resolveRules(config, source);
  const checks = resolveChecks(config);
  const baselinePath = options.baselinePath === false ? undefined : (options.baselinePath ?? join(root, BASELINE_FILE));
  return {
    root,
    configSource: loaded?.source,
    rules,
    checks,
    allow: config.allow,
    maxFileSize: config.maxFileSize,
    failOn: (config.failOn as Severity | undefined) ?? 'low',
    publicPrefixes: config.publicPrefixes ?? [],
    baseline: baselinePath ? await loadBaseline(baselinePath, options.baselinePath !== undefined) : undefined,
  };
}

async function resolveRules(config: Config, source: string): Promise<Rule[]> {
  const known = new Map(builtinRules.map((rule) => [rule.id, rule]));
  for (const [id, setting] of Object.entries(config.rules ?? {})) {
    if (CHECK_IDS.has(id)) continue;
    if (!known.has(id)) throw new UsageError(`${source}: rules.${id}: no rule or check with this id (secretguard rules lists them)`);
    if (setting === false || setting === 'off') known.delete(id);
    else known.set(id, { ...known.get(id)!, severity: setting as Severity });
  }
  const custom: Rule[] = [];
  for (const [index, spec] of (config.customRules ?? []).entries()) {
    if (builtinRules.some((rule) => rule.id === spec.id) || custom.some((rule) => rule.id === spec.id)) {
      throw new UsageError(`${source}: customRules.${index}.id: ${spec.id} is already a rule id`);
    }
    const { checkRegexSafety } = await import('./regex-safety.js');
    const verdict = await checkRegexSafety(spec.regex, spec.flags ?? '');
    if (!verdict.safe) throw new UsageError(`${source}: customRules.${index}.regex: refused: ${verdict.reason}`);
    custom.push({
      id: spec.id,
      provider: spec.provider ?? 'Custom',
      title: spec.title ?? spec.description,
      severity: spec.severity as Severity,
      pattern: new RegExp(spec.regex, spec.flags ?? ''),
      keywords: spec.keywords,
      fix: spec.fix,
      samples: { valid: () => [], invalid: [] },
    });
  }
  return [...known.values(), ...custom];
}

const CHECK_IDS = new Set([...fileChecks, ...projectChecks].map((check) => check.id));

/** Checks are configured under `rules` too: off by id, or another severity. */
function resolveChecks(config: Config): ProjectSettings['checks'] {
  const apply = <T extends FileCheck | ProjectCheck>(checks: readonly T[]): T[] =>
    checks.flatMap((check) => {
      const setting = config.rules?.[check.id];
      if (setting === false || setting === 'off') return [];
      return setting ? [{ ...check, severity: setting as Severity }] : [check];
    });
  return { file: apply(fileChecks), project: apply(projectChecks) };
}

/** What the library's scan functions take from the project settings (a CLI flag wins for size). */
export function scanOptionsOf(settings: ProjectSettings, maxFileSize?: number) {
  return {
    rules: settings.rules,
    checks: settings.checks,
    publicPrefixes: settings.publicPrefixes,
    allow: settings.allow,
    baseline: settings.baseline,
    maxFileSize: maxFileSize ?? settings.maxFileSize,
    root: settings.root,
  };
}
