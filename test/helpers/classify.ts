import { compileRules } from '../../src/engine/ruleset.js';
import { scanTarget } from '../../src/engine/scan-target.js';
import { PUBLIC_ENV_PREFIXES } from '../../src/checks/names.js';
import type { FileCheckContext } from '../../src/checks/check.js';
import { builtinRules } from '../../src/rules/index.js';

/**
 * A `classify` built from the detection rules, for tests of the checks: a value is a secret when
 * the engine (rules, placeholder filter, validators) reports it, and public by design when a
 * public rule (`public: true`: publishable keys) matches it. The public rules are run through the
 * same engine by compiling copies of them without the flag (the engine skips public rules).
 */

const publicRuleSet = compileRules(builtinRules.filter((rule) => rule.public).map((rule) => ({ ...rule, public: false })));
const secretRuleSet = compileRules(builtinRules);

export interface Verdict {
  secret: boolean;
  publicByDesign: boolean;
  ruleId?: string;
}

export function classify(value: string): Verdict {
  const content = Buffer.from(value);
  const secret = scanTarget({ path: 'classify.txt', content }, secretRuleSet).findings[0];
  if (secret) return { secret: true, publicByDesign: false, ruleId: secret.ruleId };
  const publicFinding = scanTarget({ path: 'classify.txt', content }, publicRuleSet).findings[0];
  if (publicFinding) return { secret: false, publicByDesign: true, ruleId: publicFinding.ruleId };
  return { secret: false, publicByDesign: false };
}

/** The FileCheckContext the engine will hand to file checks, with the test classifier. */
export const checkContext: FileCheckContext = { classify, publicPrefixes: PUBLIC_ENV_PREFIXES };
