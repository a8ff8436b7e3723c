import type { Argv } from 'yargs';
import { UsageError } from '../errors.js';
import type { ProjectSettings } from '../config/project.js';

/** --config and --baseline, shared by every scanning command. */
export function withProjectOptions<T>(yargs: Argv<T>) {
  return yargs
    .option('config', { alias: 'c', type: 'string', describe: 'config file (default: secretguard.config.json, .secretguardrc.json or package.json "secretguard" at the repository root)' })
    .option('baseline', { type: 'string', describe: 'baseline file (default: .secretguard-baseline.json at the repository root); --no-baseline ignores it' })
    .option('verbose', { type: 'boolean', default: false, describe: 'log what was decided and skipped to stderr' });
}

export async function projectSettings(
  from: string,
  args: { config?: string; baseline?: string | boolean; verbose?: boolean },
): Promise<ProjectSettings> {
  const [{ loadProject }, log] = await Promise.all([import('../config/project.js'), import('./debug-log.js')]);
  log.enableDebugLog(args.verbose === true);
  const baselinePath = args.baseline === false ? false : typeof args.baseline === 'string' ? args.baseline : undefined;
  const settings = await loadProject({ from, configPath: args.config, baselinePath });
  await log.debugSettings(settings);
  return settings;
}

export const MAX_FILE_SIZE_OPTION = {
  type: 'number',
  describe: 'skip files larger than this many bytes (default 10 MB, or maxFileSize in the config)',
  coerce: (value: number) => {
    if (!Number.isInteger(value) || value <= 0) throw new UsageError('--max-file-size takes a whole number of bytes above 0');
    return value;
  },
} as const;
