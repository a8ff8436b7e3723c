import { fastCommand } from './fast-command.js';

const argv = process.argv.slice(2);
process.exitCode = (await fastCommand(argv)) ?? (await (await import('./main.js')).main(argv));
