import type { Severity } from '../types.js';

/**
 * Project checks: the integration traps beyond raw key matching (a secret under NEXT_PUBLIC_,
 * an unverified webhook route, `.env*.local` not ignored …). Like rules they are data plus one
 * function, and their ids are part of the public interface.
 */
export interface CheckMeta {
  id: string;
  /** Shown as the finding's provider, e.g. 'Next.js', 'Stripe', 'Git'. */
  provider: string;
  title: string;
  severity: Severity;
  /** One line, in a web developer's words. */
  fix: string;
}

/** A place a check points at, as offsets into the file's text. */
export interface CheckHit {
  start: number;
  end: number;
  /** Overrides the default message (`title`), e.g. naming the variable. Must not contain a secret. */
  message?: string;
  /** Overrides the check's fix for this hit (e.g. naming the line to add to .gitignore). */
  fix?: string;
  /** Stable identity of the hit for the fingerprint (e.g. the variable name or route path), never a line number. */
  key: string;
  /** When the hit is a secret value, the raw value: it is redacted before anything is printed. */
  secret?: string;
  /** Severity for this hit when it differs from the check's (e.g. a test key is lower). */
  severity?: Severity;
}

/** What a file check can ask about the rest of the scan. */
export interface FileCheckContext {
  /** Classify a value with the detection rules: a secret (not public by design), or not. */
  classify(value: string): { secret: boolean; publicByDesign: boolean; ruleId?: string };
  /** Env var prefixes the browser bundle inlines (NEXT_PUBLIC_, VITE_ … plus config). */
  publicPrefixes: readonly string[];
}

/** Runs on one file's text (a working-tree file, a staged blob), like a rule. */
export interface FileCheck extends CheckMeta {
  kind: 'file';
  /**
   * Like a rule's keywords: literals searched in the engine's one keyword pass over the bytes, so
   * that a file that cannot matter is not even decoded. A function derives them from the context
   * (the public env prefixes).
   */
  keywords?: readonly string[] | ((context: FileCheckContext) => readonly string[]);
  /**
   * Cheap test on the POSIX path, before the text is decoded; with keywords, asked only of files
   * where one of them occurs. `run` makes the finer tests on the text.
   */
  appliesTo(path: string): boolean;
  /** With keywords: paths the check runs on even when none occurs (next.config's `env` block needs no public prefix). */
  appliesWithoutKeywords?(path: string): boolean;
  run(path: string, text: string, context: FileCheckContext): CheckHit[];
}

export function checkKeywords(check: FileCheck, context: FileCheckContext): readonly string[] {
  return typeof check.keywords === 'function' ? check.keywords(context) : (check.keywords ?? []);
}

/** Whether `check` runs on the file `path`, given whether one of its keywords (if it has any) occurs there. */
export function checkRunsOn(check: FileCheck, path: string, keywordOccurs: boolean): boolean {
  return keywordOccurs ? check.appliesTo(path) : (check.appliesWithoutKeywords?.(path) ?? false);
}

/** What a project check can ask about the whole repository or folder. */
export interface ProjectContext {
  /** Absolute path of the scanned root (the repository's top level inside Git). */
  root: string;
  inGit: boolean;
  /** POSIX paths relative to root of the files the scan covers (tracked + untracked-not-ignored inside Git). */
  files: readonly string[];
  /** Git's own answer (`git check-ignore --no-index`), or the `ignore` library's outside Git. */
  ignored(paths: readonly string[]): Promise<Set<string>>;
  readText(path: string): Promise<string | undefined>;
}

/** A hit of a project check, located in a file (e.g. `.gitignore` line 1, or the file itself). */
export interface ProjectHit extends CheckHit {
  file: string;
}

export interface ProjectCheck extends CheckMeta {
  kind: 'project';
  run(context: ProjectContext): Promise<ProjectHit[]>;
}

export type Check = FileCheck | ProjectCheck;
