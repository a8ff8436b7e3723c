import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanCommits } from '../src/scan.js';
import type { Finding } from '../src/types.js';
import type { CliResult, JsonReport } from './helpers/cli.js';
import { expectNoFullKey, expectOneLineError, freshKey, gitOk, redacted, Repo, sg, tempDir } from './helpers/git-repo.js';

// `secretguard scan --range A..B` / `--history` and scanCommits() over a real history with a
// feature branch, a removed key, a rename, a repeated key and a conflicted merge.

const ALICE = { name: 'Alice Example', email: 'alice@example.com' };
const ALICE_DATE = '2024-02-03T04:05:06+00:00';

interface History {
  repo: Repo;
  keys: { onMain: string; removed: string; inMerge: string; repeated: string };
  sha: { base: string; onMain: string; added: string; removedIn: string; firstRepeat: string; merge: string };
}

/**
 * main:    base ── onMain (src/main-only.ts: K0) ── config "main"
 *            \                                         \
 * feature:    added (src/pay.ts: K1, by Alice) ── removed ── renamed to lib/payments.ts
 *             ── notes.ts K3 ×3 commits ── config "feature" ── merge main (conflict resolved with K2)
 */
function buildHistory(): History {
  const keys = { onMain: freshKey(), removed: freshKey(), inMerge: freshKey(), repeated: freshKey() };
  const repo = Repo.init('history');
  repo.write('README.md', '# shop\n');
  repo.write('config.txt', 'mode = base\n');
  const base = repo.commit('base');

  repo.git('checkout', '-q', '-b', 'feature');
  repo.write('src/pay.ts', `import Stripe from 'stripe';\n\nexport const stripe = new Stripe("${keys.removed}");\n`);
  const added = repo.commit('pay: wire stripe', { author: ALICE, date: ALICE_DATE });
  repo.write('src/pay.ts', `import Stripe from 'stripe';\n\nexport const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);\n`);
  const removedIn = repo.commit('pay: read the key from the environment');
  repo.git('mv', 'src/pay.ts', 'src/payments.ts');
  repo.commit('rename');
  let firstRepeat = '';
  for (const name of ['a', 'b', 'c']) {
    const before = name === 'a' ? '' : repo.read('notes.ts');
    repo.write('notes.ts', `${before}export const ${name} = "${keys.repeated}";\n`);
    const sha = repo.commit(`notes ${name}`);
    firstRepeat ||= sha;
  }
  repo.write('config.txt', 'mode = feature\n');
  repo.commit('feature mode');

  repo.git('checkout', '-q', 'main');
  repo.write('src/main-only.ts', `export const k = "${keys.onMain}";\n`);
  const onMain = repo.commit('main: a key');
  repo.write('config.txt', 'mode = main\n');
  repo.commit('main mode');

  repo.git('checkout', '-q', 'feature');
  const merge = repo.gitTry(['merge', '--no-edit', 'main']);
  expect(merge.status, 'the merge must conflict').not.toBe(0);
  expect(repo.read('config.txt')).toContain('<<<<<<<');
  repo.write('config.txt', `mode = merged\ntoken = ${keys.inMerge}\n`);
  const mergeSha = repo.commit('Merge main into feature');
  expect(repo.git('rev-list', '--parents', '-n', '1', mergeSha).trim().split(' ')).toHaveLength(3);
  return { repo, keys, sha: { base, onMain, added, removedIn, firstRepeat, merge: mergeSha } };
}

let h: History;
beforeAll(() => {
  h = buildHistory();
});
afterAll(() => h?.repo.cleanup());

function summary(findings: readonly Finding[]) {
  return findings
    .map((f) => ({ file: f.file, line: f.line, secret: f.secret, commit: f.commit, occurrences: f.occurrences }))
    .sort((a, b) => a.secret.localeCompare(b.secret));
}

function sortBySecret<T extends { secret: string }>(items: T[]): T[] {
  return items.sort((a, b) => a.secret.localeCompare(b.secret));
}

function cli(args: string[]): CliResult {
  const result = sg(h.repo.dir, args);
  for (const k of Object.values(h.keys)) expectNoFullKey(result.stdout + result.stderr, k);
  return result;
}

function cliJson(args: string[]): { status: number | null; result: JsonReport } {
  const out = cli([...args, '--format', 'json']);
  return { status: out.status, result: JSON.parse(out.stdout) as JsonReport };
}

describe('--history', () => {
  const expected = () =>
    sortBySecret([
      { file: 'src/main-only.ts', line: 1, secret: redacted(h.keys.onMain), commit: h.sha.onMain, occurrences: 1 },
      { file: 'src/pay.ts', line: 3, secret: redacted(h.keys.removed), commit: h.sha.added, occurrences: 1 },
      { file: 'config.txt', line: 2, secret: redacted(h.keys.inMerge), commit: h.sha.merge, occurrences: 1 },
      { file: 'notes.ts', line: 1, secret: redacted(h.keys.repeated), commit: h.sha.firstRepeat, occurrences: 3 },
    ]);

  it('reports each key once, at the commit that introduced it (library)', async () => {
    const result = await scanCommits({ history: true }, { cwd: h.repo.dir });
    expect(summary(result.findings)).toEqual(expected());
    expect(result.summary.commitsScanned).toBe(Number(h.repo.git('rev-list', '--count', '--all').trim()));
  });

  it('names the author and date of the commit that added the removed key', async () => {
    const result = await scanCommits({ history: true }, { cwd: h.repo.dir });
    const removed = result.findings.find((f) => f.secret === redacted(h.keys.removed));
    expect(removed).toMatchObject({
      file: 'src/pay.ts',
      commit: h.sha.added,
      author: `${ALICE.name} <${ALICE.email}>`,
      ruleId: 'stripe-live-secret-key',
    });
    expect(Date.parse(removed!.date!)).toBe(Date.parse(ALICE_DATE));
    // Not the later commits, which only removed it and renamed the file.
    expect(result.findings.some((f) => f.commit === h.sha.removedIn)).toBe(false);
    expect(result.findings.some((f) => f.file === 'src/payments.ts')).toBe(false);
  });

  it('the CLI reports the same, with commit, author, date and occurrences (exit 1)', () => {
    const { status, result } = cliJson(['scan', '--history']);
    expect(status).toBe(1);
    expect(summary(result.findings)).toEqual(expected());

    const text = cli(['scan', '--history']);
    expect(text.status).toBe(1);
    expect(text.stdout).toContain('src/pay.ts:3:');
    expect(text.stdout).toContain(`added in ${h.sha.added.slice(0, 12)} by ${ALICE.name} <${ALICE.email}> on 2024-02-03`);
    expect(text.stdout).toContain('seen 3 times');
    expect(text.stdout).toMatch(/4 findings/);
  });
});

describe('--range', () => {
  it('main..feature covers the feature commits and the merge, not main', async () => {
    const result = await scanCommits({ range: 'main..feature' }, { cwd: h.repo.dir });
    const expected = sortBySecret([
      { file: 'src/pay.ts', line: 3, secret: redacted(h.keys.removed), commit: h.sha.added, occurrences: 1 },
      { file: 'config.txt', line: 2, secret: redacted(h.keys.inMerge), commit: h.sha.merge, occurrences: 1 },
      { file: 'notes.ts', line: 1, secret: redacted(h.keys.repeated), commit: h.sha.firstRepeat, occurrences: 3 },
    ]);
    expect(summary(result.findings)).toEqual(expected);
    expect(result.summary.commitsScanned).toBe(Number(h.repo.git('rev-list', '--count', 'main..feature').trim()));

    const { status, result: fromCli } = cliJson(['scan', '--range', 'main..feature']);
    expect(status).toBe(1);
    expect(summary(fromCli.findings)).toEqual(expected);
  });

  it('a range after the key was added does not report it', async () => {
    // added..feature: the later feature commits, the merge and (through it) main's commits.
    const range = `${h.sha.added}..feature`;
    const expected = [redacted(h.keys.inMerge), redacted(h.keys.repeated), redacted(h.keys.onMain)].sort();
    const result = await scanCommits({ range }, { cwd: h.repo.dir });
    expect(result.findings.map((f) => f.secret).sort()).toEqual(expected);
    const { status, result: fromCli } = cliJson(['scan', `--range=${range}`]);
    expect(status).toBe(1);
    expect(fromCli.findings.map((f) => f.secret).sort()).toEqual(expected);
  });

  it('a range holding only the removal and the rename is clean (exit 0)', async () => {
    const range = `${h.sha.added}..${h.sha.firstRepeat}~1`;
    const result = await scanCommits({ range }, { cwd: h.repo.dir });
    expect(result.findings).toEqual([]);
    expect(result.summary.commitsScanned).toBe(2);
    const out = cli(['scan', '--range', range]);
    expect(out.status).toBe(0);
    expect(out.stdout).toContain('2 commits');
  });

  it('finds a key typed in while resolving a merge conflict, at the merge commit', async () => {
    const range = `${h.sha.merge}~1..${h.sha.merge}`;
    const result = await scanCommits({ range }, { cwd: h.repo.dir });
    // The merge brings main's commits into the range too; main's own key stays at its own commit.
    const atMerge = result.findings.filter((f) => f.commit === h.sha.merge);
    expect(atMerge.map((f) => ({ file: f.file, line: f.line, secret: f.secret }))).toEqual([
      { file: 'config.txt', line: 2, secret: redacted(h.keys.inMerge) },
    ]);
    const onMain = result.findings.find((f) => f.secret === redacted(h.keys.onMain));
    expect(onMain?.commit).toBe(h.sha.onMain);
  });

  it('a range that does not resolve exits 2 with one line', async () => {
    expectOneLineError(cli(['scan', '--range', 'no-such-branch..main']), /no-such-branch|unknown revision|bad revision|ambiguous/i);
    await expect(scanCommits({ range: 'no-such-branch..main' }, { cwd: h.repo.dir })).rejects.toThrow();
  });

  it('refuses a range that looks like an option (--range=-x), exit 2', async () => {
    for (const range of ['-x', '--all', '--output=/tmp/x']) {
      expectOneLineError(cli(['scan', `--range=${range}`]), /not a commit range/);
      await expect(scanCommits({ range }, { cwd: h.repo.dir })).rejects.toThrow(/not a commit range/);
    }
  });
});

describe('paths', () => {
  it('are repository-relative when the CLI runs from a subfolder', () => {
    const { status, result } = cliJson(['scan', '--history']);
    const sub = sg(h.repo.path('src'), ['scan', '--history', '--format', 'json']);
    expect(sub.status).toBe(1);
    expect(status).toBe(1);
    expect(summary((JSON.parse(sub.stdout) as JsonReport).findings)).toEqual(summary(result.findings));
  });

  it('odd file names are reported exactly as committed', async () => {
    const names = ['with space.ts', 'new\nline.ts', 'say "hi".ts', 'tab\there.ts', 'café/ключ.ts', '-rf.ts', '--output=x.ts', 'back\\slash.ts'];
    const repo = Repo.init('history-names');
    try {
      const keys = new Map(names.map((n) => [n, freshKey()]));
      repo.write('README.md', '# x\n');
      repo.commit('base');
      for (const [name, key] of keys) repo.write(name, `one\ntoken = "${key}"\n`);
      const sha = repo.commit('odd names');
      const result = await scanCommits({ history: true }, { cwd: repo.dir });
      expect(result.findings.map((f) => [f.file, f.line, f.secret, f.commit]).sort()).toEqual(
        [...keys].map(([name, key]) => [name, 2, redacted(key), sha]).sort(),
      );
      const out = sg(repo.dir, ['scan', '--range', 'HEAD~1..HEAD', '--format', 'json']);
      expect(out.status).toBe(1);
      expect((JSON.parse(out.stdout) as JsonReport).findings.map((f) => f.file).sort()).toEqual([...names].sort());
      for (const key of keys.values()) expectNoFullKey(out.stdout + out.stderr, key);
    } finally {
      repo.cleanup();
    }
  });
});

describe('a shallow clone', () => {
  let clone: string;
  beforeAll(() => {
    clone = tempDir('shallow');
    rmSync(clone, { recursive: true });
    gitOk(h.repo.dir, ['clone', '-q', '--depth', '1', '--branch', 'feature', `file://${h.repo.dir}`, clone]);
    expect(gitOk(clone, ['rev-parse', '--is-shallow-repository']).trim()).toBe('true');
  });
  afterAll(() => rmSync(clone, { recursive: true, force: true }));

  it.each([
    ['a base commit the clone does not have', () => `${h.sha.base}..HEAD`],
    ['a base beyond the fetched depth', () => 'HEAD~3..HEAD'],
    ['a branch the clone did not fetch', () => 'main..HEAD'],
  ])('exits 2, naming the shallow clone and fetch-depth, for %s', async (_, range) => {
    const out = sg(clone, ['scan', '--range', range()]);
    for (const k of Object.values(h.keys)) expectNoFullKey(out.stdout + out.stderr, k);
    expectOneLineError(out, /shallow clone/);
    expect(out.stderr).toMatch(/fetch-depth/);
    await expect(scanCommits({ range: range() }, { cwd: clone })).rejects.toThrow(/shallow clone.*fetch-depth/);
  });
});
