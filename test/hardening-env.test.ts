import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { gitOk, Repo } from './helpers/git-repo.js';
import {
  expectCleanError,
  expectCompleted,
  giveToNobody,
  key,
  KEY_RULE,
  leaksIn,
  lockFromNobody,
  NOBODY_ENV,
  nobodyPrefix,
  parseReport,
  pathWithNodeOnly,
  redactedKey,
  sgRun,
  useScratch,
  where,
  type JsonRun,
} from './helpers/hardening.js';

/**
 * Broken environments: each must end in one clear line on stderr (`secretguard: …`), exit 2, no
 * stack trace; or, where the scan can still be honest, a normal scan. Real folders, real repositories,
 * the real git binary (or none at all), the built CLI.
 */

/** The committed key's line in every repository here, and where the key starts on it. */
const CONFIG_LINE = 'export const key = "';
const CONFIG_AT = `src/config.ts:1:${CONFIG_LINE.length + 1}`;

const { tree, repo: scratchRepo } = useScratch();
/** A repository with one commit holding `committed` (a key file), plus whatever `setup` adds. */
function repoWithKey(label: string): { repo: Repo; committedKey: string; base: string } {
  const repo = scratchRepo(label);
  repo.write('README.md', '# demo\n');
  const base = repo.commit('initial');
  const committedKey = key();
  repo.write('src/config.ts', `${CONFIG_LINE}${committedKey}";\n`);
  repo.commit('add config');
  return { repo, committedKey, base };
}

async function json(args: string[], cwd: string, env?: Record<string, string | undefined>): Promise<JsonRun> {
  return parseReport(await sgRun([...args, '--format', 'json'], { cwd, env }));
}

// ------------------------------------------------------------------------------ not a repository

describe('not a Git repository', () => {
  const t = tree('not-a-repo');
  const k = key();
  t.write('app.ts', `const k = "${k}";\n`);

  it.each([
    [['staged']],
    [['scan', '--range', 'HEAD~1..HEAD']],
    [['scan', '--history']],
    [['install']],
    [['uninstall']],
    [['baseline', '--history']],
  ])('%j: one line, exit 2', async (args) => {
    const result = await sgRun(args, { cwd: t.dir });
    expectCleanError(result, /not a Git repository|not inside a Git work tree/);
    expect(result.stdout).toBe('');
    expect(existsSync(t.path('.git'))).toBe(false);
  });

  it('scan . still works there (a walk of the folder)', async () => {
    const run = await json(['scan', '.'], t.dir);
    expect(run.status).toBe(1);
    expect(run.report.findings.map(where)).toEqual(['app.ts:1:12']);
  });
});

// ------------------------------------------------------------------------------ git missing

describe('Git not installed (PATH holds node, no git)', () => {
  const t = tree('no-git');
  const PATH = pathWithNodeOnly(t);
  const plainKey = key();
  t.write('plain/app.ts', `const k = "${plainKey}";\n`);
  t.write('plain/ignored.log', `k="${key()}"\n`);
  t.write('plain/.gitignore', '*.log\n');
  const { repo, committedKey } = repoWithKey('no-git-repo');
  const env = { PATH };

  it('scan . of a plain folder works by walking (and honours .gitignore)', async () => {
    const run = await json(['scan', '.'], t.path('plain'), env);
    expect(run.status, run.stderr).toBe(1);
    expect(run.report.findings.map((f) => `${where(f)} ${f.secret}`)).toEqual([`app.ts:1:12 ${redactedKey(plainKey)}`]);
  });

  it('scan . of a work tree still finds what is there (walking instead of git ls-files)', async () => {
    const run = await json(['scan', '.'], repo.dir, env);
    expect(run.status, run.stderr).toBe(1);
    expect(run.report.findings.map((f) => `${where(f)} ${f.secret}`)).toEqual([`${CONFIG_AT} ${redactedKey(committedKey)}`]);
  });

  it.each([[['staged']], [['scan', '--history']], [['scan', '--range', 'HEAD~1..HEAD']]])('%j: one line saying git is missing, exit 2', async (args) => {
    expectCleanError(await sgRun(args, { cwd: repo.dir, env }), /git is not installed/);
  });

  it('install: one line saying git is missing, exit 2', async () => {
    expectCleanError(await sgRun(['install'], { cwd: repo.dir, env }), /git is not installed/);
  });
});

// ------------------------------------------------------------------------------ bare repositories

describe('a bare repository', () => {
  const { repo, committedKey } = repoWithKey('bare-src');
  const bare = tree('bare');
  const dir = join(bare.dir, 'repo.git');
  beforeAll(() => {
    gitOk(bare.dir, ['clone', '-q', '--bare', repo.dir, dir]);
  });

  it('staged: one line, exit 2 (there is no index to commit from)', async () => {
    expectCleanError(await sgRun(['staged'], { cwd: dir }), /bare repository/);
  });

  it('install: one line, exit 2', async () => {
    expectCleanError(await sgRun(['install'], { cwd: dir }));
  });

  it('--history and --range read the commits: the key is found', async () => {
    for (const args of [['scan', '--history'], ['scan', '--range', 'HEAD~1..HEAD']]) {
      const run = await json(args, dir);
      expect(run.status, `${args.join(' ')}: ${run.stderr}`).toBe(1);
      expect(run.report.findings.map((f) => `${where(f)} ${f.secret}`)).toEqual([`${CONFIG_AT} ${redactedKey(committedKey)}`]);
    }
  });

  it('scan . walks the folder as plain files: completes, compressed objects hold nothing readable', async () => {
    // What happens: `git ls-files` refuses a bare repository, so the folder is walked like any other;
    // loose and packed objects are zlib data (binary or noise). No crash; history needs --history.
    const run = await json(['scan', '.'], dir);
    expectCompleted(run);
    expect(run.report.summary.filesScanned).toBeGreaterThan(0);
    expect(run.report.findings).toEqual([]);
  });
});

// ------------------------------------------------------------------------------ the index

describe('a corrupt or locked index', () => {
  it('corrupt (garbage over .git/index): staged is one clear line naming the index, exit 2', async () => {
    const { repo } = repoWithKey('corrupt-index');
    repo.write('new.ts', `k="${key()}"\n`);
    repo.addAll();
    writeFileSync(repo.path('.git/index'), 'this is not an index file, it is garbage '.repeat(20));
    expectCleanError(await sgRun(['staged'], { cwd: repo.dir }), /index/);
  });

  it('truncated index: staged is one line, exit 2', async () => {
    const { repo } = repoWithKey('short-index');
    writeFileSync(repo.path('.git/index'), 'DIRC');
    expectCleanError(await sgRun(['staged'], { cwd: repo.dir }), /index/);
  });

  it('corrupt index: scan . still finds the working-tree key (no crash)', async () => {
    const { repo, committedKey } = repoWithKey('corrupt-index-scan');
    writeFileSync(repo.path('.git/index'), Buffer.alloc(300, 0xab));
    const run = await json(['scan', '.'], repo.dir);
    expect(run.status, run.stderr).toBe(1);
    expect(run.report.findings.map((f) => `${where(f)} ${f.secret}`)).toEqual([`${CONFIG_AT} ${redactedKey(committedKey)}`]);
  });

  it('locked (.git/index.lock present, as while git commit runs the hook): staged still reads the index', async () => {
    const { repo } = repoWithKey('locked-index');
    const k = key();
    repo.write('new.ts', `const k = "${k}";\n`);
    repo.addAll();
    writeFileSync(repo.path('.git/index.lock'), '');
    const run = await json(['staged'], repo.dir);
    expect(run.status, run.stderr).toBe(1);
    expect(run.report.findings.map((f) => `${where(f)} ${f.secret}`)).toEqual([`new.ts:1:12 ${redactedKey(k)}`]);
    expect(existsSync(repo.path('.git/index.lock')), 'the lock is git commit\'s, not ours to remove').toBe(true);
  });
});

// ------------------------------------------------------------------------------ ranges

describe('ranges', () => {
  const { repo, committedKey, base } = repoWithKey('ranges');
  const shallowHome = tree('shallow');
  const shallow = join(shallowHome.dir, 'clone');
  beforeAll(() => {
    repo.write('README.md', '# demo, again\n');
    repo.commit('docs');
    gitOk(shallowHome.dir, ['clone', '-q', '--depth', '1', `file://${repo.dir}`, shallow]);
    expect(gitOk(shallow, ['rev-parse', '--is-shallow-repository']).trim()).toBe('true');
  });

  it.each([[`${'BASE'}..HEAD`], ['HEAD~2..HEAD']])('a shallow clone missing the commits of %s: one line naming fetch-depth, exit 2, never "clean"', async (range) => {
    const result = await sgRun(['scan', '--range', range.replace('BASE', base)], { cwd: shallow });
    expectCleanError(result, /shallow clone.*fetch-depth/);
  });

  it('a shallow clone: --history reports what the graft holds (the key is in its tree)', async () => {
    const run = await json(['scan', '--history'], shallow);
    expect(run.status, run.stderr).toBe(1);
    expect(run.report.findings.map((f) => `${where(f)} ${f.secret}`)).toEqual([`${CONFIG_AT} ${redactedKey(committedKey)}`]);
  });

  it.each([['nope..HEAD'], ['HEAD..nope'], ['HEAD~99..HEAD'], ['main...nope'], [''], ['-x'], ['--all']])('a range that does not resolve (%j): one line, exit 2', async (range) => {
    expectCleanError(await sgRun(['scan', `--range=${range}`], { cwd: repo.dir }));
  });

  it('`..` is HEAD..HEAD to git: an empty range, scanned as no commit (no crash)', async () => {
    const run = await json(['scan', '--range', '..'], repo.dir);
    expect(run.status, run.stderr).toBe(0);
    expect(run.report.summary.commitsScanned).toBe(0);
  });

  it('a range that resolves is scanned (the control)', async () => {
    const run = await json(['scan', '--range', `${base}..HEAD`], repo.dir);
    expect(run.status).toBe(1);
    expect(run.report.summary.commitsScanned).toBe(2);
  });
});

// ------------------------------------------------------------------------------ detached HEAD

describe('a detached HEAD', () => {
  const { repo, committedKey } = repoWithKey('detached');
  const laterKey = key();
  const stagedKey = key();
  beforeAll(() => {
    repo.write('src/later.ts', `export const later = "${laterKey}";\n`);
    repo.commit('later');
    repo.git('checkout', '-q', '--detach', 'HEAD~1');
    repo.write('src/staged.ts', `export const staged = "${stagedKey}";\n`);
    repo.addAll();
  });

  it('staged works', async () => {
    const run = await json(['staged'], repo.dir);
    expect(run.status, run.stderr).toBe(1);
    expect(run.report.findings.map((f) => `${where(f)} ${f.secret}`)).toEqual([`src/staged.ts:1:24 ${redactedKey(stagedKey)}`]);
  });

  it('--history works (every ref, not only the detached commit)', async () => {
    const run = await json(['scan', '--history'], repo.dir);
    expect(run.status, run.stderr).toBe(1);
    expect(run.report.findings.map((f) => `${f.file} ${f.secret}`).sort()).toEqual(
      [`src/config.ts ${redactedKey(committedKey)}`, `src/later.ts ${redactedKey(laterKey)}`].sort(),
    );
  });
});

// ------------------------------------------------------------------------------ submodules, nested repositories

describe('submodules and nested repositories', () => {
  const sub = scratchRepo('submodule');
  const subKey = key();
  const nestedKey = key();
  const topKey = key();
  const { repo: sup } = repoWithKey('superproject');
  beforeAll(() => {
    sub.write('inner.ts', `export const inner = "${subKey}";\n`);
    sub.commit('inner');
    gitOk(sup.dir, ['-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', sub.dir, 'mod']);
    sup.write('top.ts', `export const top = "${topKey}";\n`);
    sup.commit('submodule and top');
    // A repository inside the work tree that is not a submodule (untracked, its own .git).
    gitOk(sup.dir, ['init', '-q', 'nested']);
    writeFileSync(sup.path('nested/n.ts'), `export const n = "${nestedKey}";\n`);
  });

  it('scan . of the superproject: completes; the submodule and the nested repository are not entered', async () => {
    // What happens: `git ls-files -co` lists the gitlink `mod` and the nested repository `nested/`
    // as single entries, which are not files: both are left out (and not counted as skipped). Their
    // files belong to other repositories: scan those folders on their own.
    const run = await json(['scan', '.'], sup.dir);
    expect(run.status, run.stderr).toBe(1);
    expect(run.report.findings.map((f) => f.file).sort()).toEqual(['src/config.ts', 'top.ts']);
  });

  it('scan of the submodule folder and of the nested repository: their keys are found', async () => {
    const [inMod, inNested] = await Promise.all([json(['scan', 'mod'], sup.dir), json(['scan', 'nested'], sup.dir)]);
    expect(inMod.report.findings.map((f) => `${where(f)} ${f.secret}`)).toEqual([`inner.ts:1:23 ${redactedKey(subKey)}`]);
    expect(inNested.report.findings.map((f) => `${where(f)} ${f.secret}`)).toEqual([`n.ts:1:19 ${redactedKey(nestedKey)}`]);
  });

  it('--history of the superproject: completes, the gitlink is not content', async () => {
    const run = await json(['scan', '--history'], sup.dir);
    expect(run.status, run.stderr).toBe(1);
    expect(run.report.findings.map((f) => f.file).sort()).toEqual(['src/config.ts', 'top.ts']);
  });

  it('staged, with a moved submodule pointer: completes, the pointer is not content', async () => {
    sub.write('inner.ts', `export const inner = "${key()}";\n`);
    sub.commit('rotate');
    gitOk(sup.path('mod'), ['pull', '-q', '--no-rebase', 'origin', 'main']);
    sup.write('top2.ts', `export const top2 = "${topKey}";\n`);
    gitOk(sup.dir, ['add', 'mod', 'top2.ts']);
    const run = await json(['staged'], sup.dir);
    expect(run.status, run.stderr).toBe(1);
    expect(run.report.findings.map((f) => f.file)).toEqual(['top2.ts']);
  });
});

// ------------------------------------------------------------------------------ paths and arguments

describe('a missing PATH argument and bad arguments', () => {
  const { repo } = repoWithKey('args');

  it.each([
    [['scan', '/nonexistent/folder'], /no such file or directory/],
    [['scan', 'missing.ts'], /no such file or directory/],
    [['scan', '--history', 'missing-folder'], /not a folder/],
    [['scan', '--range', 'HEAD~1..HEAD', 'missing-folder'], /not a folder/],
    [['baseline', 'missing-folder'], /./],
  ] as const)('%j: one line, exit 2', async (args, pattern) => {
    expectCleanError(await sgRun(args, { cwd: repo.dir }), pattern);
  });

  it.each([
    [['frobnicate']],
    [[]],
    [['scan', '--bogus']],
    [['scan', '--range', 'HEAD~1..HEAD', '--history']],
  ])('%j: one line, exit 2', async (args) => {
    expectCleanError(await sgRun(args, { cwd: repo.dir }));
  });

  it('--format with a value it does not know: one line, exit 2', async () => {
    expectCleanError(await sgRun(['scan', '--format', 'xml'], { cwd: repo.dir }), /format/);
  });

  it('--max-file-size that is not a number: one line, exit 2', async () => {
    expectCleanError(await sgRun(['scan', '.', '--max-file-size', 'abc'], { cwd: repo.dir }), /max-file-size/);
  });
});

// ------------------------------------------------------------------------------ configuration

describe('an invalid or unreadable config', () => {

  it.each([
    ['invalid JSON', 'secretguard.config.json', '{ "rules": ', /secretguard\.config\.json: invalid JSON/],
    ['an unknown key', 'secretguard.config.json', '{ "rulez": {} }', /secretguard\.config\.json: unknown key "rulez"/],
    ['a wrong type', '.secretguardrc.json', '{ "maxFileSize": "big" }', /\.secretguardrc\.json: maxFileSize: /],
    ['an unknown rule id', 'secretguard.config.json', '{ "rules": { "no-such-rule": "off" } }', /rules\.no-such-rule: no rule/],
    ['a bad severity', 'secretguard.config.json', '{ "rules": { "stripe-live-secret-key": "severe" } }', /rules\.stripe-live-secret-key/],
    ['not an object', 'secretguard.config.json', '[]', /secretguard\.config\.json: /],
    [
      'an exponential custom regex',
      'secretguard.config.json',
      JSON.stringify({ customRules: [{ id: 'acme', regex: '(a+)+$', keywords: ['acme'], severity: 'high', description: 'd', fix: 'f' }] }),
      /customRules\.0\.regex: refused/,
    ],
    ['a broken package.json "secretguard" key', 'package.json', '{ "name": "x", "secretguard": { "failOn": "sometimes" } }', /package\.json#secretguard: failOn/],
  ])('%s: one line naming the file and the key, exit 2', async (_what, name, text, pattern) => {
    const { repo } = repoWithKey('config');
    writeFileSync(repo.path(name), text);
    for (const args of [['scan', '.'], ['staged'], ['scan', '--history']]) {
      expectCleanError(await sgRun(args, { cwd: repo.dir }), pattern);
    }
  });

  it.each([
    ['does not exist', 'missing.json', /cannot read config missing\.json: no such file/],
    ['is a folder', 'src', /cannot read config src: EISDIR/],
  ])('--config that %s: one line, exit 2', async (_what, file, pattern) => {
    const { repo } = repoWithKey('config-flag');
    expectCleanError(await sgRun(['scan', '.', '--config', file], { cwd: repo.dir }), pattern);
  });

  const nobody = nobodyPrefix();

  it.skipIf(!nobody)('--config that cannot be read (run as nobody): one line, exit 2', async () => {
    const t = tree('config-unreadable');
    t.write('app.ts', 'export {};\n');
    t.write('sg.json', '{}');
    giveToNobody(t.dir);
    lockFromNobody(t.path('sg.json'));
    expectCleanError(await sgRun(['scan', '.', '--config', 'sg.json'], { cwd: t.dir, prefix: nobody!, env: NOBODY_ENV }), /cannot read config sg\.json: EACCES/);
  });

  it.skipIf(!nobody)('a discovered config that cannot be read (run as nobody): one line naming it, exit 2, not silently ignored', async () => {
    // The config lives at the repository root; the scan is of src/, so the config is not a scanned file.
    const t = tree('config-discovered-unreadable');
    const k = key();
    t.write('src/app.ts', `const k = "${k}";\n`);
    t.write('secretguard.config.json', JSON.stringify({ rules: { 'stripe-live-secret-key': 'off' } }));
    gitOk(t.dir, ['init', '-q', '-b', 'main']);
    giveToNobody(t.dir);
    lockFromNobody(t.path('secretguard.config.json'));
    const result = await sgRun(['scan', 'src'], { cwd: t.dir, prefix: nobody!, env: NOBODY_ENV });
    expectCleanError(result, /secretguard\.config\.json/);
  });
});

// ------------------------------------------------------------------------------ secrets in error messages

describe('error messages never print a secret in full', () => {
  const { repo } = repoWithKey('secret-args');
  const k = key();
  const planted = [{ ruleId: KEY_RULE, secret: k, where: 'an argument' }];

  it.each([
    ['a bogus --range', ['scan', '--range', k]],
    ['a range ending in it', ['scan', '--range', `HEAD..${k}`]],
    ['a PATH that does not exist', ['scan', k]],
    ['a --config that does not exist', ['scan', '.', '--config', k]],
    ['a --baseline that does not exist', ['scan', '.', '--baseline', k]],
    ['an --output that cannot be written', ['scan', '.', '--output', `/nonexistent/${k}`]],
    ['a --format value', ['scan', '.', '--format', k]],
    ['an unknown option', ['scan', `--${k}`]],
    ['an unknown command', [k]],
  ])('%s', async (_what, args) => {
    const result = await sgRun(args, { cwd: repo.dir });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^secretguard: /);
    expect(leaksIn(planted, [{ name: 'stderr', text: result.stderr }, { name: 'stdout', text: result.stdout }])).toEqual([]);
  });
});
