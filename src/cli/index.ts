import { fastStaged } from './fast-staged.js';

const argv = process.argv.slice(2);
process.exitCode = (await fastStaged(argv)) ?? (await (await import('./main.js')).main(argv));
