// The reference tools: found when present, never required.

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

/** ripgrep on PATH: { bin, version } or undefined. */
export function findRipgrep() {
  const probe = spawnSync('rg', ['--version'], { encoding: 'utf8' });
  if (probe.status !== 0) return undefined;
  return { bin: 'rg', version: probe.stdout.split('\n')[0].replace(/^ripgrep\s*/, '') };
}

/**
 * secretlint plus @secretlint/secretlint-rule-preset-recommend, installed in the project's
 * node_modules (or in `extraDir`'s, for a copy installed elsewhere): { bin, version, dir } or undefined.
 */
export function findSecretlint(projectRoot, extraDir) {
  for (const base of [projectRoot, extraDir].filter(Boolean)) {
    const require = createRequire(join(resolve(base), 'noop.js'));
    try {
      const pkgPath = require.resolve('secretlint/package.json');
      require.resolve('@secretlint/secretlint-rule-preset-recommend/package.json');
      const pkg = JSON.parse(readFileSync(pkgPath, 'utf8'));
      const binRel = typeof pkg.bin === 'string' ? pkg.bin : pkg.bin?.secretlint;
      const bin = join(dirname(pkgPath), binRel ?? 'bin/secretlint.js');
      if (existsSync(bin)) return { bin, version: pkg.version, dir: resolve(base) };
    } catch {
      // not installed here
    }
  }
  return undefined;
}

/** A regex (Rust syntax, as rg takes it) matching any keyword: the engine's own prefilter. */
export function keywordRegex(keywords) {
  const escape = (k) => k.replace(/[\\.+*?()|[\]{}^$#&\-~]/g, '\\$&');
  return [...new Set(keywords)].sort((a, b) => b.length - a.length).map(escape).join('|');
}
