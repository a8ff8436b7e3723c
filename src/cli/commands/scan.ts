import type { Argv } from 'yargs';
import { UsageError } from '../../errors.js';
import type { ProjectSettings } from '../../config/project.js';
import type { ScanResult } from '../../types.js';
import { SCAN_CONFLICTS, SCAN_OPTIONS, type ArgsOf } from '../options.js';
import { projectSettings } from '../project-options.js';
import { withOptions } from '../yargs-options.js';

export const command = 'scan [path]';
export const describe = 'Scan a folder, a file, or - for standard input';

export function builder(yargs: Argv) {
  const built = withOptions(yargs, SCAN_OPTIONS).positional('path', { type: 'string', default: '.', describe: 'folder or file to scan; - reads standard input' });
  for (const [a, b] of SCAN_CONFLICTS) built.conflicts(a, b);
  return built;
}

export type ScanArgs = ArgsOf<typeof SCAN_OPTIONS> & { path: string };

export async function handler(args: ScanArgs): Promise<number> {
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
