import { afterAll, describe, expect, it } from 'vitest';
import type { ProjectHit } from '../src/checks/check.js';
import { parseEnvFile } from '../src/checks/env-file.js';
import { envFileCommitted } from '../src/checks/env-file-committed.js';
import { envLocalNotIgnored } from '../src/checks/env-local-not-ignored.js';
import { expectSafeHits, renderCase, runOn, runOnCase, useCase, type RenderedCase } from './helpers/check-fixtures.js';
import { sampleSecret } from './helpers/fixture.js';
import { Repo } from './helpers/git-repo.js';
import { gitProjectContext } from './helpers/project-context.js';

const cleanups: (() => void)[] = [];
afterAll(() => {
  for (const cleanup of cleanups) cleanup();
});

/** A fixture case rendered into a fresh Git repository and committed. */
function repoOf(name: string): { repo: Repo; rendered: RenderedCase } {
  const repo = Repo.init(`check-${name}`);
  cleanups.push(() => repo.cleanup());
  const rendered = renderCase(name, repo.dir);
  repo.commit('initial commit');
  return { repo, rendered };
}

function scratchRepo(label: string, files: Record<string, string>): Repo {
  const repo = Repo.init(label);
  cleanups.push(() => repo.cleanup());
  for (const [path, content] of Object.entries(files)) repo.write(path, content);
  repo.commit('initial commit');
  return repo;
}

async function projectHits(repo: Repo): Promise<ProjectHit[]> {
  return envLocalNotIgnored.run(await gitProjectContext(repo.dir));
}

const NEXT_PACKAGE = JSON.stringify({ name: 'web', private: true, dependencies: { next: '14.2.5', react: '^18.3.1' } });

describe('gitProjectContext (test helper over real git)', () => {
  it('lists tracked and untracked-not-ignored files and asks git check-ignore, paths with spaces included', async () => {
    const repo = scratchRepo('ctx', {
      '.gitignore': 'build/\n*.log\n.env*.local\n!keep me.log\n',
      'my app/page one.tsx': 'export {}\n',
      'keep me.log': 'kept\n',
    });
    repo.write('notes draft.md', 'untracked\n');
    repo.write('debug 2.log', 'ignored\n');
    const context = await gitProjectContext(repo.dir);
    expect(context.inGit).toBe(true);
    expect([...context.files].sort()).toEqual(['.gitignore', 'keep me.log', 'my app/page one.tsx', 'notes draft.md']);
    const ignored = await context.ignored(['debug 2.log', 'keep me.log', 'my app/.env.local', 'my app/page one.tsx', 'build/out file.js', 'my app/.env']);
    expect([...ignored].sort()).toEqual(['build/out file.js', 'debug 2.log', 'my app/.env.local']);
    expect(await context.ignored([])).toEqual(new Set());
    expect(await context.readText('my app/page one.tsx')).toBe('export {}\n');
    expect(await context.readText('missing.txt')).toBeUndefined();
    expect(await context.readText('my app')).toBeUndefined();
    expect(await context.readText('../outside')).toBeUndefined();
  });
});

describe('env-local-not-ignored', () => {
  it("is quiet with create-next-app's .gitignore (.env*.local)", async () => {
    const { repo } = repoOf('env-local-ignored');
    expect(await projectHits(repo)).toEqual([]);
  });

  it('reports the variants a .gitignore listing only .env.local leaves uncovered, at that line', async () => {
    const { repo, rendered } = repoOf('env-local-partial');
    const hits = await projectHits(repo);
    expect(hits).toHaveLength(1);
    const [hit] = hits;
    expect(hit!.file).toBe('.gitignore');
    expect(rendered.read('.gitignore').slice(hit!.start, hit!.end)).toBe('.env.local');
    for (const name of ['.env.development.local', '.env.test.local', '.env.production.local']) expect(hit!.message).toContain(`\`${name}\``);
    expect(hit!.message).not.toContain('`.env.local`');
    expect(hit!.fix).toContain('.env*.local');
  });

  it('reports a negation that re-includes .env.local, pointing at it', async () => {
    const { repo, rendered } = repoOf('env-local-negated');
    const hits = await projectHits(repo);
    expect(hits).toHaveLength(1);
    expect(rendered.read('.gitignore').slice(hits[0]!.start, hits[0]!.end)).toBe('!.env.local');
    expect(hits[0]!.message).toContain('`.env.local`');
    expect(hits[0]!.message).not.toContain('.env.test.local');
    expect(hits[0]!.fix).toContain('!.env.local');
  });

  it('reports a Next.js app with no .gitignore at all, at offset 0 of the missing file', async () => {
    const { repo } = repoOf('env-local-no-gitignore');
    const hits = await projectHits(repo);
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ file: '.gitignore', start: 0, end: 0 });
    expect(hits[0]!.message).toContain('no .gitignore');
    expect(hits[0]!.fix).toContain('.env*.local');
  });

  it('is quiet for a project that is not a JS web app and has no env files', async () => {
    const { repo } = repoOf('not-a-web-app');
    expect(await projectHits(repo)).toEqual([]);
  });

  it('detects Vite (devDependency) and Expo (app.json) apps', async () => {
    const vite = scratchRepo('vite', { 'package.json': JSON.stringify({ devDependencies: { vite: '^5.4.0' } }), 'index.html': '<div id="root"></div>\n' });
    expect(await projectHits(vite)).toHaveLength(1);
    const expo = scratchRepo('expo', { 'app.json': JSON.stringify({ expo: { name: 'acme', slug: 'acme' } }), 'App.tsx': 'export default function App() { return null; }\n' });
    expect(await projectHits(expo)).toHaveLength(1);
    const library = scratchRepo('lib', { 'package.json': JSON.stringify({ name: 'left-pad', dependencies: { lodash: '^4.17.21' } }), 'index.js': 'module.exports = 1;\n' });
    expect(await projectHits(library)).toEqual([]);
  });

  it('judges a JS project with env files, but not a Python one', async () => {
    const node = scratchRepo('node-env', { 'package.json': JSON.stringify({ dependencies: { dotenv: '^16.4.5', express: '^4.19.2' } }), '.env.example': 'PORT=3000\n' });
    expect(await projectHits(node)).toHaveLength(1);
    const python = scratchRepo('py-env', { 'pyproject.toml': '[project]\nname = "inventory"\n', '.env.example': 'DATABASE_URL=\n' });
    expect(await projectHits(python)).toEqual([]);
  });

  it('asks about every .env*.local present, not only the four standard names', async () => {
    const repo = scratchRepo('staging', {
      'package.json': NEXT_PACKAGE,
      '.gitignore': '.env.local\n.env.development.local\n.env.test.local\n.env.production.local\n',
    });
    expect(await projectHits(repo)).toEqual([]);
    repo.write('.env.staging.local', 'FEATURE_FLAGS=beta\n'); // untracked and not ignored: in the scan
    const hits = await projectHits(repo);
    expect(hits).toHaveLength(1);
    expect(hits[0]!.message).toContain('`.env.staging.local`');
  });

  it('judges each app of a monorepo by the ignore file nearest to it (paths with spaces)', async () => {
    const repo = scratchRepo('mono', {
      '.gitignore': 'node_modules/\n.env*.local\n',
      'apps/admin panel/package.json': NEXT_PACKAGE,
      'apps/admin panel/.gitignore': '.next/\n!.env.local\n',
      'apps/shop/package.json': NEXT_PACKAGE,
    });
    const hits = await projectHits(repo);
    expect(hits).toHaveLength(1);
    expect(hits[0]!.file).toBe('apps/admin panel/.gitignore');
    expect(hits[0]!.message).toContain('`apps/admin panel/.env.local`');
    expect(hits[0]!.message).not.toContain('apps/shop');
  });
});

describe('env-file-committed', () => {
  const rendered = useCase('env-committed');
  const clean = useCase('env-committed-clean');

  it('reports a committed .env.local (critical) and an .env.production holding secrets (high), not the template', () => {
    const results = runOnCase(envFileCommitted, rendered);
    expect(results.map((r) => r.file)).toEqual(['.env.local', '.env.production']);
    const [local, production] = results;
    expect(local!.hits).toHaveLength(1);
    expect(local!.hits[0]!.severity).toBe('critical');
    expect(local!.hits[0]!.fix).toContain('git rm --cached .env.local');
    expect(local!.hits[0]!.fix).toContain('.env*.local');

    expect(production!.hits).toHaveLength(1);
    const hit = production!.hits[0]!;
    expect(hit.severity ?? envFileCommitted.severity).toBe('high');
    expect(production!.text.slice(hit.start, hit.end)).toBe('STRIPE_SECRET_KEY');
    expect(hit.message).toContain('STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET, DATABASE_URL');
    expect(hit.message).not.toContain('PUBLISHABLE');
    expect(hit.fix).toContain('git rm --cached .env.production');
    expectSafeHits(results, rendered.secrets);
  });

  it('is quiet on templates and on env files with only public or non-secret values', () => {
    expect(runOnCase(envFileCommitted, clean)).toEqual([]);
  });

  it('reports any .env*.local, even empty, and lowers an env file holding only test keys to medium', () => {
    expect(runOn(envFileCommitted, 'apps/web/.env.development.local', '')).toEqual([
      expect.objectContaining({ start: 0, end: 0, severity: 'critical', key: 'apps/web/.env.development.local' }),
    ]);
    const testOnly = runOn(envFileCommitted, '.env.test', `STRIPE_SECRET_KEY=${sampleSecret('stripe-test-secret-key')}\n`);
    expect(testOnly).toHaveLength(1);
    expect(testOnly[0]!.severity).toBe('medium');
    const live = runOn(envFileCommitted, '.env', `STRIPE_SECRET_KEY=${sampleSecret('stripe-test-secret-key')}\nSTRIPE_LIVE=${sampleSecret('stripe-live-secret-key')}\n`);
    expect(live[0]!.severity).toBeUndefined(); // the check's own: high
    expect(runOn(envFileCommitted, '.env.example', `STRIPE_SECRET_KEY=${sampleSecret('stripe-live-secret-key')}\n`)).toEqual([]); // the rules report it
    expect(runOn(envFileCommitted, '.env.local.sample', 'A=1\n')).toEqual([]);
    expect(runOn(envFileCommitted, 'src/env.ts', `export const key = '${sampleSecret('stripe-live-secret-key')}';\n`)).toEqual([]);
  });
});

describe('parseEnvFile (dotenv values, positions in the text)', () => {
  it('reads values the way dotenv does and points at them', () => {
    const text = [
      '# comment',
      'PLAIN=abc',
      'export EXPORTED=def',
      'DOUBLE="with space" # trailing comment',
      "SINGLE='q'",
      'EMPTY=',
      'DUP=first',
      'DUP=second',
      'MULTI="line one\nline two"',
      'COLON: yaml-style',
      'CRLF=win\r',
      'INLINE=value # note',
    ].join('\n');
    const entries = parseEnvFile(text);
    const at = (name: string) => entries.find((e) => e.name === name)!;
    const valueText = (name: string) => text.slice(at(name).valueStart, at(name).valueEnd);
    expect(entries.map((e) => e.name)).toEqual(['PLAIN', 'EXPORTED', 'DOUBLE', 'SINGLE', 'EMPTY', 'DUP', 'MULTI', 'COLON', 'CRLF', 'INLINE']);
    expect(at('PLAIN').value).toBe('abc');
    expect(valueText('PLAIN')).toBe('abc');
    expect(text.slice(at('EXPORTED').nameStart, at('EXPORTED').nameEnd)).toBe('EXPORTED');
    expect(valueText('EXPORTED')).toBe('def');
    expect(at('DOUBLE').value).toBe('with space');
    expect(valueText('DOUBLE')).toBe('with space');
    expect(valueText('SINGLE')).toBe('q');
    expect(at('EMPTY').value).toBe('');
    expect(at('EMPTY').valueStart).toBe(at('EMPTY').valueEnd);
    expect(at('DUP').value).toBe('second');
    expect(text.slice(at('DUP').nameStart, at('DUP').nameEnd + 7)).toBe('DUP=second');
    expect(at('MULTI').value).toBe('line one\nline two');
    expect(at('COLON').value).toBe('yaml-style');
    expect(valueText('CRLF')).toBe('win');
    expect(at('INLINE').value).toBe('value');
    expect(valueText('INLINE')).toBe('value');
  });
});
