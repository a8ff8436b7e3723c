import { parseArgs } from 'node:util';
import { FORMATS, type Format } from '../reporters/formats.js';
import { printError } from './print-error.js';

/**
 * The pre-commit hook runs `secretguard staged` on every commit, so its start-up counts: the hook's
 * few flags are parsed with Node's own `util.parseArgs`, without loading yargs (about 40 ms).
 * Anything it does not accept (help, a typo, a bad value) goes to yargs, for the usual messages.
 */
export async function fastStaged(argv: readonly string[]): Promise<number | undefined> {
  if (argv[0] !== 'staged') return undefined;
  let values;
  try {
    ({ values } = parseArgs({
      args: argv.slice(1),
      strict: true,
      allowPositionals: false,
      options: {
        'all-lines': { type: 'boolean' },
        format: { type: 'string', short: 'f' },
        output: { type: 'string', short: 'o' },
        'max-file-size': { type: 'string' },
        config: { type: 'string', short: 'c' },
        baseline: { type: 'string' },
        'no-baseline': { type: 'boolean' },
        verbose: { type: 'boolean' },
      },
    }));
  } catch {
    return undefined;
  }
  const format = (values.format ?? 'text') as Format;
  const maxFileSize = values['max-file-size'] === undefined ? undefined : Number(values['max-file-size']);
  if (!FORMATS.includes(format) || (maxFileSize !== undefined && !(Number.isInteger(maxFileSize) && maxFileSize > 0))) return undefined;
  const { handler } = await import('./commands/staged.js');
  const run = handler({
    'all-lines': values['all-lines'] ?? false,
    format,
    output: values.output,
    'max-file-size': maxFileSize,
    config: values.config,
    baseline: values['no-baseline'] ? false : values.baseline,
    verbose: values.verbose,
  });
  return run.catch(printError);
}
