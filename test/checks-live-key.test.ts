import { describe, expect, it } from 'vitest';
import { liveKeyInTestEnv } from '../src/checks/live-key-in-test-env.js';
import { expectSafeHits, hitKeys, runOn, runOnCase, useCase } from './helpers/check-fixtures.js';
import { sampleSecret } from './helpers/fixture.js';

describe('live-key-in-test-env', () => {
  const found = useCase('live-key-in-test');
  const ok = useCase('test-key-in-test');

  it('reports live Stripe and Clerk keys in .env.test, a test file, the Playwright config and a CI test job', () => {
    const results = runOnCase(liveKeyInTestEnv, found);
    expect(hitKeys(results).map((k) => k.replace(/:[0-9a-f]{16}$/, ''))).toEqual([
      '.env.test: stripe-live-key',
      '.github/workflows/ci.yml: stripe-live-key',
      'playwright.config.ts: clerk-live-key',
      'tests/checkout.test.ts: stripe-live-key',
    ]);
    for (const { file, text, hits } of results) {
      for (const hit of hits) {
        const planted = found.secrets.find((s) => s.file === file)!;
        expect(hit.secret, file).toBe(planted.secret);
        expect(text.slice(hit.start, hit.end), file).toBe(planted.secret);
        expect(hit.fix).toContain('sk_test_');
      }
    }
    const byFile = new Map(results.map((r) => [r.file, r.hits[0]!]));
    expect(byFile.get('playwright.config.ts')!.message).toContain('Clerk live secret key');
    expect(byFile.get('tests/checkout.test.ts')!.message).toContain('Stripe live restricted key');
    expect(byFile.get('.github/workflows/ci.yml')!.message).toContain('CI test job');
    expectSafeHits(results, found.secrets);
  });

  it('is quiet when the same places hold test keys', () => {
    expect(runOnCase(liveKeyInTestEnv, ok)).toEqual([]);
    expect(ok.secrets.map((s) => s.ruleId)).toContain('stripe-test-secret-key');
  });

  it('only looks in test places', () => {
    const line = `STRIPE_SECRET_KEY=${sampleSecret('stripe-live-secret-key')}\n`;
    for (const path of ['.env.development', '.env.development.local', '.env.test.local', 'src/__tests__/pay.ts', 'e2e/fixtures/keys.json', 'vitest.config.ts', 'jest.config.js', 'pay.spec.tsx']) {
      expect(runOn(liveKeyInTestEnv, path, line), path).toHaveLength(1);
    }
    for (const path of ['.env', '.env.production', '.env.test.example', 'src/lib/stripe.ts', 'latest/notes.md']) {
      expect(runOn(liveKeyInTestEnv, path, line), path).toEqual([]);
    }
  });

  it('gives each key its own stable identity', () => {
    const [a, b] = [sampleSecret('stripe-live-secret-key'), sampleSecret('stripe-live-secret-key')];
    const hits = runOn(liveKeyInTestEnv, '.env.test', `A=${a}\nB=${b}\n`);
    expect(hits).toHaveLength(2);
    expect(hits[0]!.key).not.toBe(hits[1]!.key);
    expect(runOn(liveKeyInTestEnv, '.env.test', `# moved\n\nB=${b}\n`)[0]!.key).toBe(hits[1]!.key);
  });

  it('ignores placeholders and test keys', () => {
    expect(runOn(liveKeyInTestEnv, '.env.test', 'STRIPE_SECRET_KEY=sk_live_...\nB=sk_live_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n')).toEqual([]);
    expect(runOn(liveKeyInTestEnv, '.env.test', `STRIPE_SECRET_KEY=${sampleSecret('stripe-test-secret-key')}\n`)).toEqual([]);
  });

  describe('in GitHub workflows', () => {
    const key = () => sampleSecret('stripe-live-secret-key');
    const workflow = (body: string, name = 'CI') => `name: ${name}\non: push\njobs:\n${body}`;

    it('reports a key in a test job or a test step, not in a deploy job', () => {
      const deploy = `  deploy:\n    runs-on: ubuntu-latest\n    env:\n      STRIPE_SECRET_KEY: ${key()}\n    steps:\n      - run: npm run deploy\n`;
      expect(runOn(liveKeyInTestEnv, '.github/workflows/ci.yml', workflow(deploy))).toEqual([]);

      const step = `  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - name: Run e2e tests\n        env:\n          STRIPE_SECRET_KEY: ${key()}\n        run: npx playwright test\n`;
      expect(runOn(liveKeyInTestEnv, '.github/workflows/ci.yml', workflow(step))).toHaveLength(1);

      const runStep = `  build:\n    runs-on: ubuntu-latest\n    steps:\n      - env:\n          STRIPE_SECRET_KEY: ${key()}\n        run: npm test\n`;
      expect(runOn(liveKeyInTestEnv, '.github/workflows/ci.yml', workflow(runStep))).toHaveLength(1);

      const namedJob = `  checks:\n    name: Integration tests\n    runs-on: ubuntu-latest\n    env:\n      STRIPE_SECRET_KEY: ${key()}\n    steps:\n      - run: npm run ci\n`;
      expect(runOn(liveKeyInTestEnv, '.github/workflows/ci.yml', workflow(namedJob))).toHaveLength(1);

      const release = `  latest-release:\n    runs-on: ubuntu-latest\n    env:\n      STRIPE_SECRET_KEY: ${key()}\n    steps:\n      - run: npm publish\n`;
      expect(runOn(liveKeyInTestEnv, '.github/workflows/release.yml', workflow(release))).toEqual([]);
    });

    it('treats a whole workflow named for tests as test configuration', () => {
      const anyJob = `  main:\n    runs-on: ubuntu-latest\n    env:\n      STRIPE_SECRET_KEY: ${key()}\n    steps:\n      - run: npm run ci\n`;
      expect(runOn(liveKeyInTestEnv, '.github/workflows/ci.yml', workflow(anyJob, 'Tests'))).toHaveLength(1);
      expect(runOn(liveKeyInTestEnv, '.github/workflows/e2e-tests.yml', workflow(anyJob))).toHaveLength(1);
      expect(runOn(liveKeyInTestEnv, '.github/workflows/ci.yml', workflow(anyJob))).toEqual([]);
    });
  });
});
