import { describe, expect, it } from 'vitest';
import { publicEnvSecret } from '../src/checks/public-env-secret.js';
import { expectSafeHits, hitKeys, runOn, runOnCase, useCase } from './helpers/check-fixtures.js';
import { sampleSecret } from './helpers/fixture.js';

describe('public-env-secret', () => {
  const found = useCase('public-env-secret');
  const ok = useCase('public-env-ok');

  it('reports secrets under NEXT_PUBLIC_ in env files, next.config env, and code', () => {
    const results = runOnCase(publicEnvSecret, found);
    expect(hitKeys(results)).toEqual([
      '.env.example: NEXT_PUBLIC_STRIPE_WEBHOOK_SECRET',
      '.env.production: NEXT_PUBLIC_OPENAI_KEY',
      '.env.production: NEXT_PUBLIC_STRIPE_SECRET_KEY',
      '.env.production: NEXT_PUBLIC_SUPABASE_ANON_KEY',
      'lib/stripe-client.ts: NEXT_PUBLIC_STRIPE_SECRET_KEY',
      'lib/supabase.ts: NEXT_PUBLIC_SUPABASE_SERVICE_ROLE_KEY',
      'next.config.mjs: env.STRIPE_SECRET_KEY',
    ]);
    expectSafeHits(results, found.secrets);
  });

  it('points at the secret value (and hands it over for redaction) when the value is a secret by the rules', () => {
    const production = runOnCase(publicEnvSecret, found).find((r) => r.file === '.env.production')!;
    const planted = found.secrets.filter((s) => s.file === '.env.production');
    const byKey = new Map(production.hits.map((h) => [h.key, h]));
    for (const [name, ruleId] of [
      ['NEXT_PUBLIC_STRIPE_SECRET_KEY', 'stripe-live-secret-key'],
      // named "anon", but the JWT's payload says service_role: the value decides
      ['NEXT_PUBLIC_SUPABASE_ANON_KEY', 'supabase-service-role-jwt'],
      ['NEXT_PUBLIC_OPENAI_KEY', 'openai-api-key'], // a quoted value
    ] as const) {
      const hit = byKey.get(name)!;
      const secret = planted.find((s) => s.ruleId === ruleId)!.secret;
      expect(hit.secret, name).toBe(secret);
      expect(production.text.slice(hit.start, hit.end), name).toBe(secret);
      expect(hit.message).toContain(name);
      expect(hit.message).toContain('NEXT_PUBLIC_');
    }
    // The publishable key on the neighbouring line is not reported.
    expect(byKey.has('NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY')).toBe(false);
  });

  it('points at the name when only the name says secret', () => {
    const results = runOnCase(publicEnvSecret, found);
    for (const { file, text, hits } of results) {
      for (const hit of hits) {
        if (hit.secret) continue;
        const at = text.slice(hit.start, hit.end);
        expect(at, `${file} ${hit.key}`).toContain(hit.key.replace(/^env\./, ''));
      }
    }
  });

  it('is quiet on publishable keys under public prefixes (Stripe, Clerk, Supabase anon and publishable, Firebase) and server-only code', () => {
    expect(runOnCase(publicEnvSecret, ok)).toEqual([]);
    // the twin really holds the keys it claims to
    expect(ok.secrets.map((s) => s.ruleId).sort()).toEqual(
      ['clerk-publishable-key', 'firebase-web-api-key', 'stripe-publishable-key', 'supabase-anon-jwt', 'supabase-publishable-key'].sort(),
    );
  });

  it('matches PUBLIC_ only as a whole prefix, and each variable under one prefix only', () => {
    const live = sampleSecret('stripe-live-secret-key');
    const hits = runOn(publicEnvSecret, '.env', `PUBLIC_STRIPE_KEY=${live}\nNEXT_PUBLIC_STRIPE_KEY=${live}x\nMY_PUBLIC_STRIPE_SECRET=${live}y\nSTRIPE_SECRET_KEY=${live}z\n`);
    expect(hits.map((h) => h.key)).toEqual(['PUBLIC_STRIPE_KEY', 'NEXT_PUBLIC_STRIPE_KEY']);
    expect(hits[0]!.message).toContain('PUBLIC_ variables');
    expect(hits[0]!.message).not.toContain('NEXT_PUBLIC_');
    expect(hits[1]!.message).toContain('NEXT_PUBLIC_ variables');
  });

  it('knows every browser prefix, in env files and in Vite/SvelteKit code', () => {
    for (const prefix of ['VITE_', 'REACT_APP_', 'EXPO_PUBLIC_', 'NUXT_PUBLIC_', 'GATSBY_']) {
      expect(runOn(publicEnvSecret, '.env.local', `${prefix}SUPABASE_SERVICE_ROLE_KEY=\n`).map((h) => h.key)).toEqual([`${prefix}SUPABASE_SERVICE_ROLE_KEY`]);
    }
    const vite = runOn(publicEnvSecret, 'src/api.ts', 'export const key = import.meta.env.VITE_STRIPE_SECRET_KEY;\nexport const url = import.meta.env.VITE_API_URL;\n');
    expect(vite.map((h) => h.key)).toEqual(['VITE_STRIPE_SECRET_KEY']);
    const svelte = runOn(publicEnvSecret, 'src/lib/db.ts', "import { PUBLIC_DB_PASSWORD, PUBLIC_SITE_URL } from '$env/static/public';\n");
    expect(svelte.map((h) => h.key)).toEqual(['PUBLIC_DB_PASSWORD']);
  });

  it('names secrets by word: SECRET, PRIVATE, PASSWORD, SERVICE_ROLE, and API keys of secret-only providers', () => {
    const text = [
      'NEXT_PUBLIC_CLERK_SECRET_KEY=',
      'NEXT_PUBLIC_PRIVATE_KEY=abc',
      'NEXT_PUBLIC_ADMIN_PASSWORD=hunter2',
      'NEXT_PUBLIC_SUPABASE_SERVICE_ROLE_KEY=',
      'NEXT_PUBLIC_RESEND_API_KEY=',
      'NEXT_PUBLIC_PASSWORD_MIN_LENGTH=8',
      'NEXT_PUBLIC_PRIVATE_BETA=true',
      'NEXT_PUBLIC_SECRETARY_EMAIL=desk@acme.example.com',
      'NEXT_PUBLIC_GOOGLE_MAPS_API_KEY=',
      'NEXT_PUBLIC_POSTHOG_KEY=',
    ].join('\n');
    expect(runOn(publicEnvSecret, '.env.example', text).map((h) => h.key)).toEqual([
      'NEXT_PUBLIC_CLERK_SECRET_KEY',
      'NEXT_PUBLIC_PRIVATE_KEY',
      'NEXT_PUBLIC_ADMIN_PASSWORD',
      'NEXT_PUBLIC_SUPABASE_SERVICE_ROLE_KEY',
      'NEXT_PUBLIC_RESEND_API_KEY',
    ]);
  });

  it('lets a publishable value win over a scary name', () => {
    const pk = sampleSecret('stripe-publishable-key');
    expect(runOn(publicEnvSecret, '.env', `NEXT_PUBLIC_STRIPE_SECRET_KEY=${pk}\n`)).toEqual([]);
  });

  it('reads code through the parser: comments and strings are not reads, destructuring is', () => {
    const code = [
      '// do not use process.env.NEXT_PUBLIC_STRIPE_SECRET_KEY here',
      "const hint = 'process.env.NEXT_PUBLIC_ADMIN_PASSWORD';",
      'const { NEXT_PUBLIC_JWT_SECRET: jwtSecret } = process.env;',
      "const pw = process.env['NEXT_PUBLIC_DB_PASSWORD'];",
      'const again = process.env.NEXT_PUBLIC_DB_PASSWORD;',
    ].join('\n');
    expect(runOn(publicEnvSecret, 'lib/config.ts', code).map((h) => h.key)).toEqual(['NEXT_PUBLIC_JWT_SECRET', 'NEXT_PUBLIC_DB_PASSWORD']);
  });

  it('reports a secret literal in next.config env, and publicRuntimeConfig', () => {
    const live = sampleSecret('stripe-live-secret-key');
    const config = `module.exports = {\n  env: { STRIPE_KEY: '${live}', SITE: 'acme' },\n  publicRuntimeConfig: { adminPassword: process.env.ADMIN_PASSWORD },\n};\n`;
    const hits = runOn(publicEnvSecret, 'next.config.js', config);
    expect(hits.map((h) => h.key)).toEqual(['env.STRIPE_KEY', 'publicRuntimeConfig.adminPassword']);
    expect(hits[0]!.secret).toBe(live);
    expect(config.slice(hits[0]!.start, hits[0]!.end)).toBe(live);
  });
});
