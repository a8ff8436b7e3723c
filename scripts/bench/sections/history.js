// History: `secretguard scan --history` of a 2,000-commit repository, beside `git log -p --all`
// (the cost of producing every patch at all) and the exact git log secretguard reads.

import { hasGit } from '../corpus.js';
import { historyCorpus } from '../git-corpus.js';
import { printsFindings } from '../measure.js';
import { expectExactly, NO_GIT_ENV, parseReport, skipped } from './staged.js';

/** The git log secretguard streams (src/sources/commits.ts with PATCH_ARGS and COMMIT_FORMAT): keep in step. */
const SECRETGUARD_LOG = [
  '-c', 'core.quotePath=false', '-c', 'color.ui=false',
  'log', '--reverse', '--format=%x00%H%x00%an <%ae>%x00%aI', '--cc',
  '-p', '-U0', '-M', '--full-index', '--no-color', '--no-ext-diff', '--no-textconv', '--no-relative', '--src-prefix=a/', '--dst-prefix=b/',
  '--all', '--',
];

export default {
  id: 'history',
  async setup(ctx) {
    const title = `History: ${ctx.commits.toLocaleString('en-US')} commits`;
    if (!hasGit()) return skipped(title, 'git is not on PATH', 'secretguard scan --history');
    const corpus = historyCorpus({ baseDir: ctx.baseDir, commits: ctx.commits, seed: ctx.seed, rules: ctx.rules });
    const { repo } = corpus;
    const [planted] = corpus.planted;
    const notes = ['target: secretguard scan --history ≤ 2× git log -p --all'];
    return {
      title: `${title}, ${corpus.merges} merges, ${corpus.branches} branches, ${corpus.files} files at HEAD${corpus.cached ? '' : ' (generated now)'}`,
      reference: 'git-log',
      rows: [
        { id: 'git-log', label: 'git log -p --all > /dev/null', cmd: 'sh', args: ['-c', 'git log -p --all > /dev/null'], cwd: repo, env: NO_GIT_ENV, expect: [0] },
        {
          id: 'git-log-sg',
          label: 'git log --reverse --cc -U0 -M … (what secretguard reads)',
          cmd: 'sh',
          args: ['-c', 'git "$@" > /dev/null', 'sh', ...SECRETGUARD_LOG],
          cwd: repo,
          env: NO_GIT_ENV,
          expect: [0],
        },
        { id: 'history', label: 'secretguard scan --history', cmd: ctx.node, args: [ctx.bin, 'scan', '--history'], cwd: repo, env: NO_GIT_ENV, node: true, expect: [1], verify: printsFindings }, // a key is in history
      ],
      ratios: [
        ['history', 'git-log'],
        ['history', 'git-log-sg'],
      ],
      notes,
      check: async (run) => {
        const result = await run({ cmd: ctx.node, args: [ctx.bin, 'scan', '--history', '--format', 'json'], cwd: repo, env: NO_GIT_ENV, node: true, stdout: 'keep' });
        const report = parseReport('secretguard scan --history', result);
        expectExactly('secretguard scan --history', report.findings, planted, (f) => `${f.file}:${f.line} ${f.ruleId} in ${f.commit}`);
        const { commitsScanned } = report.summary;
        notes.push(`secretguard reported the planted key once, at the commit that added it (${commitsScanned} commits scanned)`);
        if (commitsScanned !== corpus.commits) notes.push(`WARNING: secretguard scanned ${commitsScanned} of ${corpus.commits} commits`);
      },
    };
  },
};
