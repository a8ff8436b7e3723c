import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileChecks, projectChecks } from '../src/checks/index.js';
import { describe, expect, it } from 'vitest';
import { builtinRules } from '../src/rules/index.js';
import { expectOneLineError } from './helpers/git-repo.js';
import { brief, cli, cliJson, codeLine, liveKey, project, shown, testKey, useProjects } from './helpers/project.js';

// Configuration through the built CLI against real repositories: discovery from the repository root,
// validation (exit 2, one precise line), rules on/off and severities, failOn, allowlists, inline markers.

useProjects();

const LIVE = 'stripe-live-secret-key';
const TEST = 'stripe-test-secret-key';

/** A repository with a live key in sub/app.ts (committed), and `config` files written at its root. */
function repoWithKey(label: string, files: Record<string, unknown> = {}) {
  const repo = project(label);
  const key = liveKey();
  repo.write('sub/app.ts', codeLine('stripeKey', key));
  repo.commit('app');
  for (const [name, content] of Object.entries(files)) repo.write(name, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return { repo, key, sub: repo.path('sub') };
}

/** Stage a new file holding a fresh live key in sub/ (for `staged`). */
function stageKey(repo: ReturnType<typeof repoWithKey>['repo']): string {
  const key = liveKey();
  repo.write('sub/new.ts', codeLine('newKey', key));
  repo.git('add', '--', 'sub/new.ts');
  return key;
}

const lowLive = { rules: { [LIVE]: 'low' } };

describe('config discovery: the repository root, not the cwd', () => {
  const placements: [string, Record<string, unknown>][] = [
    ['secretguard.config.json', { 'secretguard.config.json': lowLive }],
    ['.secretguardrc.json', { '.secretguardrc.json': lowLive }],
    ['package.json "secretguard"', { 'package.json': { name: 'demo', private: true, secretguard: lowLive } }],
  ];

  it.each(placements)('%s at the root is found by `scan` run from a subfolder', (_name, files) => {
    const { sub, key } = repoWithKey('cfg-scan', files);
    const run = cliJson(sub, ['scan']);
    expect(brief(run.findings)).toEqual([{ file: 'app.ts', ruleId: LIVE, secret: shown(key), severity: 'low' }]);
    expect(run.status).toBe(1);
  });

  it.each(placements)('%s at the root is found by `staged` run from a subfolder', (_name, files) => {
    const { repo, sub } = repoWithKey('cfg-staged', files);
    const key = stageKey(repo);
    const run = cliJson(sub, ['staged']);
    expect(brief(run.findings)).toEqual([{ file: 'sub/new.ts', ruleId: LIVE, secret: shown(key), severity: 'low' }]);
  });

  it('without any config the severity is the built-in one (the tests above can fail)', () => {
    const { sub } = repoWithKey('cfg-none');
    expect(cliJson(sub, ['scan']).findings.map((f) => f.severity)).toEqual(['critical']);
  });

  it('a config in the subfolder (the cwd) is not the project config', () => {
    const { sub } = repoWithKey('cfg-cwd', { 'sub/secretguard.config.json': lowLive });
    expect(cliJson(sub, ['scan']).findings.map((f) => f.severity)).toEqual(['critical']);
  });

  it('precedence: secretguard.config.json, then .secretguardrc.json, then package.json', () => {
    const { repo, sub } = repoWithKey('cfg-order', {
      'secretguard.config.json': { rules: { [LIVE]: 'low' } },
      '.secretguardrc.json': { rules: { [LIVE]: 'high' } },
      'package.json': { name: 'demo', secretguard: { rules: { [LIVE]: 'medium' } } },
    });
    const severity = () => cliJson(sub, ['scan']).findings.map((f) => f.severity);
    expect(severity()).toEqual(['low']);
    rmSync(repo.path('secretguard.config.json'));
    expect(severity()).toEqual(['high']);
    rmSync(repo.path('.secretguardrc.json'));
    expect(severity()).toEqual(['medium']);
  });

  it('--config FILE overrides discovery (for scan and staged), relative to the cwd', () => {
    const { repo, sub } = repoWithKey('cfg-explicit', {
      'secretguard.config.json': { rules: { [LIVE]: 'low' } },
      'team/strict.json': { rules: { [LIVE]: 'high' } },
    });
    expect(cliJson(sub, ['scan', '--config', '../team/strict.json']).findings.map((f) => f.severity)).toEqual(['high']);
    stageKey(repo);
    expect(cliJson(sub, ['staged', '--config', join(repo.dir, 'team', 'strict.json')]).findings.map((f) => f.severity)).toEqual(['high']);
    expect(cliJson(sub, ['staged']).findings.map((f) => f.severity)).toEqual(['low']);
  });

  it('--config pointing at a missing file: exit 2, one line naming it', () => {
    const { sub } = repoWithKey('cfg-missing');
    expectOneLineError(cli(sub, ['scan', '--config', 'nope.json']), /^secretguard: cannot read config nope\.json: no such file\n$/);
    expectOneLineError(cli(sub, ['staged', '--config', 'nope.json']), /cannot read config nope\.json: no such file/);
  });
});

describe('a broken config: exit 2, one line naming the file, the key and what is wrong', () => {
  const FILE = 'secretguard.config.json';

  /** Write `text` as the root config and run `scan` from a subfolder (so discovery is part of it). */
  function broken(text: string, pattern: RegExp, file = FILE, command = 'scan'): void {
    const { repo, sub } = repoWithKey('cfg-broken');
    repo.write(file, text);
    const result = cli(sub, [command]);
    expectOneLineError(result, pattern);
    expect(result.stderr).not.toMatch(/\bat .+:\d+:\d+/); // no stack frame
    expect(result.stderr).not.toMatch(/unexpected error/);
  }
  const json = (value: unknown) => JSON.stringify(value, null, 2);

  it('invalid JSON', () => {
    broken('{ "rules": { "stripe-live-secret-key": "low", } }', /^secretguard: secretguard\.config\.json: invalid JSON: .+\n$/);
  });

  it('invalid JSON, for `staged` and `baseline` too', () => {
    broken('{ "failOn": ', /^secretguard: secretguard\.config\.json: invalid JSON: .+\n$/, FILE, 'staged');
    broken('{ "failOn": ', /^secretguard: secretguard\.config\.json: invalid JSON: .+\n$/, FILE, 'baseline');
  });

  it('invalid JSON in .secretguardrc.json names that file', () => {
    broken('{ rules: }', /^secretguard: \.secretguardrc\.json: invalid JSON: /, '.secretguardrc.json');
  });

  it('an unknown top-level key', () => {
    broken(json({ rules: {}, colour: 'red' }), /^secretguard: secretguard\.config\.json: unknown key "colour"\n$/);
  });

  it('an unknown key in allow', () => {
    broken(json({ allow: { path: ['docs/**'] } }), /^secretguard: secretguard\.config\.json: allow: unknown key "path"\n$/);
  });

  it('a rule id that does not exist', () => {
    broken(json({ rules: { 'stripe-live-secret': false } }), /^secretguard: secretguard\.config\.json: rules\.stripe-live-secret: no rule or check with this id/);
  });

  it('a bad severity value', () => {
    broken(json({ rules: { [LIVE]: 'severe' } }), /^secretguard: secretguard\.config\.json: rules\.stripe-live-secret-key: expected one of .*"critical".*"low"/);
  });

  it.each([0, -5, 1.5, '10MB'])('maxFileSize %j is not a positive integer', (value) => {
    broken(json({ maxFileSize: value }), /^secretguard: secretguard\.config\.json: maxFileSize: \S.*\n$/);
  });

  it('failOn invalid', () => {
    broken(json({ failOn: 'severe' }), /^secretguard: secretguard\.config\.json: failOn: .*critical/);
  });

  it('failOn invalid in package.json "secretguard" names package.json#secretguard', () => {
    broken(json({ name: 'demo', secretguard: { failOn: 'never' } }), /^secretguard: package\.json#secretguard: failOn: .*critical/, 'package.json');
  });

  const customRule = {
    id: 'acme-token',
    regex: 'sgtok_[a-z0-9]{32}',
    keywords: ['sgtok_'],
    severity: 'high',
    description: 'ACME internal API token',
    fix: 'read it from process.env.ACME_TOKEN',
  };

  it('a custom rule without fix', () => {
    const { fix: _fix, ...noFix } = customRule;
    broken(json({ customRules: [noFix] }), /^secretguard: secretguard\.config\.json: customRules\.0\.fix: \S.*\n$/);
  });

  it('a custom rule keyword shorter than 3 characters', () => {
    broken(json({ customRules: [{ ...customRule, keywords: ['sg'] }] }), /^secretguard: secretguard\.config\.json: customRules\.0\.keywords\.0: keywords need at least 3 characters\n$/);
  });

  it('a custom rule reusing a built-in id', () => {
    broken(json({ customRules: [{ ...customRule, id: LIVE }] }), /^secretguard: secretguard\.config\.json: customRules\.0\.id: stripe-live-secret-key is already a rule id\n$/);
  });

  it.each([
    ['a nested quantifier', '(a+)+$'],
    ['adjacent overlapping quantifiers', 'key_\\w*\\w*x'],
  ])('a custom regex with %s is refused with a reason', (_kind, regex) => {
    broken(
      json({ customRules: [customRule, { ...customRule, id: 'bad-one', regex, keywords: ['key_'] }] }),
      /^secretguard: secretguard\.config\.json: customRules\.1\.regex: refused: .*(time|linear).*\n$/,
    );
  });
});

describe('custom rules', () => {
  it('a linear-time-safe custom regex finds its secret, with the configured severity and fix', () => {
    const { repo, key } = repoWithKey('cfg-custom', {
      'secretguard.config.json': {
        customRules: [
          {
            id: 'acme-token',
            regex: 'sgtok_[a-z0-9]{32}',
            keywords: ['sgtok_'],
            severity: 'high',
            description: 'ACME internal API token',
            fix: 'read it from process.env.ACME_TOKEN',
          },
        ],
      },
    });
    const token = `sgtok_${randomBytes(16).toString('hex')}`;
    repo.write('lib/acme.ts', codeLine('acme', token));
    const run = cliJson(repo.dir, ['scan']);
    expect(run.status).toBe(1);
    const custom = run.findings.filter((f) => f.ruleId === 'acme-token');
    expect(custom.map((f) => ({ file: f.file, line: f.line, severity: f.severity, fix: f.fix, title: f.title }))).toEqual([
      { file: 'lib/acme.ts', line: 1, severity: 'high', fix: 'read it from process.env.ACME_TOKEN', title: 'ACME internal API token' },
    ]);
    expect(custom[0]!.secret).not.toContain(token.slice(6, -4));
    // The built-in rules still run next to it.
    expect(brief(run.findings.filter((f) => f.ruleId !== 'acme-token'))).toEqual([{ file: 'sub/app.ts', ruleId: LIVE, secret: shown(key), severity: 'critical' }]);
    // Without the config the token is not found: the finding above is the custom rule's.
    rmSync(repo.path('secretguard.config.json'));
    expect(cliJson(repo.dir, ['scan']).findings.filter((f) => f.file === 'lib/acme.ts')).toEqual([]);
  });
});

describe('rules: off, severities, failOn, and the rules command', () => {
  /** A repository with a live key (critical) and a test key (medium) in one file. */
  function twoKeys(label: string, config?: unknown) {
    const repo = project(label);
    const live = liveKey();
    const test = testKey();
    repo.write('src/keys.ts', codeLine('live', live) + codeLine('test', test));
    if (config !== undefined) repo.write('secretguard.config.json', JSON.stringify(config));
    return { repo, live, test };
  }

  it('both keys are found without a config', () => {
    const { repo, live, test } = twoKeys('rules-none');
    const run = cliJson(repo.dir, ['scan']);
    expect(brief(run.findings)).toEqual([
      { file: 'src/keys.ts', ruleId: LIVE, secret: shown(live), severity: 'critical' },
      { file: 'src/keys.ts', ruleId: TEST, secret: shown(test), severity: 'medium' },
    ]);
    expect(run.status).toBe(1);
  });

  it.each([false, 'off'])('a rule set to %j reports nothing (the others still do)', (setting) => {
    const { repo, test } = twoKeys('rules-off', { rules: { [LIVE]: setting } });
    const run = cliJson(repo.dir, ['scan']);
    expect(brief(run.findings)).toEqual([{ file: 'src/keys.ts', ruleId: TEST, secret: shown(test), severity: 'medium' }]);
  });

  it('both rules off: exit 0, no secrets found', () => {
    const { repo } = twoKeys('rules-alloff', { rules: { [LIVE]: false, [TEST]: 'off' } });
    const result = cli(repo.dir, ['scan']);
    expect(result.stdout).toContain('no secrets found');
    expect(result.status).toBe(0);
  });

  it('a changed severity shows in the JSON report and its summary', () => {
    const { repo } = twoKeys('rules-sev', { rules: { [LIVE]: 'medium', [TEST]: 'high' } });
    const run = cliJson(repo.dir, ['scan']);
    expect(run.findings.map((f) => [f.ruleId, f.severity])).toEqual([
      [LIVE, 'medium'],
      [TEST, 'high'],
    ]);
    expect(run.summary.bySeverity).toEqual({ critical: 0, high: 1, medium: 1, low: 0 });
  });

  it('failOn "critical": a medium-only finding is printed and exits 0', () => {
    const { repo, test } = twoKeys('rules-failon', { rules: { [LIVE]: false }, failOn: 'critical' });
    const result = cli(repo.dir, ['scan']);
    expect(result.stdout).toContain(shown(test));
    expect(result.stdout).toMatch(/src\/keys\.ts:2:\d+\s+medium/);
    expect(result.stdout).toContain('1 finding (1 medium)');
    expect(result.status).toBe(0);
    const run = cliJson(repo.dir, ['scan']);
    expect(run.findings.map((f) => f.ruleId)).toEqual([TEST]);
    expect(run.status).toBe(0);
  });

  it('failOn "critical" still exits 1 on a critical finding; failOn "medium" exits 1 on a medium one', () => {
    const { repo } = twoKeys('rules-failon2', { failOn: 'critical' });
    expect(cli(repo.dir, ['scan']).status).toBe(1);
    repo.write('secretguard.config.json', JSON.stringify({ rules: { [LIVE]: false }, failOn: 'medium' }));
    expect(cli(repo.dir, ['scan']).status).toBe(1);
  });

  it('failOn applies to `staged` too', () => {
    const repo = project('rules-failon-staged');
    repo.write('secretguard.config.json', JSON.stringify({ failOn: 'critical' }));
    const test = testKey();
    repo.write('src/pay.ts', codeLine('test', test));
    repo.git('add', '--', 'src/pay.ts');
    const result = cli(repo.dir, ['staged']);
    expect(result.stdout).toContain(shown(test));
    expect(result.status).toBe(0);
  });

  const ids = builtinRules.map((r) => r.id);

  it('`secretguard rules` lists every rule id, one per line, then the project checks', () => {
    const result = cli(project('rules-list').dir, ['rules']);
    expect(result.status).toBe(0);
    const [rules, checks] = result.stdout.trimEnd().split('\n\nproject checks:\n');
    expect(rules!.split('\n').map((line) => line.split(/\s+/)[0])).toEqual(ids);
    expect(checks!.split('\n').map((line) => line.split(/\s+/)[0])).toEqual([...projectChecks, ...fileChecks].map((c) => c.id));
  });

  it('`secretguard rules --format json` lists every rule id with its severity', () => {
    const result = cli(project('rules-json').dir, ['rules', '--format', 'json']);
    expect(result.status).toBe(0);
    const parsed = JSON.parse(result.stdout) as { version: number; rules: { id: string; severity: string }[] };
    expect(parsed.version).toBe(1);
    expect(parsed.rules.map((r) => r.id)).toEqual(ids);
    expect(parsed.rules.map((r) => r.severity)).toEqual(builtinRules.map((r) => r.severity));
  });
});

describe('allowlists are counted, never silent', () => {
  it('allow.paths: a glob such as docs/** suppresses, and the summary counts it', () => {
    const repo = project('allow-paths');
    const inDocs = liveKey();
    const inSrc = liveKey();
    mkdirSync(repo.path('docs/guide'), { recursive: true });
    repo.write('docs/guide/setup.md', `Use ${inDocs} in the dashboard.\n`);
    repo.write('src/app.ts', codeLine('key', inSrc));
    repo.write('secretguard.config.json', JSON.stringify({ allow: { paths: ['docs/**'] } }));
    const run = cliJson(repo.dir, ['scan']);
    expect(brief(run.findings)).toEqual([{ file: 'src/app.ts', ruleId: LIVE, secret: shown(inSrc), severity: 'critical' }]);
    expect(run.summary.suppressed).toEqual({ inline: 0, allowlist: 1, baseline: 0 });
    expect(cli(repo.dir, ['scan']).stdout).toContain('1 allowlisted');
  });

  it('allow.paths globs are relative to the repository root, wherever `scan` runs', () => {
    const repo = project('allow-paths-sub');
    repo.write('docs/setup.md', `Use ${liveKey()} in the dashboard.\n`);
    const inSrc = liveKey();
    repo.write('src/app.ts', codeLine('key', inSrc));
    repo.write('secretguard.config.json', JSON.stringify({ allow: { paths: ['docs/**'] } }));
    const fromDocs = cliJson(repo.path('docs'), ['scan']);
    expect(fromDocs.findings).toEqual([]);
    expect(fromDocs.status).toBe(0);
    // And a glob naming a root file does not allow a same-named file of a subfolder scanned alone.
    repo.write('secretguard.config.json', JSON.stringify({ allow: { paths: ['app.ts'] } }));
    expect(brief(cliJson(repo.path('src'), ['scan']).findings)).toEqual([{ file: 'app.ts', ruleId: LIVE, secret: shown(inSrc), severity: 'critical' }]);
  });

  it('allow.paths also applies to `staged`', () => {
    const repo = project('allow-paths-staged');
    repo.write('secretguard.config.json', JSON.stringify({ allow: { paths: ['docs/**'] } }));
    repo.write('docs/setup.md', `Use ${liveKey()} in the dashboard.\n`);
    repo.git('add', '--', 'docs/setup.md');
    const run = cliJson(repo.dir, ['staged']);
    expect(run.findings).toEqual([]);
    expect(run.status).toBe(0);
    // Without the allowlist the same index is blocked.
    rmSync(repo.path('secretguard.config.json'));
    expect(cli(repo.dir, ['staged']).status).toBe(1);
  });

  it('allow.regexes are matched against the secret', () => {
    const repo = project('allow-regex');
    const live = liveKey();
    const test = testKey();
    repo.write('src/keys.ts', codeLine('live', live) + codeLine('test', test));
    repo.write('secretguard.config.json', JSON.stringify({ allow: { regexes: ['^sk_test_'] } }));
    const run = cliJson(repo.dir, ['scan']);
    expect(brief(run.findings)).toEqual([{ file: 'src/keys.ts', ruleId: LIVE, secret: shown(live), severity: 'critical' }]);
    expect(run.summary.suppressed.allowlist).toBe(1);
    expect(cli(repo.dir, ['scan']).stdout).toContain('1 allowlisted');
  });

  it('allow.regexes do not match the line around the secret', () => {
    const repo = project('allow-regex-line');
    const live = liveKey();
    repo.write('src/keys.ts', codeLine('fixtureOnly', live));
    repo.write('secretguard.config.json', JSON.stringify({ allow: { regexes: ['fixtureOnly'] } }));
    const run = cliJson(repo.dir, ['scan']);
    expect(brief(run.findings)).toEqual([{ file: 'src/keys.ts', ruleId: LIVE, secret: shown(live), severity: 'critical' }]);
    expect(run.summary.suppressed.allowlist).toBe(0);
  });

  it('allow.stopwords: a secret containing one (any case) is not reported, and is counted', () => {
    const repo = project('allow-stop');
    const plain = liveKey();
    const base = liveKey();
    const withWord = `${base.slice(0, 20)}QaFixture${base.slice(29)}`;
    repo.write('src/keys.ts', codeLine('a', plain) + codeLine('b', withWord));
    // Without the stopword both are reported.
    expect(cliJson(repo.dir, ['scan']).findings).toHaveLength(2);
    repo.write('secretguard.config.json', JSON.stringify({ allow: { stopwords: ['qafixture'] } }));
    const run = cliJson(repo.dir, ['scan']);
    expect(brief(run.findings)).toEqual([{ file: 'src/keys.ts', ruleId: LIVE, secret: shown(plain), severity: 'critical' }]);
    expect(run.summary.suppressed.allowlist).toBe(1);
    expect(cli(repo.dir, ['scan']).stdout).toContain('1 allowlisted');
  });

  it.each(['secretguard:allow', 'gitleaks:allow', 'pragma: allowlist secret'])('inline `%s` suppresses and is counted in suppressed.inline', (marker) => {
    const repo = project('allow-inline');
    const allowed = liveKey();
    const reported = liveKey();
    repo.write('src/keys.ts', `export const a = '${allowed}'; // ${marker}\n` + codeLine('b', reported));
    const run = cliJson(repo.dir, ['scan']);
    expect(brief(run.findings)).toEqual([{ file: 'src/keys.ts', ruleId: LIVE, secret: shown(reported), severity: 'critical' }]);
    expect(run.summary.suppressed).toEqual({ inline: 1, allowlist: 0, baseline: 0 });
    expect(cli(repo.dir, ['scan']).stdout).toContain('1 allowed inline');
  });

  it('all three inline markers in one file: three counted, exit 0', () => {
    const repo = project('allow-inline3');
    repo.write(
      'config.py',
      [`A = "${liveKey()}"  # secretguard:allow`, `B = "${liveKey()}"  # gitleaks:allow`, `C = "${liveKey()}"  # pragma: allowlist secret`, ''].join('\n'),
    );
    const run = cliJson(repo.dir, ['scan']);
    expect(run.findings).toEqual([]);
    expect(run.summary.suppressed.inline).toBe(3);
    expect(run.status).toBe(0);
  });
});

describe('maxFileSize from the config', () => {
  it('a file larger than maxFileSize is skipped and named', () => {
    const repo = project('cfg-size');
    repo.write('big.ts', codeLine('k', liveKey()) + '// '.padEnd(4000, 'x') + '\n');
    repo.write('secretguard.config.json', JSON.stringify({ maxFileSize: 1000 }));
    const run = cliJson(repo.dir, ['scan']);
    expect(run.findings).toEqual([]);
    expect(run.summary.skipped.tooLarge).toEqual(['big.ts']);
    // The flag wins over the config.
    expect(cliJson(repo.dir, ['scan', '--max-file-size', '100000']).findings).toHaveLength(1);
    writeFileSync(repo.path('secretguard.config.json'), '{}');
    expect(cliJson(repo.dir, ['scan']).findings).toHaveLength(1);
  });
});
