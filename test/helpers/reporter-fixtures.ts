import pc from 'picocolors';
import { expect } from 'vitest';
import { compileRules } from '../../src/engine/ruleset.js';
import { emptySummary, finish } from '../../src/engine/run.js';
import { scanTarget } from '../../src/engine/scan-target.js';
import { ALNUM, randomString } from '../../src/rules/fake.js';
import { builtinRules } from '../../src/rules/index.js';
import type { Rule } from '../../src/rules/rule.js';
import type { Finding, ScanResult } from '../../src/types.js';
import { sampleSecret } from './fixture.js';
import { scanText } from './scan-text.js';

/**
 * Shared by the reporter tests (test/reporters-*.test.ts): real engine runs over generated text;
 * every key is built fresh, none is committed.
 */

export const COMMIT = { sha: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678', author: 'Ada Lovelace <ada@example.com>', date: '2024-05-06T07:08:09Z' };
/** Every character the workflow-command property rules care about, plus a newline. */
export const WEIRD_PATH = 'weird/a,b:c%d\nname.ts';

/** A low-severity, two-line custom rule: the built-ins have no reportable low rule and no multi-line one yet. */
export const lowMultiLineRule: Rule = {
  id: 'acme-session-token',
  provider: 'Acme',
  title: 'Acme session token',
  severity: 'low',
  pattern: /-----BEGIN ACME TOKEN-----\n[A-Za-z0-9]{40}\n-----END ACME TOKEN-----/,
  keywords: ['-----BEGIN ACME TOKEN-----'],
  fix: 'delete it | then sign out every `acme` session',
  samples: { valid: () => [], invalid: [] },
};
export const ruleSet = compileRules([...builtinRules, lowMultiLineRule]);

/** The reporter context of the tests: no colours, a fixed tool version. */
export const ctx = { colors: pc.createColors(false), toolVersion: '1.2.3' };

export interface ReporterFixture {
  result: ScanResult;
  /** Every secret planted, in full (none may appear in a report). */
  secrets: string[];
}

/**
 * A scan result with a finding of every severity: keys in `.env` and in code (two on one file), one
 * under WEIRD_PATH, optionally one under `tablePath` (a path hostile to Markdown tables), one from a
 * history commit (COMMIT), and a multi-line low one; plus suppressed and skipped counts.
 */
export function reporterFixture(options: { tablePath?: string } = {}): ReporterFixture {
  const live = sampleSecret('stripe-live-secret-key');
  const test = sampleSecret('stripe-test-secret-key');
  const webhook = sampleSecret('stripe-webhook-secret');
  const weird = sampleSecret('stripe-webhook-secret');
  const table = options.tablePath === undefined ? undefined : sampleSecret('stripe-live-secret-key');
  const historic = sampleSecret('stripe-live-restricted-key');
  const token = `-----BEGIN ACME TOKEN-----\n${randomString(ALNUM, 40)}\n-----END ACME TOKEN-----`;
  const findings: Finding[] = [
    ...scanText(`STRIPE_WEBHOOK_SECRET=${webhook}\n`, '.env'),
    ...scanText(`import Stripe from 'stripe';\nexport const stripe = new Stripe("${live}");\nconst test = '${test}';\n`, 'src/lib/stripe.ts'),
    ...scanText(`export const hook = "${weird}";\n`, WEIRD_PATH),
    ...(table === undefined ? [] : scanText(`Use \`${table}\` in curl\n`, options.tablePath!)),
    ...scanTarget({ path: 'config/old.json', content: Buffer.from(`{\n  "stripe": "${historic}"\n}\n`), commit: COMMIT }, ruleSet).findings,
    ...scanTarget({ path: 'notes/acme.txt', content: Buffer.from(`session:\n${token}\n`) }, ruleSet).findings,
  ];
  const summary = emptySummary();
  summary.filesScanned = table === undefined ? 5 : 6; // one per file above
  summary.bytesScanned = 2048;
  summary.commitsScanned = 3;
  summary.suppressed = { inline: 2, allowlist: 1, baseline: 4 };
  summary.skipped = { ...summary.skipped, binary: 3, tooLarge: ['assets/huge.sql'], symlink: ['link'], unreadable: ['locked/secret.env'] };
  const result = finish({ findings, summary }, performance.now());
  const secrets = [live, test, webhook, weird, ...(table === undefined ? [] : [table]), historic, token];
  return { result, secrets };
}

/**
 * No secret appears in `output`, whole or as a stretch from its middle (so that a partial leak
 * fails too); with `json`, not as a JSON string body either.
 */
export function expectNoSecret(output: string, secrets: readonly string[], options: { json?: boolean } = {}): void {
  for (const secret of secrets) {
    expect(output).not.toContain(secret);
    const middle = secret.slice(Math.floor(secret.length / 2) - 8, Math.floor(secret.length / 2) + 8);
    expect(output).not.toContain(middle);
    if (options.json) expect(output).not.toContain(JSON.stringify(secret).slice(1, -1));
  }
}
