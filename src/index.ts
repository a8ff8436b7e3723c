/** The secretguard library API: the CLI and the GitHub Action are thin shells over these. */
export { scan, scanStaged, scanCommits, type ScanOptions, type GitScanOptions } from './scan.js';
export type { CommitSelection } from './sources/commits.js';
export { builtinRules } from './rules/index.js';
export type { Rule, RuleSample, MatchContext } from './rules/rule.js';
export type { Finding, ScanResult, ScanSummary, ScanTarget, Severity } from './types.js';
export { SEVERITIES, severityRank } from './types.js';
export { UsageError } from './errors.js';
export { fileChecks, projectChecks, PUBLIC_ENV_PREFIXES } from './checks/index.js';
export type { Check, CheckHit, FileCheck, ProjectCheck } from './checks/check.js';
export { loadProject, scanOptionsOf, type ProjectSettings } from './config/project.js';
