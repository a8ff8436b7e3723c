import type { FileCheckContext } from '../checks/check.js';
import type { Rule } from '../rules/rule.js';
import { detect, type Detector } from './detect.js';
import { LineIndex } from './lines.js';
import { compileRules, type RuleSet } from './ruleset.js';

/**
 * What checks ask of a value: a secret by the rules (placeholders and validators included), or a
 * key that is public by design (a publishable key). Compiled on first use: most scans never ask.
 */
export interface Classifier {
  classify: FileCheckContext['classify'];
  /** The rule that detects `value` as a secret (for its redaction prefix), if any. */
  ruleFor(value: string): Detector | undefined;
}

export function classifier(rules: readonly Rule[]): Classifier {
  let sets: { secret: RuleSet; publicByDesign: RuleSet } | undefined;
  const compiled = () =>
    (sets ??= {
      secret: compileRules(rules.filter((rule) => !rule.public)),
      publicByDesign: compileRules(rules.filter((rule) => rule.public).map((rule) => ({ ...rule, public: false }))),
    });
  const ruleFor = (value: string) => detect(value, 'value', compiled().secret, new LineIndex(value))[0]?.rule;
  return {
    ruleFor,
    classify(value) {
      const secret = ruleFor(value);
      if (secret) return { secret: true, publicByDesign: false, ruleId: secret.id };
      const [known] = detect(value, 'value', compiled().publicByDesign, new LineIndex(value));
      if (known) return { secret: false, publicByDesign: true, ruleId: known.rule.id };
      return { secret: false, publicByDesign: false };
    },
  };
}
