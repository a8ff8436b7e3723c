import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { Script } from 'node:vm';

/**
 * `require(specifier)` for a large CommonJS dependency loaded on demand, through V8's code cache.
 *
 * Node 22 has `module.enableCompileCache()`; on Node 20 this does the same for Babel's parser,
 * which the pre-commit hook loads when a staged file needs a parse: compiling it and the parser
 * functions a first parse runs cost about 25 ms of the hook (measured), a cache hit about a third
 * of that. The cache is written when the process exits, so it holds every function the run
 * compiled, not only the top level.
 *
 * The cache lives in the project's `node_modules/.cache/secretguard/` (the convention of
 * babel-loader, eslint, ava), never in a shared temporary folder: what is in it runs as code.
 * Any failure (no cache, a stale or corrupt one, a read-only node_modules) falls back to a
 * plain compile; V8 itself rejects a cache made by another V8 version or for another source.
 */
export function requireCached(specifier: string): unknown {
  const require = createRequire(import.meta.url);
  const filename = require.resolve(specifier);
  // The project's node_modules (the first on the path): where npm, pnpm and npx keep their caches too.
  const at = filename.indexOf(`${sep}node_modules${sep}`);
  if (at < 0) return require(specifier);
  let source: string;
  let cacheFile: string;
  try {
    source = readFileSync(filename, 'utf8');
    const { size, mtimeMs } = statSync(filename);
    // Which file, which version of it, which Node: a new install or a Node upgrade gets a cache of its own.
    const key = `${specifier}-${size}-${Math.trunc(mtimeMs)}-${process.version}-${process.arch}`.replace(/[^A-Za-z0-9.]+/g, '-').replace(/^-/, '');
    cacheFile = join(filename.slice(0, at), 'node_modules', '.cache', 'secretguard', `${key}.v8`);
  } catch {
    return require(specifier);
  }
  const cachedData = readOrUndefined(cacheFile);
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename, ...(cachedData ? { cachedData } : {}) });
  const module = { exports: {} as unknown };
  (script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, createRequire(filename), module, filename, dirname(filename));
  if (!cachedData || script.cachedDataRejected) process.once('exit', () => writeCache(cacheFile, script));
  return module.exports;
}

function readOrUndefined(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

function writeCache(file: string, script: Script): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, script.createCachedData());
    renameSync(partial, file); // readers see a whole cache or none
  } catch {
    // A read-only node_modules: every run compiles, as without a cache.
  }
}
