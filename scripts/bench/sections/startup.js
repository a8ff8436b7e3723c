// Start-up: what a pre-commit hook pays on every commit before any scanning, beside Node's own.

import { startupCorpus } from '../corpus.js';

export default {
  id: 'startup',
  async setup(ctx) {
    const { repo } = startupCorpus({ baseDir: ctx.baseDir });
    return {
      title: 'Start-up',
      reference: 'node',
      repeat: 3, // cheap rows, noisy numbers: three times the runs (not under --smoke)
      rows: [
        { id: 'node', label: 'node -e 0', cmd: ctx.node, args: ['-e', '0'], node: true, expect: [0] },
        { id: 'version', label: 'secretguard --version', cmd: ctx.node, args: [ctx.bin, '--version'], node: true, expect: [0] },
        { id: 'scan', label: 'secretguard scan . (1 small file)', cmd: ctx.node, args: [ctx.bin, 'scan', '.'], cwd: repo, node: true, expect: [0] },
      ],
      ratios: [
        ['version', 'node'],
        ['scan', 'node'],
      ],
      notes: [],
    };
  },
};
