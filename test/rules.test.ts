import { describe, expect, it } from 'vitest';
import { builtinRules } from '../src/rules/index.js';
import { scanText } from './helpers/scan-text.js';

/** The syntaxes a key turns up in: each sample must be found in every one of them. */
const SYNTAXES: Record<string, { path: string; wrap: (t: string) => string }> = {
  'TS string': { path: 'src/lib/client.ts', wrap: (t) => `import x from 'y';\nconst key = "${t}";\n` },
  'template literal': { path: 'src/lib/client.ts', wrap: (t) => `const headers = { auth: \`${t}\` };\n` },
  JSON: { path: 'config/settings.json', wrap: (t) => `{\n  "name": "app",\n  "key": "${t}"\n}\n` },
  YAML: { path: 'deploy/values.yaml', wrap: (t) => `env:\n  key: ${t}\n` },
  '.env': { path: '.env', wrap: (t) => `# comment\nKEY=${t}\n` },
  'Markdown curl': { path: 'README.md', wrap: (t) => `\`\`\`sh\ncurl https://api.example.com -H "Authorization: Bearer ${t}"\n\`\`\`\n` },
  Python: { path: 'scripts/job.py', wrap: (t) => `import os\nkey = '${t}'\n` },
};

const secretRules = builtinRules.filter((rule) => !rule.public);
const publicRules = builtinRules.filter((rule) => rule.public);

describe('rule metadata', () => {
  it('has unique ids and distinctive keywords', () => {
    const ids = builtinRules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of builtinRules) {
      expect(rule.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(rule.keywords.length, rule.id).toBeGreaterThan(0);
      for (const keyword of rule.keywords) expect(keyword.length, `${rule.id} keyword ${keyword}`).toBeGreaterThanOrEqual(3);
      expect(rule.fix.length, rule.id).toBeGreaterThan(10);
    }
  });
});

describe.each(secretRules.map((rule) => [rule.id, rule] as const))('%s', (id, rule) => {
  it('finds every valid sample at the right place, redacted', () => {
    const samples = rule.samples.valid();
    expect(samples.length).toBeGreaterThan(0);
    for (const sample of samples) {
      const text = `first line\n${sample.text}\n`;
      const findings = scanText(text).filter((f) => f.ruleId === id);
      expect(findings, sample.text.slice(0, 40)).toHaveLength(1);
      const [finding] = findings;
      const offset = text.indexOf(sample.secret);
      const before = text.slice(0, offset).split('\n');
      expect(finding!.line).toBe(before.length);
      expect(finding!.column).toBe(before[before.length - 1]!.length + 1);
      expect(finding!.secret).not.toContain(sample.secret);
      expect(JSON.stringify(finding)).not.toContain(sample.secret);
    }
  });

  it.each(Object.entries(SYNTAXES))('finds single-line samples in %s', (_name, { path, wrap }) => {
    for (const sample of rule.samples.valid().filter((s) => !s.text.includes('\n'))) {
      const findings = scanText(wrap(sample.text), path).filter((f) => f.ruleId === id);
      expect(findings, sample.text.slice(0, 40)).toHaveLength(1);
    }
  });

  it('ignores every invalid sample', () => {
    for (const text of rule.samples.invalid) {
      expect(scanText(`const value = "${text}";\n`).filter((f) => f.ruleId === id), text).toEqual([]);
    }
  });

  it('is suppressed by secretguard:allow on the line', () => {
    const [sample] = rule.samples.valid().filter((s) => !s.text.includes('\n'));
    if (!sample) return;
    expect(scanText(`${sample.text} // secretguard:allow\n`).filter((f) => f.ruleId === id)).toEqual([]);
  });
});

describe.each(publicRules.map((rule) => [rule.id, rule] as const))('public by design: %s', (_id, rule) => {
  it('is never reported', () => {
    for (const sample of rule.samples.valid()) expect(scanText(`const k = "${sample.text}";\n`)).toEqual([]);
  });
});

describe('placeholders', () => {
  it('reports a random key that happens to hold a short template word in the middle', async () => {
    const { stripeBody } = await import('../src/rules/providers/stripe.js');
    const body = stripeBody();
    const key = `sk_live_${body.slice(0, 40)}dummy${body.slice(45)}`;
    expect(scanText(`const k = "${key}";\n`).map((f) => f.ruleId)).toEqual(['stripe-live-secret-key']);
  });

  it('does not report template words that read as a placeholder', () => {
    for (const text of ['sk_live_dummykeydummykeydummykey1234', 'sk_live_YOURSECRETKEYGOESHEREXXXXXXX', 'sk_live_4eC39HqLyjWDarjtT1zdp7dxxxxx']) {
      expect(scanText(`const k = "${text}";\n`), text).toEqual([]);
    }
  });
});
