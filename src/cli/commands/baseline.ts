import { stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Argv } from 'yargs';
import { BASELINE_OPTIONS, type ArgsOf } from '../options.js';
import { projectSettings } from '../project-options.js';
import { withOptions } from '../yargs-options.js';

export const command = 'baseline [path]';
export const describe = 'Record the current findings so that only new ones are reported';

export function builder(yargs: Argv) {
  return withOptions(yargs, BASELINE_OPTIONS).positional('path', { type: 'string', default: '.', describe: 'folder to scan' });
}

export type BaselineArgs = ArgsOf<typeof BASELINE_OPTIONS> & { path: string };

/**
 * Paths in the baseline are from the project root. Recording a subfolder replaces only that
 * subfolder's (or one file's) entries; the rest of an existing baseline is kept.
 */
export async function handler(args: BaselineArgs): Promise<number> {
  const { posixRelative, scan, scanCommits, scannedFolder } = await import('../../scan.js');
  const { entryOf, loadBaseline, writeBaseline, BASELINE_FILE } = await import('../../suppressions/baseline.js');
  const { scanOptionsOf } = await import('../../config/project.js');
  const settings = await projectSettings(args.path, { config: args.config, baseline: false, verbose: args.verbose });
  const options = scanOptionsOf(settings, args['max-file-size']);
  const output = args.output ?? join(settings.root, BASELINE_FILE);
  const prefix = args.history ? '' : posixRelative(settings.root, await scannedFolder(args.path));
  const rooted = (file: string) => (prefix ? `${prefix}/${file}` : file);
  const oneFile = !args.history && (await stat(args.path).then((s) => s.isFile(), () => false)) ? rooted(basename(args.path)) : undefined;
  /** What this run re-records: one file, a subfolder, or everything. */
  const covers = (file: string) => (oneFile ? file === oneFile : prefix ? file.startsWith(`${prefix}/`) : true);
  const result = args.history ? await scanCommits({ history: true }, { ...options, cwd: args.path }) : await scan({ ...options, path: args.path });
  const recorded = result.findings.map((f) => entryOf({ ...f, file: rooted(f.file) }));
  const partial = oneFile !== undefined || prefix !== '';
  const kept = partial ? ((await loadBaseline(output, false))?.entries ?? []).filter((e) => !covers(e.file)) : [];
  await writeBaseline(output, [...kept, ...recorded]);
  process.stdout.write(`secretguard: recorded ${recorded.length} finding(s) in ${output}${kept.length ? ` (kept ${kept.length} entries it did not scan)` : ''}\n`);
  return 0;
}
