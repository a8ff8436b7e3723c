import type { ProjectSettings } from '../config/project.js';

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
