// Memory: peak RSS of `secretguard scan .` on a large work tree (--mem-mb, default 500 MB), from
// the working-tree generator: many ordinary files, a few large ones, keys planted.

import { BYTES_PER_FILE, workingTreeCorpus } from '../corpus.js';
import { printsFindings } from '../measure.js';
import { skipped } from './staged.js';
import { checkFindings } from './working-tree.js';

export default {
  id: 'memory',
  async setup(ctx) {
    if (ctx.memMb === undefined) return skipped('Memory: peak RSS of a large working-tree scan', 'not under --smoke (pass --mem-mb N or --only memory)', 'secretguard scan .');
    const files = Math.round((ctx.memMb * 1e6) / BYTES_PER_FILE);
    const corpus = workingTreeCorpus({ baseDir: ctx.baseDir, files, seed: ctx.seed, rules: ctx.rules });
    const { repo } = corpus;
    const notes = ['target: secretguard scan peak RSS < 200 MB'];
    // Slow rows: a few runs are enough for a peak RSS (it hardly varies); the check run warms the page cache.
    const maxRuns = Math.min(ctx.runs, 3);
    return {
      title: `Memory: working tree of ${corpus.files.toLocaleString('en-US')} files, ${(corpus.bytes / 1e6).toFixed(1)} MB${corpus.cached ? '' : ' (generated now)'}`,
      reference: 'cat',
      files: corpus.files,
      bytes: corpus.bytes,
      rows: [
        {
          id: 'cat',
          label: 'cat every file (read the bytes)',
          cmd: 'sh',
          args: ['-c', 'find . -path ./.git -prune -o -type f -exec cat {} + > /dev/null'],
          cwd: repo,
          expect: [0],
          maxRuns,
          warmup: false,
        },
        { id: 'secretguard', label: 'secretguard scan .', cmd: ctx.node, args: [ctx.bin, 'scan', '.'], cwd: repo, node: true, expect: [1], verify: printsFindings, maxRuns, warmup: false },
      ],
      ratios: [['secretguard', 'cat']],
      notes,
      check: (run) => checkFindings(ctx, corpus, run, notes),
    };
  },
};
