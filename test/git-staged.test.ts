import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { scanStaged } from '../src/scan.js';
import type { Finding, ScanResult } from '../src/types.js';
import type { CliResult, JsonReport } from './helpers/cli.js';
import { expectNoFullKey, expectOneLineError, freshKey, gitOk, redacted, Repo, sg, tempDir } from './helpers/git-repo.js';

// `secretguard staged` and `scanStaged()` against real repositories: what `git commit` would record.

const repos: Repo[] = [];
let keys: string[] = [];

afterEach(() => {
  for (const repo of repos.splice(0)) repo.cleanup();
  keys = [];
});

/** A key for this test; every CLI run of the test checks that none of them leaks in full. */
function key(): string {
  const k = freshKey();
  keys.push(k);
  return k;
}

/** A repository with one clean commit (README.md). */
function baseRepo(label = 'staged'): Repo {
  const repo = Repo.init(label);
  repos.push(repo);
  repo.write('README.md', '# demo\n');
  repo.commit('initial');
  return repo;
}

function emptyRepo(label = 'staged-empty'): Repo {
  const repo = Repo.init(label);
  repos.push(repo);
  return repo;
}

interface Both {
  lib: ScanResult;
  cli: CliResult;
}

/** The library and the built CLI over the same index; the CLI output never shows a key in full. */
async function both(cwd: string, allLines = false): Promise<Both> {
  const lib = await scanStaged({ cwd, allLines });
  const cli = sg(cwd, ['staged', ...(allLines ? ['--all-lines'] : [])]);
  for (const k of keys) expectNoFullKey(cli.stdout + cli.stderr, k);
  return { lib, cli };
}

/** `secretguard staged --format json`: the exact paths (the text report prints them raw). */
function cliJson(cwd: string, allLines = false): { status: number | null; findings: Finding[] } {
  const cli = sg(cwd, ['staged', '--format', 'json', ...(allLines ? ['--all-lines'] : [])]);
  for (const k of keys) expectNoFullKey(cli.stdout + cli.stderr, k);
  expect(cli.stdout.length, cli.stderr).toBeGreaterThan(0);
  const parsed = JSON.parse(cli.stdout) as JsonReport;
  return { status: cli.status, findings: parsed.findings };
}

function expectClean({ lib, cli }: Both): void {
  expect(lib.findings).toEqual([]);
  expect(cli.stderr).toBe('');
  expect(cli.stdout).toContain('no secrets found');
  expect(cli.status).toBe(0);
}

/** Exactly these (file, line) findings, from both the library and the CLI (exit 1). */
function expectFound({ lib, cli }: Both, expected: { file: string; line: number; key: string }[]): void {
  expect(lib.findings.map((f) => ({ file: f.file, line: f.line, ruleId: f.ruleId, secret: f.secret }))).toEqual(
    expected.map((e) => ({ file: e.file, line: e.line, ruleId: 'stripe-live-secret-key', secret: redacted(e.key) })),
  );
  expect(cli.status, cli.stderr).toBe(1);
  for (const e of expected) {
    expect(cli.stdout).toContain(`${e.file}:${e.line}:`);
    expect(cli.stdout).toContain(redacted(e.key));
  }
}

describe('staged: added, modified, renamed, deleted', () => {
  it('finds a key in a new file, at its line and column, and blocks with the fix steps', async () => {
    const repo = baseRepo();
    const k = key();
    repo.write('src/stripe.ts', `// client\nexport const stripeKey = "${k}";\n`);
    repo.git('add', 'src/stripe.ts');
    const result = await both(repo.dir);
    expectFound(result, [{ file: 'src/stripe.ts', line: 2, key: k }]);
    expect(result.lib.findings[0]!.column).toBe('export const stripeKey = "'.length + 1);
    expect(result.lib.summary.filesScanned).toBe(1);

    const { stderr } = result.cli;
    expect(stderr).toContain('secretguard blocked this commit');
    expect(stderr).toContain('git restore --staged -- src/stripe.ts');
    expect(stderr).toContain('secretguard:allow');
    expect(stderr).toContain('--no-verify');
  });

  it('finds a key on a changed line of a modified file', async () => {
    const repo = baseRepo();
    repo.write('src/app.ts', 'const a = 1;\nconst b = 2;\nconst c = 3;\n');
    repo.commit('app');
    const k = key();
    repo.write('src/app.ts', `const a = 1;\nconst b = "${k}";\nconst c = 3;\n`);
    repo.git('add', '-u');
    expectFound(await both(repo.dir), [{ file: 'src/app.ts', line: 2, key: k }]);
  });

  it('ignores a key on an unchanged line of a modified file, unless --all-lines', async () => {
    const repo = baseRepo();
    const old = key();
    repo.write('src/app.ts', `const a = 1;\nconst legacy = "${old}";\nconst c = 3;\n`);
    repo.commit('already committed (a known leak)');
    repo.write('src/app.ts', `const a = 1;\nconst legacy = "${old}";\nconst c = 4;\nconst d = 5;\n`);
    repo.git('add', '-u');

    const changedOnly = await both(repo.dir);
    expectClean(changedOnly);
    expect(changedOnly.lib.summary.filesScanned).toBe(1);

    expectFound(await both(repo.dir, true), [{ file: 'src/app.ts', line: 2, key: old }]);
  });

  it('does not report a pure rename of a file holding a key as new', async () => {
    const repo = baseRepo();
    const k = key();
    repo.write('src/old-name.ts', `export const key = "${k}";\nexport const one = 1;\n`);
    repo.commit('old');
    repo.git('mv', 'src/old-name.ts', 'src/new-name.ts');
    expect(repo.git('diff', '--cached', '--name-status', '-M')).toMatch(/^R100\tsrc\/old-name\.ts\tsrc\/new-name\.ts$/m);
    expectClean(await both(repo.dir));
  });

  it('reports a key added while renaming at the new path (and not the key the file already had)', async () => {
    const repo = baseRepo();
    const old = key();
    const body = Array.from({ length: 12 }, (_, i) => `export const value${i} = ${i};`).join('\n');
    repo.write('src/old-name.ts', `export const legacy = "${old}";\n${body}\n`);
    repo.commit('old');
    mkdirSync(repo.path('lib'));
    repo.git('mv', 'src/old-name.ts', 'lib/new name.ts');
    const k = key();
    repo.write('lib/new name.ts', `export const legacy = "${old}";\n${body}\nexport const added = "${k}";\n`);
    repo.git('add', '-A');
    expect(repo.git('diff', '--cached', '--name-status', '-M')).toMatch(/^R\d+\tsrc\/old-name\.ts\tlib\/new name\.ts$/m);
    expectFound(await both(repo.dir), [{ file: 'lib/new name.ts', line: 14, key: k }]);
    expect(cliJson(repo.dir).findings.map((f) => f.file)).toEqual(['lib/new name.ts']);
  });

  it('reports nothing for a deleted file that held a key', async () => {
    const repo = baseRepo();
    repo.write('src/leak.ts', `export const key = "${key()}";\n`);
    repo.commit('leak');
    repo.git('rm', '-q', 'src/leak.ts');
    const result = await both(repo.dir);
    expectClean(result);
    expect(result.lib.summary.filesScanned).toBe(0);
  });
});

describe('staged: the first commit of an empty repository (no HEAD yet)', () => {
  it('finds a key in a file staged for the first commit', async () => {
    const repo = emptyRepo();
    expect(repo.gitTry(['rev-parse', '--verify', '-q', 'HEAD']).status).not.toBe(0);
    const k = key();
    repo.write('config.ts', `export const STRIPE_SECRET_KEY = "${k}";\n`);
    repo.write('README.md', '# new\n');
    repo.git('add', '-A');
    expectFound(await both(repo.dir), [{ file: 'config.ts', line: 1, key: k }]);
  });

  it('passes a clean first commit', async () => {
    const repo = emptyRepo();
    repo.write('README.md', '# new\n');
    repo.git('add', '-A');
    const result = await both(repo.dir);
    expectClean(result);
    expect(result.lib.summary.filesScanned).toBe(1);
  });
});

describe('staged: partial staging (the index, not the working copy, is what counts)', () => {
  it('passes when only the working copy has the key', async () => {
    const repo = baseRepo();
    repo.write('src/config.ts', 'export const mode = "dev";\n');
    repo.git('add', 'src/config.ts');
    const k = key();
    repo.write('src/config.ts', `export const mode = "dev";\nexport const key = "${k}";\n`);
    expect(repo.git('diff', '--name-only')).toContain('src/config.ts'); // unstaged change present
    expectClean(await both(repo.dir));
    expect((await scanStaged({ cwd: repo.dir, allLines: true })).findings).toEqual([]);
  });

  it('blocks when the index has the key, even if the working copy was cleaned', async () => {
    const repo = baseRepo();
    const k = key();
    repo.write('src/config.ts', `export const mode = "dev";\nexport const key = "${k}";\n`);
    repo.git('add', 'src/config.ts');
    repo.write('src/config.ts', 'export const mode = "dev";\nexport const key = process.env.STRIPE_SECRET_KEY;\n');
    expectFound(await both(repo.dir), [{ file: 'src/config.ts', line: 2, key: k }]);
  });
});

describe('staged: a multi-line private key', () => {
  it('finds a PEM private key whose middle line was edited', async () => {
    const repo = baseRepo();
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    repo.write('keys/server.pem', pem);
    repo.commit('key');
    const lines = pem.split('\n');
    const middle = Math.floor(lines.length / 2);
    const line = lines[middle]!;
    lines[middle] = (line[0] === 'A' ? 'B' : 'A') + line.slice(1);
    repo.write('keys/server.pem', lines.join('\n'));
    repo.git('add', '-A');
    const lib = await scanStaged({ cwd: repo.dir });
    expect(lib.findings.map((f) => f.file)).toEqual(['keys/server.pem']);
    const cli = sg(repo.dir, ['staged']);
    expect(cli.status).toBe(1);
    expect(cli.stdout + cli.stderr).not.toContain(lines[middle]!);
  });
});

describe('staged: odd file names', () => {
  const names = ['with space.ts', 'new\nline.ts', 'say "hi".ts', "it's.ts", 'tab\there.ts', 'café/ключ-日本.ts', '-rf.ts', '--output=x.ts', 'a b/c d.ts', 'back\\slash.ts', '"quoted".ts'];

  it('finds the key in each file and reports its exact path (library and CLI)', async () => {
    const repo = baseRepo('staged-names');
    const byName = new Map(names.map((name) => [name, key()]));
    for (const [name, k] of byName) repo.write(name, `token = "${k}"\n`);
    repo.git('add', '-A');
    const staged = repo.git('ls-files', '-z').split('\0').filter(Boolean);
    for (const name of names) expect(staged).toContain(name);

    const lib = await scanStaged({ cwd: repo.dir });
    const fromLib = new Map(lib.findings.map((f) => [f.file, f.secret]));
    expect([...fromLib.keys()].sort()).toEqual([...names].sort());
    for (const [name, k] of byName) expect(fromLib.get(name), name).toBe(redacted(k));

    const json = cliJson(repo.dir);
    expect(json.status).toBe(1);
    expect(json.findings.map((f) => f.file).sort()).toEqual([...names].sort());

    const text = sg(repo.dir, ['staged']);
    expect(text.status).toBe(1);
    for (const k of keys) expectNoFullKey(text.stdout + text.stderr, k);
    // The unstage hint quotes names a shell would split or misread.
    const hint = text.stderr.split('\n').find((l) => l.includes('git restore --staged --'));
    expect(hint).toBeDefined();
    expect(hint).toContain('-rf.ts');
    expect(hint).toContain(JSON.stringify('with space.ts'));
  });

  it('reports a key in a modified file with an odd name on the right line', async () => {
    const repo = baseRepo('staged-names-mod');
    const name = '--output=x.ts';
    repo.write(name, 'a\nb\nc\n');
    repo.commit('odd');
    const k = key();
    repo.write(name, `a\nb = "${k}"\nc\n`);
    repo.git('add', '-A');
    expectFound(await both(repo.dir), [{ file: name, line: 2, key: k }]);
  });
});

describe('staged: where it runs and what it skips', () => {
  it('reports repository-relative paths when run from a subfolder', async () => {
    const repo = baseRepo();
    const k = key();
    repo.write('packages/web/src/pay.ts', `export const k = "${k}";\n`);
    repo.write('packages/api/keys.ts', `export const k = "${key()}";\n`);
    repo.git('add', '-A');
    const cwd = repo.path('packages/web');
    const result = await both(cwd);
    expect(result.lib.findings.map((f) => f.file).sort()).toEqual(['packages/api/keys.ts', 'packages/web/src/pay.ts']);
    expect(result.cli.status).toBe(1);
    expect(cliJson(cwd).findings.map((f) => f.file).sort()).toEqual(['packages/api/keys.ts', 'packages/web/src/pay.ts']);
    expect(result.cli.stdout).toContain('packages/web/src/pay.ts:1:');
  });

  /** A staged binary (NUL bytes) holding a key string, next to one clean text file. */
  function binaryRepo(): Repo {
    const repo = baseRepo();
    const k = key();
    repo.write('assets/blob.bin', Buffer.concat([Buffer.from([0, 1, 2, 0, 255]), Buffer.from(`key=${k}\n`), Buffer.from([0, 0, 7])]));
    repo.write('src/ok.ts', 'export const ok = true;\n');
    repo.git('add', '-A');
    expect(repo.git('diff', '--cached', '--numstat')).toMatch(/^-\t-\tassets\/blob\.bin$/m); // git sees it as binary
    return repo;
  }

  it('skips a binary file holding a key string', async () => {
    const result = await both(binaryRepo().dir);
    expectClean(result);
    expect(result.lib.summary.filesScanned).toBe(1);
  });

  it('counts a skipped binary file in the summary', async () => {
    const result = await both(binaryRepo().dir);
    expect(result.lib.summary.skipped.binary).toBe(1);
    expect(result.cli.stdout).toContain('1 binary skipped');
  });

  it('skips a submodule (its files are not part of this commit)', async () => {
    const sub = baseRepo('staged-sub');
    sub.write('secret.ts', `export const k = "${key()}";\n`);
    sub.commit('sub with a key');
    const repo = baseRepo('staged-super');
    repo.git('-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', sub.dir, 'vendor/sub');
    expect(repo.git('ls-files', '-s', 'vendor/sub')).toMatch(/^160000 /);
    const result = await both(repo.dir);
    expectClean(result);
    expect(result.lib.summary.filesScanned).toBe(1); // .gitmodules
    expect(result.lib.summary.skipped).toEqual({ binary: 0, tooLarge: [], symlink: [], unreadable: [], repositories: ['vendor/sub'] });
  });

  it('exits 2 with one line outside a Git repository', async () => {
    const dir = tempDir('not-a-repo');
    try {
      expect(() => gitOk(dir, ['rev-parse', '--git-dir'])).toThrow();
      expectOneLineError(sg(dir, ['staged']), /./);
      await expect(scanStaged({ cwd: dir })).rejects.toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says "not a Git repository" outside a Git repository', async () => {
    const dir = tempDir('not-a-repo');
    try {
      expectOneLineError(sg(dir, ['staged']), /not a Git repository/);
      await expect(scanStaged({ cwd: dir })).rejects.toThrow(/not a Git repository/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exits 2 with one line in a bare repository', async () => {
    const bare = Repo.init('bare', ['--bare']);
    repos.push(bare);
    expect(bare.git('rev-parse', '--is-bare-repository').trim()).toBe('true');
    const cli = sg(bare.dir, ['staged']);
    expectOneLineError(cli, /work tree|bare/i);
    await expect(scanStaged({ cwd: bare.dir })).rejects.toThrow(/work tree|bare/i);
  });

  it('exits 2 with one line when run inside the .git folder', async () => {
    const repo = baseRepo();
    repo.write('staged.ts', `export const k = "${key()}";\n`);
    repo.git('add', '-A');
    const cli = sg(repo.path('.git'), ['staged']);
    expectOneLineError(cli, /work tree/i);
  });
});
