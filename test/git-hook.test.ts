import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BEGIN, END } from '../src/hooks/hook-block.js';
import { ROOT } from './helpers/cli.js';
import { BIN, expectNoFullKey, freshKey, gitOk, pathWithoutSecretguard, Repo, sg, tempDir, type GitResult } from './helpers/git-repo.js';

// `secretguard install` for real, then real `git commit`s through the installed hook.

const HUSKY_DIR = join(ROOT, 'node_modules', 'husky');
const HAS_HUSKY = existsSync(join(HUSKY_DIR, 'bin.js'));

/** PATH for the commits: node, git and the system, never a secretguard. */
const PATH = pathWithoutSecretguard();

it('the PATH used for commits has node and git but no secretguard', () => {
  const probe = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`], { env: { ...process.env, PATH }, encoding: 'utf8' }).status;
  expect(probe('git')).toBe(0);
  expect(probe('node')).toBe(0);
  expect(probe('secretguard')).not.toBe(0);
});

/** `git commit` with hooks, as a user types it (extra args: `-a`, paths…). */
function commitWithHooks(repo: Repo, message: string, args: string[] = []): GitResult {
  return repo.gitTry(['commit', '-m', message, ...args], { env: { PATH } });
}

function output(result: GitResult): string {
  return result.stdout + result.stderr;
}

type Kind = 'plain' | 'hooksPath' | 'husky';

interface Setup {
  repo: Repo;
  /** The hook file secretguard owns a block in, relative to the repository root. */
  hook: string;
  /** What the hook held before `secretguard install` (undefined: no hook yet). */
  userHook?: string;
  /** The line `secretguard install` printed. */
  installed: string;
}

const USER_HOOK_LINE = 'echo "user hook ran" >> .git/user-hook.log';

function setUp(kind: Kind): Setup {
  const repo = Repo.init(`hook-${kind}`);
  repo.write('README.md', '# demo\n');
  repo.write('src/app.ts', 'export const a = 1;\n');
  let hook: string;
  let userHook: string | undefined;
  if (kind === 'plain') {
    hook = '.git/hooks/pre-commit';
    userHook = `#!/bin/sh\n${USER_HOOK_LINE}\n`;
    repo.write(hook, userHook);
    spawnSync('chmod', ['755', repo.path(hook)]);
  } else if (kind === 'hooksPath') {
    hook = '.githooks/pre-commit';
    repo.git('config', 'core.hooksPath', '.githooks');
    mkdirSync(repo.path('.githooks'));
  } else {
    hook = '.husky/pre-commit';
    repo.write('package.json', JSON.stringify({ name: 'demo', private: true, devDependencies: { husky: '9.1.7' } }, null, 2) + '\n');
    repo.write('.gitignore', 'node_modules\n');
    mkdirSync(repo.path('node_modules/.bin'), { recursive: true });
    symlinkSync(HUSKY_DIR, repo.path('node_modules/husky'));
    symlinkSync(BIN, repo.path('node_modules/.bin/secretguard'));
    // husky's own bin, run the way `npm run prepare` does: sets core.hooksPath to .husky/_.
    const husky = spawnSync(process.execPath, ['node_modules/husky/bin.js'], { cwd: repo.dir, encoding: 'utf8' });
    expect(husky.status, husky.stderr).toBe(0);
    expect(repo.git('config', 'core.hooksPath').trim()).toBe('.husky/_');
    userHook = `${USER_HOOK_LINE}\n`;
    repo.write(hook, userHook);
  }
  repo.commit('initial');
  const install = sg(repo.dir, ['install']);
  expect(install.status, install.stderr).toBe(0);
  // Husky's hook is part of the project: commit it, as the team would.
  if (kind === 'husky') repo.commit('add secretguard to the pre-commit hook', { args: ['--', hook] });
  return { repo, hook, userHook, installed: install.stdout };
}

describe.each<Kind>(['plain', 'hooksPath', 'husky'])('the installed hook (%s)', (kind) => {
  let s: Setup;
  const skip = kind === 'husky' && !HAS_HUSKY;

  beforeAll(() => {
    if (!skip) s = setUp(kind);
  });
  afterAll(() => s?.repo.cleanup());

  /** Undo a refused commit: nothing staged, src/ back to HEAD (the hook file is left alone). */
  function reset(): void {
    s.repo.git('reset', '-q');
    s.repo.git('checkout', '-q', '--', 'src');
    s.repo.git('clean', '-qfd', '--', 'src');
  }

  it.skipIf(skip)('install writes the block into the right hook file', () => {
    const { repo, hook, userHook } = s;
    const file = s.installed.trim();
    if (kind === 'husky') expect(file).toBe(`secretguard: added secretguard to ${hook} (Husky)`);
    else if (userHook) expect(file).toBe(`secretguard: added secretguard to ${hook}`);
    else expect(file).toBe(`secretguard: created ${hook}`);

    const text = repo.read(hook);
    expect(text).toContain(BEGIN);
    expect(text).toContain(END);
    expect(statSync(repo.path(hook)).mode & 0o111).not.toBe(0);
    if (userHook) for (const line of userHook.split('\n').filter(Boolean)) expect(text).toContain(line);
    if (kind === 'husky') {
      // Husky: the project's node_modules/.bin, never a path on the installing machine.
      expect(text).not.toContain(BIN);
      expect(text).toContain('./node_modules/.bin/secretguard staged');
      expect(readFileSync(repo.path('.husky/_/pre-commit'), 'utf8')).toBe('#!/usr/bin/env sh\n. "$(dirname "$0")/h"');
    } else {
      expect(text.startsWith('#!/bin/sh\n')).toBe(true);
      expect(text).toContain(`'${BIN}' staged`);
      expect(existsSync(repo.path('node_modules'))).toBe(false);
    }
  });

  it.skipIf(skip)('install a second time changes nothing (byte-identical hook)', () => {
    const before = readFileSync(s.repo.path(s.hook));
    const again = sg(s.repo.dir, ['install']);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('already set up');
    expect(readFileSync(s.repo.path(s.hook)).equals(before)).toBe(true);
  });

  it.skipIf(skip)('refuses a commit of a new file holding a key, leaving no new commit', () => {
    const { repo } = s;
    const key = freshKey();
    const before = repo.count();
    repo.write('src/stripe.ts', `export const stripe = "${key}";\n`);
    repo.git('add', 'src/stripe.ts');
    const commit = commitWithHooks(repo, 'add stripe');
    expect(commit.status).not.toBe(0);
    expect(output(commit)).toContain('secretguard blocked this commit');
    expect(output(commit)).toContain('src/stripe.ts');
    expectNoFullKey(output(commit), key);
    expect(repo.count()).toBe(before);
    reset();
  });

  it.skipIf(skip)('lets a clean commit through (and the user hook still runs)', () => {
    const { repo } = s;
    const before = repo.count();
    const log = repo.path('.git/user-hook.log');
    rmSync(log, { force: true });
    repo.write('src/clean.ts', 'export const b = process.env.STRIPE_SECRET_KEY;\n');
    repo.git('add', 'src/clean.ts');
    const commit = commitWithHooks(repo, 'clean');
    expect(commit.status, output(commit)).toBe(0);
    expect(repo.count()).toBe(before + 1);
    if (s.userHook) expect(readFileSync(log, 'utf8')).toBe('user hook ran\n');
  });

  it.skipIf(skip)('refuses `git commit -a` of a tracked file modified to hold a key (GIT_INDEX_FILE)', () => {
    const { repo } = s;
    const key = freshKey();
    const before = repo.count();
    repo.write('src/app.ts', `export const a = 1;\nexport const k = "${key}";\n`);
    expect(repo.git('diff', '--cached', '--name-only')).toBe(''); // nothing staged: only -a brings it in
    const commit = commitWithHooks(repo, 'commit -a', ['-a']);
    expect(commit.status).not.toBe(0);
    expect(output(commit)).toContain('src/app.ts');
    expectNoFullKey(output(commit), key);
    expect(repo.count()).toBe(before);
    reset();
  });

  it.skipIf(skip)('refuses `git commit <path>` of a tracked file modified to hold a key', () => {
    const { repo } = s;
    const key = freshKey();
    const before = repo.count();
    repo.write('src/app.ts', `export const a = 1;\nexport const k = "${key}";\n`);
    const commit = commitWithHooks(repo, 'commit path', ['--', 'src/app.ts']);
    expect(commit.status).not.toBe(0);
    expect(output(commit)).toContain('secretguard blocked this commit');
    expectNoFullKey(output(commit), key);
    expect(repo.count()).toBe(before);
    reset();
  });

  it.skipIf(skip || kind !== 'husky')('without secretguard installed, says so and lets the commit through', () => {
    const { repo } = s;
    rmSync(repo.path('node_modules/.bin/secretguard'));
    try {
      const before = repo.count();
      const key = freshKey();
      repo.write('src/unscanned.ts', `export const k = "${key}";\n`);
      repo.git('add', 'src/unscanned.ts');
      const commit = commitWithHooks(repo, 'unscanned');
      expect(commit.status, output(commit)).toBe(0);
      expect(output(commit)).toContain('secretguard: not installed here (run npm install): this commit was NOT scanned for secrets');
      expect(repo.count()).toBe(before + 1);
    } finally {
      symlinkSync(BIN, repo.path('node_modules/.bin/secretguard'));
    }
  });

  it.skipIf(skip)('uninstall removes only the block (a hook left empty is deleted)', () => {
    const { repo, hook, userHook } = s;
    const result = sg(repo.dir, ['uninstall']);
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe(`secretguard: removed secretguard from ${hook}`);
    if (userHook === undefined) expect(existsSync(repo.path(hook))).toBe(false);
    else expect(repo.read(hook)).toBe(userHook);

    // Nothing left to stop a key now; a second uninstall finds nothing to remove.
    const before = repo.count();
    repo.write('src/after.ts', `export const k = "${freshKey()}";\n`);
    repo.git('add', 'src/after.ts');
    expect(commitWithHooks(repo, 'after uninstall').status).toBe(0);
    expect(repo.count()).toBe(before + 1);
    const again = sg(repo.dir, ['uninstall']);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('no secretguard hook');
  });
});

describe('install: other layouts', () => {
  const cleanups: (() => void)[] = [];
  afterAll(() => cleanups.forEach((c) => c()));

  function repoWithCommit(label: string): Repo {
    const repo = Repo.init(label);
    cleanups.push(() => repo.cleanup());
    repo.write('README.md', '# demo\n');
    repo.commit('initial');
    return repo;
  }

  it('creates .git/hooks/pre-commit when there is none, and uninstall deletes it', () => {
    const repo = repoWithCommit('hook-fresh');
    const install = sg(repo.dir, ['install']);
    expect(install.stdout.trim()).toBe('secretguard: created .git/hooks/pre-commit');
    const text = repo.read('.git/hooks/pre-commit');
    expect(text.startsWith(`#!/bin/sh\n${BEGIN}\n`)).toBe(true);
    expect(text.endsWith(`${END}\n`)).toBe(true);
    expect(sg(repo.dir, ['uninstall']).status).toBe(0);
    expect(existsSync(repo.path('.git/hooks/pre-commit'))).toBe(false);
  });

  it('installs into the hooksPath folder at the root when run from a subfolder', () => {
    const repo = repoWithCommit('hook-subdir');
    repo.git('config', 'core.hooksPath', '.githooks');
    mkdirSync(repo.path('packages/web'), { recursive: true });
    const install = sg(repo.path('packages/web'), ['install']);
    expect(install.status, install.stderr).toBe(0);
    expect(existsSync(repo.path('.githooks/pre-commit'))).toBe(true);
    expect(existsSync(repo.path('packages/web/.githooks'))).toBe(false);
    const before = repo.count();
    repo.write('packages/web/k.ts', `export const k = "${freshKey()}";\n`);
    repo.git('add', '-A');
    expect(repo.gitTry(['commit', '-m', 'x'], { env: { PATH } }).status).not.toBe(0);
    expect(repo.count()).toBe(before);
  });

  it('when the binary that installed the hook is gone, says so and lets the commit through', () => {
    // A throw-away copy of the built CLI installs the hook, then disappears (an npx cache wiped…).
    const copy = tempDir('sg-copy');
    cleanups.push(() => rmSync(copy, { recursive: true, force: true }));
    cpSync(join(ROOT, 'bin'), join(copy, 'bin'), { recursive: true });
    cpSync(join(ROOT, 'dist'), join(copy, 'dist'), { recursive: true });
    writeFileSync(join(copy, 'package.json'), JSON.stringify({ type: 'module' }));
    const copiedBin = join(copy, 'bin', 'secretguard.js');

    const repo = repoWithCommit('hook-gone');
    const install = spawnSync(process.execPath, [copiedBin, 'install'], { cwd: repo.dir, encoding: 'utf8' });
    expect(install.status, install.stderr).toBe(0);
    expect(repo.read('.git/hooks/pre-commit')).toContain(`'${copiedBin}' staged`);

    // While it exists, the hook uses it.
    repo.write('a.ts', `export const k = "${freshKey()}";\n`);
    repo.git('add', 'a.ts');
    const before = repo.count();
    expect(repo.gitTry(['commit', '-m', 'blocked'], { env: { PATH } }).status).not.toBe(0);
    expect(repo.count()).toBe(before);

    rmSync(copy, { recursive: true, force: true });
    const commit = repo.gitTry(['commit', '-m', 'unscanned'], { env: { PATH } });
    expect(commit.status, commit.stderr).toBe(0);
    expect(commit.stderr).toContain('secretguard: not installed here');
    expect(repo.count()).toBe(before + 1);
  });

  it('installs from a linked worktree into the shared hooks folder, and blocks there', () => {
    const repo = repoWithCommit('hook-main-wt');
    const worktree = tempDir('hook-wt');
    rmSync(worktree, { recursive: true });
    cleanups.push(() => rmSync(worktree, { recursive: true, force: true }));
    repo.git('worktree', 'add', '-q', '-b', 'side', worktree);
    const install = sg(worktree, ['install']);
    expect(install.status, install.stderr).toBe(0);
    expect(existsSync(repo.path('.git/hooks/pre-commit'))).toBe(true);
    const wt = new Repo(worktree);
    const before = wt.count();
    wt.write('k.ts', `export const k = "${freshKey()}";\n`);
    wt.git('add', 'k.ts');
    const commit = wt.gitTry(['commit', '-m', 'x'], { env: { PATH } });
    expect(commit.status).not.toBe(0);
    expect(commit.stderr).toContain('secretguard blocked this commit');
    expect(wt.count()).toBe(before);
  });

  it('a project that lists husky but has no Husky hooks set up is still protected', () => {
    const repo = repoWithCommit('hook-husky-unset');
    repo.write('package.json', JSON.stringify({ devDependencies: { husky: '^4.3.8' }, husky: { hooks: { 'pre-commit': 'true' } } }) + '\n');
    repo.commit('husky 4 config');
    expect(repo.gitTry(['config', 'core.hooksPath']).status).not.toBe(0);
    const install = sg(repo.dir, ['install']);
    const before = repo.count();
    repo.write('k.ts', `export const k = "${freshKey()}";\n`);
    repo.git('add', 'k.ts');
    const commit = repo.gitTry(['commit', '-m', 'x'], { env: { PATH } });
    expect(install.status !== 0 || (commit.status !== 0 && repo.count() === before)).toBe(true);
  });

  it('exits 2 with one line outside a Git repository', () => {
    const dir = tempDir('hook-norepo');
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    expect(() => gitOk(dir, ['rev-parse', '--git-dir'])).toThrow();
    for (const command of ['install', 'uninstall']) {
      const result = sg(dir, [command]);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(/^secretguard: not a Git repository[^\n]*\n$/);
      expect(existsSync(join(dir, '.git'))).toBe(false);
    }
  });
});
