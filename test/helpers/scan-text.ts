import { compileRules } from '../../src/engine/ruleset.js';
import { scanTarget } from '../../src/engine/scan-target.js';
import { builtinRules } from '../../src/rules/index.js';
import type { Finding } from '../../src/types.js';

const ruleSet = compileRules(builtinRules);

/** Run the engine (rules and inline suppression) over one text, as if it were the file `path`. */
export function scanText(text: string | Buffer, path = 'src/example.ts'): Finding[] {
  const content = typeof text === 'string' ? Buffer.from(text) : text;
  return scanTarget({ path, content }, ruleSet).findings;
}
