import type { Argv } from 'yargs';
import { FORMATS, type Format } from '../../reporters/formats.js';
import { UsageError } from '../../errors.js';
import type { ProjectSettings } from '../../config/project.js';
import type { ScanResult } from '../../types.js';
import { MAX_FILE_SIZE_OPTION, projectSettings, withProjectOptions } from '../project-options.js';

export const command = 'scan [path]';
export const describe = 'Scan a folder, a file, or - for standard input';

export function builder(yargs: Argv) {
  return withProjectOptions(yargs)
    .positional('path', { type: 'string', default: '.', describe: 'folder or file to scan; - reads standard input' })
    .option('format', { alias: 'f', choices: FORMATS, default: 'text' as Format, describe: 'report format' })
    .option('output', { alias: 'o', type: 'string', describe: 'write the report to this file' })
    .option('stdin', { type: 'boolean', default: false, describe: 'scan standard input (same as - for path)' })
    .option('stdin-name', { type: 'string', default: 'stdin', describe: 'file name to give standard input' })
    .option('max-file-size', MAX_FILE_SIZE_OPTION)
    .option('range', { type: 'string', describe: 'scan what the commits of BASE..HEAD add (with their commit, author, date)' })
    .option('history', { type: 'boolean', describe: 'scan what every commit of every ref ever added' })
    .conflicts('range', 'history')
    .option('prune', { type: 'boolean', default: false, describe: 'remove baseline entries that no longer match anything' })
    .option('allow-incomplete', { type: 'boolean', default: false, describe: 'exit 0/1 even when some files could not be read' });
}

type Args = Awaited<ReturnType<typeof builder>['argv']>;

export async function handler(args: Args): Promise<number> {
  const [{ scan, scanCommits }, { scanOptionsOf }, { report }] = await Promise.all([
    import('../../scan.js'),
    import('../../config/project.js'),
    import('../report.js'),
  ]);
  const stdin = args.stdin || args.path === '-';
  const settings = await projectSettings(stdin ? '.' : args.path, args);
  const options = scanOptionsOf(settings, args['max-file-size']);
  const result =
    args.range !== undefined || args.history
      ? await scanCommits(args.range !== undefined ? { range: args.range } : { history: true }, {
          ...options,
          cwd: await gitFolder(args.path),
          onProgress: await progressLine(args.path, args.range),
        })
      : await scan({ ...options, path: stdin ? '-' : args.path, stdinName: args['stdin-name'] });
  if (args.prune) await prune(settings, result);
  return report(result, { format: args.format, output: args.output, allowIncomplete: args['allow-incomplete'], failOn: settings.failOn });
}

async function prune(settings: ProjectSettings, result: ScanResult): Promise<void> {
  if (!settings.baseline) throw new UsageError('--prune needs a baseline (none found at the repository root)');
  const { writeBaseline } = await import('../../suppressions/baseline.js');
  const stale = new Set(result.unmatchedBaseline ?? []);
  await writeBaseline(settings.baseline.path, settings.baseline.entries.filter((e) => !stale.has(e)));
  process.stderr.write(`secretguard: removed ${stale.size} stale entr${stale.size === 1 ? 'y' : 'ies'} from ${settings.baseline.path}\n`);
}

async function gitFolder(path: string): Promise<string> {
  const { stat } = await import('node:fs/promises');
  const stats = await stat(path).catch(() => undefined);
  if (!stats?.isDirectory()) throw new UsageError(`not a folder: ${path}`);
  return path;
}

/** `commits done / total` on stderr, only when a person is watching it. */
async function progressLine(cwd: string, range: string | undefined): Promise<((done: number) => void) | undefined> {
  if (!process.stderr.isTTY) return undefined;
  const { gitText } = await import('../../sources/git/run.js');
  const total = await gitText(['rev-list', '--count', ...(range ? ['--end-of-options', range] : ['--all'])], cwd).catch(() => '?');
  return (done) => {
    process.stderr.write(`\rsecretguard: ${done}/${total} commits`);
    if (String(done) === total) process.stderr.write('\n');
  };
}
