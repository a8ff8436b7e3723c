import type { Severity } from '../types.js';

/** What a validator sees around a candidate secret. */
export interface MatchContext {
  /** The candidate secret (the `secret` group of the rule's pattern, or the whole match). */
  secret: string;
  /** The whole regex match, including any context the pattern requires. */
  match: string;
  /** The line(s) the match sits on, cut to a window of a few hundred characters around it. */
  line: string;
  /** The whole text being scanned. */
  text: string;
  /** Whether the text contains `literal` anywhere (memoised per text: cheap to ask for every match). */
  fileIncludes(literal: string): boolean;
  /** POSIX path of the target. */
  path: string;
}

/**
 * A detection rule is data. The engine compiles `pattern` once, runs it only when one of the
 * `keywords` occurs in the text, drops placeholders, then asks `validate` (when present).
 */
export interface Rule {
  /** Stable, public id (also the README anchor). */
  id: string;
  provider: string;
  title: string;
  severity: Severity;
  /**
   * Linear-time pattern (no nested or adjacent unbounded quantifiers over overlapping classes).
   * A named group `secret` marks the secret inside a larger match; without it the whole match is.
   * Flags other than `i` and `m` are ignored: the engine adds `g` and `d`.
   */
  pattern: RegExp;
  /** Case-sensitive literals; the rule runs only when the text contains one of them. */
  keywords: readonly string[];
  /** Public by design (publishable keys): recognised, never reported as a leak. */
  public?: boolean;
  /** Extra checks on a candidate: false drops it. */
  validate?: (ctx: MatchContext) => boolean;
  /** Skip the generic placeholder filter (for rules whose secrets legitimately look regular). */
  allowPlaceholderLike?: boolean;
  /** Characters of the secret that may be shown in reports (a known prefix); default: the longest keyword it starts with. */
  redactPrefix?: (secret: string) => string;
  /** Show no tail characters when redacting (a PEM block's last four are its END marker). */
  hideTail?: boolean;
  /** One line, in a web developer's words. */
  fix: string;
  /**
   * Samples checked by the tests. `valid` builds fresh fake secrets of the real shape at run time
   * (a realistic key is never committed); `invalid` are texts in which this rule must find nothing.
   */
  samples: {
    valid: () => RuleSample[];
    invalid: readonly string[];
  };
}

/** A text in which the rule must find exactly `secret`. */
export interface RuleSample {
  text: string;
  secret: string;
}

/** A sample whose text is the bare secret. */
export function bare(secret: string): RuleSample {
  return { text: secret, secret };
}
