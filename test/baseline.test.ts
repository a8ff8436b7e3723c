import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectOneLineError, Repo } from './helpers/git-repo.js';
import { brief, cli, cliJson, codeLine, liveKey, project, shown, track, useProjects } from './helpers/project.js';

// `secretguard baseline` and how scan, staged, --history and --range honour it, against real repositories.

useProjects();

const FILE = '.secretguard-baseline.json';
const LIVE = 'stripe-live-secret-key';

interface Entry {
  fingerprint: string;
  ruleId: string;
  file: string;
}

function readBaseline(repo: Repo, file = FILE): { version: number; entries: Entry[] } {
  return JSON.parse(repo.read(file)) as { version: number; entries: Entry[] };
}

/** Lines of filler around a key, so that edits above or below it merge cleanly. */
const filler = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `// line ${from + i}\n`).join('');

/** A repository whose src/pay.ts (committed) holds `key` on line 6, between filler lines. */
function payRepo(label: string, key = liveKey()) {
  const repo = project(label);
  repo.write('src/pay.ts', filler(1, 5) + codeLine('stripeKey', key) + filler(7, 12));
  repo.commit('pay');
  return { repo, key };
}

/** `secretguard baseline` in `cwd`, expected to succeed. */
function makeBaseline(cwd: string, args: string[] = []): string {
  const result = cli(cwd, ['baseline', ...args]);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return result.stdout;
}

/** `scan` in the repository: clean, with `n` findings in the baseline and no stale entries. */
function expectBaselined(cwd: string, n: number, args: string[] = ['scan']): void {
  const run = cliJson(cwd, args);
  expect(brief(run.findings)).toEqual([]);
  expect(run.summary.suppressed.baseline).toBe(n);
  expect(run.summary.baselineUnmatched ?? 0).toBe(0);
  expect(run.status).toBe(0);
}

describe('the baseline file', () => {
  it('`baseline` writes .secretguard-baseline.json at the root: sorted entries, no positions, no timestamps, no secrets', () => {
    const { repo, key } = payRepo('bl-write');
    const other = liveKey();
    repo.write('lib/other.ts', codeLine('other', other));
    const stdout = makeBaseline(repo.dir);
    expect(stdout).toBe(`secretguard: recorded 2 finding(s) in ${join(repo.dir, FILE)}\n`);
    const text = repo.read(FILE);
    const data = readBaseline(repo);
    expect(Object.keys(data)).toEqual(['version', 'entries']);
    expect(data.version).toBe(1);
    expect(data.entries.map((e) => [e.file, e.ruleId])).toEqual([
      ['lib/other.ts', LIVE],
      ['src/pay.ts', LIVE],
    ]);
    for (const entry of data.entries) {
      expect(Object.keys(entry).sort()).toEqual(['file', 'fingerprint', 'ruleId']);
      expect(entry.fingerprint).toMatch(/^[0-9a-f]{16,64}$/);
    }
    expect(data.entries[0]!.fingerprint).not.toBe(data.entries[1]!.fingerprint);
    // No timestamp, no line or column, no secret (nor any 8 characters of one's body, nor its redacted form).
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}|"(line|column|date|time|timestamp|generated|created)\w*"/i);
    for (const k of [key, other]) {
      const body = k.slice('sk_live_'.length);
      for (let i = 0; i + 8 <= body.length; i++) expect(text).not.toContain(body.slice(i, i + 8));
      expect(text).not.toContain(shown(k));
    }
    expect(text.endsWith('\n')).toBe(true);
  });

  it('two regenerations write identical bytes, also after the lines have moved', () => {
    const { repo } = payRepo('bl-stable');
    repo.write('lib/other.ts', codeLine('other', liveKey()));
    makeBaseline(repo.dir);
    const first = readFileSync(repo.path(FILE));
    makeBaseline(repo.dir);
    expect(readFileSync(repo.path(FILE)).equals(first)).toBe(true);
    repo.write('src/pay.ts', filler(100, 140) + repo.read('src/pay.ts'));
    makeBaseline(repo.dir);
    expect(readFileSync(repo.path(FILE)).equals(first)).toBe(true);
  });

  it('run from a subfolder with `.`, it writes the baseline at the repository root, which scans then honour', () => {
    const repo = project('bl-sub');
    repo.write('packages/web/pay.ts', codeLine('k', liveKey()));
    repo.commit('web');
    const web = repo.path('packages/web');
    const stdout = makeBaseline(web, ['.']);
    expect(stdout).toContain(join(repo.dir, FILE));
    expect(existsSync(repo.path(FILE))).toBe(true);
    expect(existsSync(join(web, FILE))).toBe(false);
    expect(readBaseline(repo).entries).toHaveLength(1);
    expectBaselined(repo.dir, 1);
    expectBaselined(web, 1);
  });
  it('regenerated from a subfolder, the root baseline keeps every entry, with paths from the root (same bytes)', () => {
    const { repo } = payRepo('bl-sub-regen');
    repo.write('lib/other.ts', codeLine('other', liveKey()));
    makeBaseline(repo.dir);
    const fromRoot = readFileSync(repo.path(FILE));
    makeBaseline(repo.path('lib'), ['.']);
    expect(readBaseline(repo).entries.map((e) => e.file)).toEqual(['lib/other.ts', 'src/pay.ts']);
    expect(readFileSync(repo.path(FILE)).equals(fromRoot)).toBe(true);
    expectBaselined(repo.dir, 2);
  });

  it('recorded for one file, the baseline keeps the entries of that file\'s neighbours', () => {
    const { repo } = payRepo('bl-one-file');
    repo.write('src/other.ts', codeLine('other', liveKey()));
    makeBaseline(repo.dir);
    const before = readBaseline(repo).entries.map((e) => e.file);
    expect(before).toEqual(['src/other.ts', 'src/pay.ts']);
    makeBaseline(repo.dir, ['src/pay.ts']);
    expect(readBaseline(repo).entries.map((e) => e.file)).toEqual(before);
    expectBaselined(repo.dir, 2);
  });

  it('`baseline -o FILE` writes there, and `scan --baseline FILE` uses it', () => {
    const { repo } = payRepo('bl-output');
    // A folder that does not exist: one line, exit 2, nothing written.
    expectOneLineError(cli(repo.dir, ['baseline', '-o', 'ci/accepted.json']), /^secretguard: cannot write baseline ci\/accepted\.json: ENOENT\n$/);
    repo.write('ci/.keep', '');
    makeBaseline(repo.dir, ['-o', 'ci/accepted.json']);
    expect(existsSync(repo.path(FILE))).toBe(false);
    expect(readBaseline(repo, 'ci/accepted.json').entries).toHaveLength(1);
    expect(cli(repo.dir, ['scan']).status).toBe(1); // not the default file: not used by default
    expectBaselined(repo.dir, 1, ['scan', '--baseline', 'ci/accepted.json']);
  });

  it('a corrupt baseline: exit 2 with one line naming it (scan and staged)', () => {
    const { repo } = payRepo('bl-corrupt');
    const path = join(repo.dir, FILE);
    const escaped = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    repo.write(FILE, '{"version":1,"entries":[');
    expectOneLineError(cli(repo.dir, ['scan']), new RegExp(`^secretguard: ${escaped}: invalid JSON: `));
    expectOneLineError(cli(repo.dir, ['staged']), new RegExp(`^secretguard: ${escaped}: invalid JSON: `));
    repo.write(FILE, JSON.stringify({ version: 2, entries: [] }));
    expectOneLineError(cli(repo.dir, ['scan']), new RegExp(`^secretguard: ${escaped}: not a secretguard baseline`));
    repo.write(FILE, JSON.stringify({ version: 1, entries: [{ fingerprint: 'abc', file: 'a.ts' }] }));
    expectOneLineError(cli(repo.dir, ['scan', '--history']), new RegExp(`^secretguard: ${escaped}: not a secretguard baseline`));
    // --no-baseline does not read it at all.
    expect(cli(repo.dir, ['scan', '--no-baseline']).status).toBe(1);
  });

  it('--baseline naming a missing file: exit 2 with one line', () => {
    const { repo } = payRepo('bl-missing');
    expectOneLineError(cli(repo.dir, ['scan', '--baseline', 'nope.json']), /^secretguard: cannot read baseline nope\.json: ENOENT\n$/);
  });
});

describe('scan with a baseline', () => {
  it('skips baselined findings, counts them, exits 0; a new key is still reported', () => {
    const { repo } = payRepo('bl-scan');
    expect(cli(repo.dir, ['scan']).status).toBe(1);
    makeBaseline(repo.dir);
    expectBaselined(repo.dir, 1);
    const text = cli(repo.dir, ['scan']);
    expect(text.stdout).toContain('no secrets found');
    expect(text.stdout).toContain('1 in baseline');
    expect(text.status).toBe(0);
    const fresh = liveKey();
    repo.write('src/pay.ts', repo.read('src/pay.ts') + codeLine('another', fresh));
    const run = cliJson(repo.dir, ['scan']);
    expect(brief(run.findings)).toEqual([{ file: 'src/pay.ts', ruleId: LIVE, secret: shown(fresh), severity: 'critical' }]);
    expect(run.summary.suppressed.baseline).toBe(1);
    expect(run.status).toBe(1);
  });

  it('--no-baseline ignores the baseline', () => {
    const { repo, key } = payRepo('bl-nobaseline');
    makeBaseline(repo.dir);
    const run = cliJson(repo.dir, ['scan', '--no-baseline']);
    expect(brief(run.findings)).toEqual([{ file: 'src/pay.ts', ruleId: LIVE, secret: shown(key), severity: 'critical' }]);
    expect(run.summary.suppressed.baseline).toBe(0);
    expect(run.status).toBe(1);
  });

  it('survives a line shift (lines inserted above)', () => {
    const { repo } = payRepo('bl-shift');
    makeBaseline(repo.dir);
    repo.write('src/pay.ts', filler(100, 120) + repo.read('src/pay.ts'));
    expect(cliJson(repo.dir, ['scan', '--no-baseline']).findings.map((f) => f.line)).toEqual([27]);
    expectBaselined(repo.dir, 1);
  });

  it('survives a reformat (the key moved to its own line, other quotes, indentation)', () => {
    const { repo, key } = payRepo('bl-reformat');
    makeBaseline(repo.dir);
    repo.write('src/pay.ts', `export const config = {\n  stripe: {\n    secretKey:\n      "${key}",\n  },\n};\n`);
    expect(cliJson(repo.dir, ['scan', '--no-baseline']).findings.map((f) => [f.line, f.column])).toEqual([[4, 8]]);
    expectBaselined(repo.dir, 1);
  });

  it('survives a rename (git mv)', () => {
    const { repo } = payRepo('bl-rename');
    makeBaseline(repo.dir);
    repo.write('src/billing/.keep', '');
    repo.git('mv', 'src/pay.ts', 'src/billing/stripe.ts');
    expect(cliJson(repo.dir, ['scan', '--no-baseline']).findings.map((f) => f.file)).toEqual(['src/billing/stripe.ts']);
    expectBaselined(repo.dir, 1);
  });

  it('a copy of a baselined key in a second file is reported (one entry covers one place)', () => {
    const { repo, key } = payRepo('bl-copy');
    makeBaseline(repo.dir);
    repo.write('src/copy.ts', codeLine('again', key));
    const run = cliJson(repo.dir, ['scan']);
    expect(brief(run.findings)).toEqual([{ file: 'src/copy.ts', ruleId: LIVE, secret: shown(key), severity: 'critical' }]);
    expect(run.summary.suppressed.baseline).toBe(1);
    expect(run.status).toBe(1);
  });

  it('survives a rebase of a branch onto a moved main (scan and scan --range)', () => {
    const { repo } = payRepo('bl-rebase');
    makeBaseline(repo.dir);
    repo.commit('accept the current findings');
    repo.git('checkout', '-q', '-b', 'feature');
    // The branch inserts lines above the key and rewrites the key's line.
    const branchText = repo.read('src/pay.ts').replace('export const stripeKey', 'export const STRIPE_KEY');
    repo.write('src/pay.ts', '// feature header\n// more\n' + branchText);
    repo.commit('feature: rename the constant');
    repo.git('checkout', '-q', 'main');
    repo.write('src/pay.ts', repo.read('src/pay.ts') + filler(13, 20));
    repo.write('lib/util.ts', 'export const x = 1;\n');
    repo.commit('main moves on');
    repo.git('checkout', '-q', 'feature');
    repo.git('rebase', '-q', 'main');
    expect(repo.read('src/pay.ts')).toContain('// line 20');
    expect(repo.read('src/pay.ts')).toContain('STRIPE_KEY');
    expect(cliJson(repo.dir, ['scan', '--no-baseline']).findings.map((f) => f.line)).toEqual([8]);
    expectBaselined(repo.dir, 1);
    // The rebased commit adds the key's (rewritten) line: the range scan sees it, and the baseline covers it.
    const range = cliJson(repo.dir, ['scan', '--range', 'main..feature', '--no-baseline']);
    expect(range.findings.map((f) => [f.file, f.line])).toEqual([['src/pay.ts', 8]]);
    const withBaseline = cliJson(repo.dir, ['scan', '--range', 'main..feature']);
    expect(withBaseline.findings).toEqual([]);
    expect(withBaseline.summary.suppressed.baseline).toBe(1);
    expect(withBaseline.status).toBe(0);
  });

  it('a swapped secret on a baselined line (same line, new key) is reported', () => {
    const { repo, key } = payRepo('bl-swap');
    makeBaseline(repo.dir);
    const swapped = liveKey();
    repo.write('src/pay.ts', repo.read('src/pay.ts').replace(key, swapped));
    const run = cliJson(repo.dir, ['scan']);
    expect(brief(run.findings)).toEqual([{ file: 'src/pay.ts', ruleId: LIVE, secret: shown(swapped), severity: 'critical' }]);
    expect(run.findings[0]!.line).toBe(6);
    expect(run.summary.suppressed.baseline).toBe(0);
    expect(run.summary.baselineUnmatched).toBe(1);
    expect(run.status).toBe(1);
  });

  it('a stale entry (key removed) is reported in the summary, and `scan --prune` removes it', () => {
    const { repo, key } = payRepo('bl-stale');
    const kept = liveKey();
    repo.write('lib/kept.ts', codeLine('kept', kept));
    makeBaseline(repo.dir);
    const keptEntry = readBaseline(repo).entries.find((e) => e.file === 'lib/kept.ts')!;
    expect(keptEntry).toBeDefined();
    repo.write('src/pay.ts', repo.read('src/pay.ts').replace(codeLine('stripeKey', key), 'export const stripeKey = process.env.STRIPE_SECRET_KEY;\n'));
    const run = cliJson(repo.dir, ['scan']);
    expect(run.findings).toEqual([]);
    expect(run.summary.suppressed.baseline).toBe(1);
    expect(run.summary.baselineUnmatched).toBe(1);
    expect(run.status).toBe(0);
    const text = cli(repo.dir, ['scan']);
    expect(text.stdout).toContain('1 stale baseline entry (--prune removes)');
    // Without --prune nothing is written.
    expect(readBaseline(repo).entries).toHaveLength(2);
    const pruned = cli(repo.dir, ['scan', '--prune']);
    expect(pruned.status).toBe(0);
    expect(pruned.stderr).toBe(`secretguard: removed 1 stale entry from ${join(repo.dir, FILE)}\n`);
    expect(readBaseline(repo).entries).toEqual([keptEntry]);
    const after = cliJson(repo.dir, ['scan']);
    expect(after.summary.baselineUnmatched ?? 0).toBe(0);
    expect(after.summary.suppressed.baseline).toBe(1);
  });

  it('scanning a subfolder or one file does not call entries of other files stale, and --prune keeps them', () => {
    const { repo } = payRepo('bl-scope');
    repo.write('lib/other.ts', codeLine('other', liveKey()));
    makeBaseline(repo.dir);
    const before = readBaseline(repo).entries;
    expect(before).toHaveLength(2);
    const fromLib = cliJson(repo.path('lib'), ['scan']);
    expect(fromLib.findings).toEqual([]);
    expect(fromLib.summary.suppressed.baseline).toBe(1);
    expect(fromLib.summary.baselineUnmatched ?? 0).toBe(0);
    const oneFile = cliJson(repo.dir, ['scan', 'src/pay.ts']);
    expect(oneFile.summary.suppressed.baseline).toBe(1);
    expect(oneFile.summary.baselineUnmatched ?? 0).toBe(0);
    cli(repo.path('lib'), ['scan', '--prune']);
    expect(readBaseline(repo).entries).toEqual(before);
  });

  it('--prune without any baseline: exit 2, one line', () => {
    const { repo } = payRepo('bl-prune-none');
    expectOneLineError(cli(repo.dir, ['scan', '--prune']), /^secretguard: --prune needs a baseline/);
  });
});

describe('staged, --history and --range with a baseline', () => {
  it('staged: a change to a baselined file that keeps the key (and rewrites its line) is not blocked', () => {
    const { repo, key } = payRepo('bl-staged');
    makeBaseline(repo.dir);
    repo.write('src/pay.ts', repo.read('src/pay.ts').replace(codeLine('stripeKey', key), `// billing\nexport const STRIPE = '${key}'; // used by checkout\n`));
    repo.git('add', '--', 'src/pay.ts');
    const blocked = cliJson(repo.dir, ['staged', '--no-baseline']);
    expect(blocked.findings.map((f) => [f.file, f.line])).toEqual([['src/pay.ts', 7]]);
    expect(blocked.status).toBe(1);
    const run = cliJson(repo.dir, ['staged']);
    expect(run.findings).toEqual([]);
    expect(run.summary.suppressed.baseline).toBe(1);
    expect(run.status).toBe(0);
    const text = cli(repo.path('src'), ['staged']);
    expect(text.stderr).toBe('');
    expect(text.status).toBe(0);
  });

  it('staged: a new key in a baselined file is still blocked', () => {
    const { repo } = payRepo('bl-staged-new');
    makeBaseline(repo.dir);
    const fresh = liveKey();
    repo.write('src/pay.ts', codeLine('fresh', fresh) + repo.read('src/pay.ts'));
    repo.git('add', '--', 'src/pay.ts');
    const run = cliJson(repo.dir, ['staged']);
    expect(brief(run.findings)).toEqual([{ file: 'src/pay.ts', ruleId: LIVE, secret: shown(fresh), severity: 'critical' }]);
    expect(run.status).toBe(1);
    expect(cli(repo.dir, ['staged']).stderr).toContain('secretguard blocked this commit');
  });

  /** History: a.ts got key A then lost it; b.ts got key B (still there). */
  function historyRepo(label: string) {
    const repo = track(Repo.init(label));
    const a = liveKey();
    const b = liveKey();
    repo.write('a.ts', codeLine('a', a));
    repo.commit('add a');
    repo.write('a.ts', 'export const a = process.env.A;\n');
    repo.commit('remove a');
    repo.write('b.ts', codeLine('b', b));
    repo.commit('add b');
    return { repo, a, b };
  }

  it('scan --history honours a `baseline --history`', () => {
    const { repo, a, b } = historyRepo('bl-history');
    const bare = cliJson(repo.dir, ['scan', '--history']);
    expect(brief(bare.findings).map((f) => [f.file, f.secret])).toEqual([
      ['a.ts', shown(a)],
      ['b.ts', shown(b)],
    ]);
    expect(bare.status).toBe(1);
    makeBaseline(repo.dir, ['--history']);
    expect(readBaseline(repo).entries.map((e) => e.file)).toEqual(['a.ts', 'b.ts']);
    expectBaselined(repo.dir, 2, ['scan', '--history']);
    expect(cliJson(repo.dir, ['scan', '--history', '--no-baseline']).status).toBe(1);
  });

  it('scan --history with a working-tree baseline reports only what the tree no longer holds', () => {
    const { repo, a } = historyRepo('bl-history-tree');
    makeBaseline(repo.dir);
    expect(readBaseline(repo).entries.map((e) => e.file)).toEqual(['b.ts']);
    const run = cliJson(repo.dir, ['scan', '--history']);
    expect(brief(run.findings).map((f) => [f.file, f.secret])).toEqual([['a.ts', shown(a)]]);
    expect(run.summary.suppressed.baseline).toBe(1);
    expect(run.status).toBe(1);
  });

  it('scan --range honours the baseline', () => {
    const { repo, b } = historyRepo('bl-range');
    makeBaseline(repo.dir);
    const bare = cliJson(repo.dir, ['scan', '--range', 'HEAD~1..HEAD', '--no-baseline']);
    expect(brief(bare.findings).map((f) => [f.file, f.secret])).toEqual([['b.ts', shown(b)]]);
    expect(bare.status).toBe(1);
    const run = cliJson(repo.dir, ['scan', '--range', 'HEAD~1..HEAD']);
    expect(run.findings).toEqual([]);
    expect(run.summary.suppressed.baseline).toBe(1);
    expect(run.status).toBe(0);
  });

  it('--baseline FILE applies to staged and --history too', () => {
    const { repo } = historyRepo('bl-explicit');
    makeBaseline(repo.dir, ['--history', '-o', 'accepted.json']);
    expect(cli(repo.dir, ['scan', '--history']).status).toBe(1);
    expectBaselined(repo.dir, 2, ['scan', '--history', '--baseline', 'accepted.json']);
    writeFileSync(repo.path('b.ts'), '// moved down\n' + repo.read('b.ts').replace('const b', 'const B'));
    repo.git('add', '--', 'b.ts');
    expect(cli(repo.dir, ['staged']).status).toBe(1);
    const staged = cliJson(repo.dir, ['staged', '--baseline', 'accepted.json']);
    expect(staged.findings).toEqual([]);
    expect(staged.status).toBe(0);
  });
});
