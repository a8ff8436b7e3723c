import { join } from 'node:path';
import type { Argv } from 'yargs';
import { projectSettings, scanSettings, withProjectOptions } from '../project-options.js';

export const command = 'baseline [path]';
export const describe = 'Record the current findings so that only new ones are reported';

export function builder(yargs: Argv) {
  return withProjectOptions(yargs)
    .positional('path', { type: 'string', default: '.', describe: 'folder to scan' })
    .option('output', { alias: 'o', type: 'string', describe: 'baseline file (default .secretguard-baseline.json at the repository root)' })
    .option('history', { type: 'boolean', describe: 'record what the whole history holds, not only the current files' })
    .option('max-file-size', { type: 'number', describe: 'skip files larger than this many bytes (default 10 MB)' });
}

type Args = Awaited<ReturnType<typeof builder>['argv']>;

export async function handler(args: Args): Promise<number> {
  const { scan, scanCommits } = await import('../../scan.js');
  const { entryOf, writeBaseline, BASELINE_FILE } = await import('../../suppressions/baseline.js');
  const settings = await projectSettings(args.path, { config: args.config, baseline: false });
  const options = scanSettings(settings, args['max-file-size']);
  const result = args.history ? await scanCommits({ history: true }, { ...options, cwd: args.path }) : await scan({ ...options, path: args.path });
  const output = args.output ?? join(settings.root, BASELINE_FILE);
  await writeBaseline(output, result.findings.map(entryOf));
  process.stdout.write(`secretguard: recorded ${result.findings.length} finding(s) in ${output}\n`);
  return 0;
}
