import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { commitFile, git, runAction, tempDir } from './helpers/action.js';
import { sampleSecret } from './helpers/fixture.js';

const liveKey = () => sampleSecret('stripe-live-secret-key');

/** An origin repository with a main branch and two PR branches: one leaks (and later removes it), one is clean. */
function makeOrigin() {
  const origin = tempDir('origin');
  git(origin, 'init', '-q');
  const base = commitFile(origin, 'app.ts', 'export const app = 1;\n', 'base');
  const key = liveKey();

  git(origin, 'checkout', '-q', '-b', 'leaky');
  const leak = commitFile(origin, 'stripe.ts', `import Stripe from 'stripe';\n\nexport const stripe = new Stripe("${key}");\n`, 'add stripe');
  const leakyHead = commitFile(origin, 'stripe.ts', `import Stripe from 'stripe';\n\nexport const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);\n`, 'read the key from env');

  git(origin, 'checkout', '-q', 'main');
  git(origin, 'checkout', '-q', '-b', 'clean');
  const cleanHead = commitFile(origin, 'app.ts', 'export const app = 2;\n', 'clean change');
  git(origin, 'checkout', '-q', 'main');
  return { origin, base, key, leak, leakyHead, cleanHead };
}

const prEvent = (base: string, head: string) => ({ pull_request: { base: { sha: base }, head: { sha: head } } });

describe('the GitHub Action bundle', () => {
  let repo: ReturnType<typeof makeOrigin>;
  beforeAll(() => {
    repo = makeOrigin();
  });

  it('fails a pull request that added a key, even though a later commit removed it', () => {
    const sarif = join(tempDir('sarif'), 'results.sarif');
    const run = runAction(repo.origin, 'pull_request', prEvent(repo.base, repo.leakyHead), { sarif });
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^::error title=Stripe live secret key \(stripe-live-secret-key\),file=stripe\.ts,line=3,endLine=3,col=\d+,endColumn=\d+::/m);
    expect(run.stdout).toContain(`in commit ${repo.leak.slice(0, 12)}`);
    expect(run.outputs).toMatchObject({ findings: '1', 'exit-code': '1', sarif });
    expect(run.summary).toContain('| critical |');
    expect(run.summary).toContain('`stripe.ts:3`');
    expect(run.summary).toContain(repo.leak.slice(0, 7));
    const sarifLog = JSON.parse(readFileSync(sarif, 'utf8'));
    expect(sarifLog.runs[0].results[0].locations[0].physicalLocation.region.startLine).toBe(3);
    for (const text of [run.stdout, run.stderr, run.summary, readFileSync(sarif, 'utf8')]) {
      expect(text).not.toContain(repo.key);
      expect(text).not.toContain(repo.key.slice(8, 40));
    }
  });

  it('passes a clean pull request', () => {
    const run = runAction(repo.origin, 'pull_request', prEvent(repo.base, repo.cleanHead));
    expect(run.status).toBe(0);
    expect(run.stdout).not.toContain('::error');
    expect(run.outputs).toMatchObject({ findings: '0', 'exit-code': '0' });
    expect(run.summary).toMatch(/no secrets found/i);
  });

  it('reads the whole pull request range from a depth-1 clone by fetching it', () => {
    const workspace = join(tempDir('ws'), 'checkout');
    git(tempDir('x'), 'clone', '-q', '--depth', '1', '--no-local', '--branch', 'clean', `file://${repo.origin}`, workspace);
    expect(git(workspace, 'rev-parse', '--is-shallow-repository')).toBe('true');
    const run = runAction(workspace, 'pull_request', prEvent(repo.base, repo.leakyHead));
    expect(run.status).toBe(1);
    expect(run.outputs['findings']).toBe('1');
    expect(run.stdout).toContain(`in commit ${repo.leak.slice(0, 12)}`);
  });

  it('fails with the fetch-depth advice when a shallow clone cannot fetch the range', () => {
    const workspace = join(tempDir('ws'), 'checkout');
    git(tempDir('x'), 'clone', '-q', '--depth', '1', '--no-local', '--branch', 'leaky', `file://${repo.origin}`, workspace);
    git(workspace, 'remote', 'remove', 'origin');
    const run = runAction(workspace, 'pull_request', prEvent(repo.base, repo.leakyHead));
    expect(run.status).toBe(1);
    expect(run.outputs).toMatchObject({ 'exit-code': '2' });
    expect(run.stdout).toMatch(/^::error::secretguard: .*fetch-depth: 0/m);
    expect(run.outputs['findings']).toBeUndefined();
  });

  it('scans before..after on a push', () => {
    const run = runAction(repo.origin, 'push', { before: repo.base, after: repo.leak, repository: { default_branch: 'main' } });
    expect(run.status).toBe(1);
    expect(run.outputs['findings']).toBe('1');
  });

  it('scans what a new branch adds over the default branch on its first push', () => {
    const workspace = join(tempDir('ws'), 'checkout');
    git(tempDir('x'), 'clone', '-q', '--depth', '1', '--no-local', '--branch', 'leaky', `file://${repo.origin}`, workspace);
    const run = runAction(workspace, 'push', { before: '0'.repeat(40), after: repo.leakyHead, repository: { default_branch: 'main' } });
    expect(run.outputs['findings']).toBe('1');
    expect(run.stdout).toContain('commits not on main');
  });

  it('scans the checked-out files on workflow_dispatch, and honours fail-on', () => {
    const workspace = tempDir('dispatch');
    git(workspace, 'init', '-q');
    const key = liveKey();
    commitFile(workspace, 'config.ts', `export const key = "${key}";\n`, 'leak');
    const strict = runAction(workspace, 'workflow_dispatch', {});
    expect(strict.status).toBe(1);
    expect(strict.stdout).toMatch(/^::error .*file=config\.ts,line=1/m);
    expect(strict.summary).toContain('checked-out files');
    const lenient = runAction(workspace, 'workflow_dispatch', {}, { 'fail-on': 'critical', annotate: 'false' });
    expect(lenient.status).toBe(1); // a live key is critical
    expect(lenient.stdout).not.toMatch(/^::error title=/m);
  });

  it('scans a merge queue group like a pull request', () => {
    const run = runAction(repo.origin, 'merge_group', { merge_group: { base_sha: repo.base, head_sha: repo.leakyHead } });
    expect(run.status).toBe(1);
    expect(run.outputs['findings']).toBe('1');
    expect(run.summary).toContain('merge_group event');
  });

  it('takes the range from the base and head inputs in mode diff, whatever the event', () => {
    const clean = runAction(repo.origin, 'workflow_dispatch', {}, { mode: 'diff', base: repo.base, head: repo.cleanHead });
    expect(clean.outputs).toMatchObject({ findings: '0', 'exit-code': '0' });
    const leaky = runAction(repo.origin, 'workflow_dispatch', {}, { mode: 'diff', base: repo.base, head: repo.leakyHead });
    expect(leaky.outputs).toMatchObject({ findings: '1', 'exit-code': '1' });
    const missing = runAction(repo.origin, 'workflow_dispatch', {}, { mode: 'diff' });
    expect(missing.outputs['exit-code']).toBe('2');
    expect(missing.stdout).toMatch(/^::error::secretguard: mode: diff needs/m);
  });

  it('scans every commit of every ref in mode history', () => {
    const run = runAction(repo.origin, 'schedule', {}, { mode: 'history' });
    expect(run.status).toBe(1);
    expect(run.outputs['findings']).toBe('1');
    expect(run.summary).toContain('the whole history');
  });

  it('rejects a bad input with one line and exit-code 2', () => {
    const run = runAction(repo.origin, 'pull_request', prEvent(repo.base, repo.cleanHead), { 'fail-on': 'severe' });
    expect(run.status).toBe(1);
    expect(run.outputs['exit-code']).toBe('2');
    expect(run.stdout).toMatch(/^::error::secretguard: input fail-on must be one of critical, high, medium, low/m);
  });
});
