import { readdirSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { fileChecks, projectChecks, PUBLIC_ENV_PREFIXES } from '../src/checks/index.js';
import { SEVERITIES } from '../src/types.js';
import { CHECK_FIXTURES, expectSafeHits, renderCase, runOn, runOnCase, type RenderedCase } from './helpers/check-fixtures.js';

describe('checks registry', () => {
  it('exports the public check ids, each with its metadata', () => {
    expect(fileChecks.map((c) => c.id)).toEqual(['env-file-committed', 'public-env-secret', 'client-secret-call', 'webhook-unverified', 'live-key-in-test-env']);
    expect(projectChecks.map((c) => c.id)).toEqual(['env-local-not-ignored']);
    for (const check of [...fileChecks, ...projectChecks]) {
      expect(check.kind).toBe(fileChecks.includes(check as never) ? 'file' : 'project');
      expect(SEVERITIES).toContain(check.severity);
      for (const field of [check.provider, check.title, check.fix]) expect(field.length, check.id).toBeGreaterThanOrEqual(3);
      expect(check.fix, check.id).not.toMatch(/\n/);
    }
    const severity = Object.fromEntries([...fileChecks, ...projectChecks].map((c) => [c.id, c.severity]));
    expect(severity).toEqual({
      'env-local-not-ignored': 'high',
      'env-file-committed': 'high',
      'public-env-secret': 'critical',
      'client-secret-call': 'high',
      'webhook-unverified': 'high',
      'live-key-in-test-env': 'medium',
    });
    expect(PUBLIC_ENV_PREFIXES).toEqual(['NEXT_PUBLIC_', 'VITE_', 'REACT_APP_', 'EXPO_PUBLIC_', 'PUBLIC_', 'NUXT_PUBLIC_', 'GATSBY_']);
  });

  it('never throws on broken or odd input', () => {
    const texts = [
      '',
      "'use client';\nexport default function (",
      '"use client"\nconst x = `unterminated ${',
      'export async function POST(req) { const sig = req.headers.get("stripe-signature"); <div>',
      '\u0000\u0001binary\uFFFD sk_live_ rk_live_ process.env.NEXT_PUBLIC_SECRET',
      'NEXT_PUBLIC_SECRET="unterminated\nVITE_PASSWORD=\'x',
      'name: Tests\njobs:\n  - weird\n    - sk_live_abc\n\t\ttabs: sk_live_' + 'a'.repeat(30),
      'with (x) { process.env.NEXT_PUBLIC_API_SECRET }', // not valid in module code
      'x'.repeat(2_000_000) + "'use client' api.openai.com process.env.NEXT_PUBLIC_X_SECRET",
    ];
    const paths = ['.env', '.env.local', '.env.test', 'app/api/webhooks/stripe/route.ts', 'pages/api/webhook.js', 'src/App.tsx', 'next.config.mjs', '.github/workflows/test.yml', 'tests/a.test.ts'];
    for (const check of fileChecks) {
      for (const path of paths) for (const text of texts) expect(() => runOn(check, path, text), `${check.id} ${path}`).not.toThrow();
    }
  });
});

/**
 * The correct twins are clean under every check, not only the one they pair with (a fixture that
 * teaches the right way must not trip another check). Exceptions are named.
 */
describe('correct fixtures are clean under every file check', () => {
  const twins = ['env-local-ignored', 'env-committed-clean', 'public-env-ok', 'client-secret-ok', 'webhook-verified', 'not-a-web-app'];
  const rendered = new Map<string, RenderedCase>();
  afterAll(() => {
    for (const r of rendered.values()) r.cleanup();
  });

  it('every case folder is either a twin or a case some check reports', () => {
    const all = readdirSync(CHECK_FIXTURES, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    expect(all.length).toBeGreaterThanOrEqual(16);
    for (const name of all) rendered.set(name, renderCase(name));
    for (const name of all) {
      const results = fileChecks.flatMap((check) => runOnCase(check, rendered.get(name)!).map((r) => ({ ...r, check: check.id })));
      expectSafeHits(results, rendered.get(name)!.secrets);
      if (twins.includes(name)) {
        expect(results.map((r) => `${r.check} ${r.file}`), name).toEqual([]);
      } else if (name === 'test-key-in-test') {
        // Test keys are fine for live-key-in-test-env; a committed .env.test with one is still a (medium) committed env file.
        expect(results.map((r) => `${r.check} ${r.file} ${r.hits[0]!.severity}`)).toEqual(['env-file-committed .env.test medium']);
      } else if (!name.startsWith('env-local-')) {
        expect(results.length, name).toBeGreaterThan(0);
      }
    }
  });
});
