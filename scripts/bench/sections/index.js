// The bench's sections, in the order they run and print. A section is
//   { id, setup(ctx) => { title, reference, rows, ratios, files?, bytes?, repeat?, notes, check? } }
// where each row is { id, label, cmd, args, cwd?, env?, node?, expect: [exit codes], skip?: reason,
// maxRuns?, warmup?, verify?(result) => problem | undefined } and each ratio is [numerator row id, denominator row id]. `check(run)` runs
// before timing and throws a BenchError when the tool's output is wrong. `repeat` multiplies --runs
// for cheap, noisy rows; `files`/`bytes` give the files/s and MB/s columns. To add one, write a
// module like working-tree.js (its data in corpus.js or git-corpus.js) and list it here.

import history from './history.js';
import memory from './memory.js';
import staged from './staged.js';
import startup from './startup.js';
import workingTree from './working-tree.js';

export const sections = [workingTree, startup, staged, history, memory];
