import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { UsageError } from '../errors.js';

export const CONFIG_FILES = ['secretguard.config.json', '.secretguardrc.json'] as const;

export interface LoadedConfig {
  /** Where it came from, for messages: a path, or `package.json#secretguard`. */
  source: string;
  config: import('./schema.js').Config;
}

/** The config at `explicit`, else the first of CONFIG_FILES or package.json "secretguard" in `root`. */
export async function loadConfig(root: string, explicit?: string): Promise<LoadedConfig | undefined> {
  if (explicit) {
    const text = await readFile(explicit, 'utf8').catch((error: NodeJS.ErrnoException) => {
      throw new UsageError(`cannot read config ${explicit}: ${error.code === 'ENOENT' ? 'no such file' : error.code ?? error.message}`);
    });
    return validate(explicit, parseJson(explicit, text));
  }
  for (const name of CONFIG_FILES) {
    const text = await readIfPresent(join(root, name), name);
    if (text !== undefined) return validate(name, parseJson(name, text));
  }
  const manifest = await readIfPresent(join(root, 'package.json'), 'package.json');
  if (manifest === undefined) return undefined;
  let pkg: unknown;
  try {
    pkg = JSON.parse(manifest);
  } catch {
    return undefined; // not ours to judge: a broken package.json is some other tool's error
  }
  if (pkg && typeof pkg === 'object' && 'secretguard' in pkg) return validate('package.json#secretguard', (pkg as { secretguard: unknown }).secretguard);
  return undefined;
}

/** A missing file is no config; one that exists but cannot be read is an error, never skipped. */
async function readIfPresent(path: string, name: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new UsageError(`cannot read ${name}: ${code ?? (error as Error).message}`);
  }
}

function parseJson(source: string, text: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new UsageError(`${basename(source)}: invalid JSON: ${(error as Error).message}`);
  }
}

async function validate(source: string, value: unknown): Promise<LoadedConfig> {
  const { configSchema } = await import('./schema.js');
  const parsed = configSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = issue.path.map(String).join('.');
    const detail =
      issue.code === 'unrecognized_keys'
        ? `unknown key ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`
        : issue.code === 'invalid_union'
          ? `expected one of ${issue.errors.flat().flatMap((e) => ('values' in e ? e.values : [])).map((v) => JSON.stringify(v)).join(', ')}`
          : issue.message;
    throw new UsageError(`${source}: ${key ? `${key}: ` : ''}${detail}`);
  }
  return { source, config: parsed.data };
}
