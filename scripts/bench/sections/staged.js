// Pre-commit: `secretguard staged` on 10 staged files of a 10,000-file repository (what the hook
// costs on every commit), beside Node's own start-up and the git command that lists the files.

import { hasGit } from '../corpus.js';
import { BenchError } from '../errors.js';
import { precommitCorpus, stagePrecommit } from '../git-corpus.js';
import { printsFindings } from '../measure.js';

/** Git rows run against the bench repository, whatever repository the bench was started in. */
export const NO_GIT_ENV = { GIT_DIR: undefined, GIT_WORK_TREE: undefined, GIT_INDEX_FILE: undefined };

export default {
  id: 'staged',
  async setup(ctx) {
    const title = `Pre-commit: 10 staged files in a ${ctx.stagedRepoFiles.toLocaleString('en-US')}-file repository`;
    if (!hasGit()) return skipped(title, 'git is not on PATH', 'secretguard staged');
    const corpus = precommitCorpus({ baseDir: ctx.baseDir, files: ctx.stagedRepoFiles, seed: ctx.seed, rules: ctx.rules });
    // Staged scans never touch the repository: staging once per invocation keeps every run identical.
    const planted = stagePrecommit(corpus, ctx.rules);
    const { repo } = corpus;
    const notes = ['target: secretguard staged ≤ 1.5× node -e 0'];
    return {
      title: `${title} (${(corpus.bytes / 1e6).toFixed(1)} MB)${corpus.cached ? '' : ' (generated now)'}`,
      reference: 'node',
      repeat: 3, // cheap rows, noisy numbers: three times the runs (not under --smoke)
      rows: [
        { id: 'node', label: 'node -e 0', cmd: ctx.node, args: ['-e', '0'], node: true, expect: [0] },
        { id: 'git-diff', label: 'git diff --cached --name-only', cmd: 'git', args: ['diff', '--cached', '--name-only'], cwd: repo, env: NO_GIT_ENV, expect: [0] },
        { id: 'staged', label: 'secretguard staged', cmd: ctx.node, args: [ctx.bin, 'staged'], cwd: repo, env: NO_GIT_ENV, node: true, expect: [1], verify: printsFindings }, // a key is staged
      ],
      ratios: [
        ['staged', 'node'],
        ['staged', 'git-diff'],
      ],
      notes,
      check: async (run) => {
        const result = await run({ cmd: ctx.node, args: [ctx.bin, 'staged', '--format', 'json'], cwd: repo, env: NO_GIT_ENV, node: true, stdout: 'keep' });
        const report = parseReport('secretguard staged', result);
        expectExactly('secretguard staged', report.findings, planted, (f) => `${f.file}:${f.line} ${f.ruleId}`);
        notes.push(`secretguard staged reported the planted key and nothing else (${report.summary.filesScanned} files scanned)`);
      },
    };
  },
};

/** A plan whose every row is skipped, with the reason. */
export function skipped(title, reason, label) {
  return { title, reference: undefined, rows: [{ id: 'none', label, skip: reason, expect: [0] }], ratios: [], notes: [] };
}

/** The JSON report of a run expected to exit 1 (a key is planted). */
export function parseReport(what, result) {
  if (result.code !== 1) throw new BenchError(`${what} --format json exited ${result.code ?? result.signal}, expected 1 (a key is planted)`, result.stderr.slice(-4000));
  try {
    return JSON.parse(result.stdout);
  } catch (error) {
    throw new BenchError(`${what} --format json printed invalid JSON: ${error.message}`, result.stdout.slice(0, 2000));
  }
}

/** Fail loudly unless `findings` is exactly the one `planted` key (compared by `at`). */
export function expectExactly(what, findings, planted, at) {
  if (findings.length === 1 && at(findings[0]) === at(planted)) return;
  throw new BenchError(
    `${what} should report exactly the planted key, but reported ${findings.length} finding(s)`,
    `  planted: ${at(planted)}\n  reported:\n${findings.map((f) => `    ${at(f)}`).join('\n') || '    (nothing)'}`,
  );
}
