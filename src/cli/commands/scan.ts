import type { Argv } from 'yargs';
import { FORMATS, type Format } from '../../reporters/index.js';
import { report } from '../report.js';

export const command = 'scan [path]';
export const describe = 'Scan a folder, a file, or - for standard input';

export function builder(yargs: Argv) {
  return yargs
    .positional('path', { type: 'string', default: '.', describe: 'folder or file to scan; - reads standard input' })
    .option('format', { alias: 'f', choices: FORMATS, default: 'text' as Format, describe: 'report format' })
    .option('output', { alias: 'o', type: 'string', describe: 'write the report to this file' })
    .option('stdin', { type: 'boolean', default: false, describe: 'scan standard input (same as - for path)' })
    .option('stdin-name', { type: 'string', default: 'stdin', describe: 'file name to give standard input' })
    .option('max-file-size', { type: 'number', describe: 'skip files larger than this many bytes (default 10 MB)' })
    .option('allow-incomplete', { type: 'boolean', default: false, describe: 'exit 0/1 even when some files could not be read' });
}

type Args = Awaited<ReturnType<typeof builder>['argv']>;

export async function handler(args: Args): Promise<number> {
  const { scan } = await import('../../scan.js');
  const result = await scan({ path: args.stdin ? '-' : args.path, stdinName: args['stdin-name'], maxFileSize: args['max-file-size'] });
  return report(result, { format: args.format, output: args.output, allowIncomplete: args['allow-incomplete'] });
}
