import type { Candidate } from '../engine/detect.js';

/** Config allowlist: what a team declared is not a secret (paths, secret regexes, stopwords). */
export interface AllowlistSpec {
  /** Globs over the POSIX path from the project root (the repository top level). */
  paths?: readonly string[];
  /** Matched against the raw secret. */
  regexes?: readonly string[];
  /** A secret containing one of these (case-insensitive) is not reported. */
  stopwords?: readonly string[];
}

export interface Allowlist {
  /** `path` is the target's path from the project root. */
  allows(candidate: Candidate, path: string): boolean;
}

export function buildAllowlist(spec: AllowlistSpec, matchPath: (path: string, globs: readonly string[]) => boolean): Allowlist {
  const regexes = (spec.regexes ?? []).map((source) => new RegExp(source));
  const stopwords = (spec.stopwords ?? []).map((word) => word.toLowerCase());
  const globs = spec.paths ?? [];
  const allowsPath = (path: string) => globs.length > 0 && matchPath(path, globs);
  return {
    allows(candidate, path) {
      if (allowsPath(path)) return true;
      if (regexes.some((regex) => regex.test(candidate.secret))) return true;
      const lower = candidate.secret.toLowerCase();
      return stopwords.some((word) => lower.includes(word));
    },
  };
}
