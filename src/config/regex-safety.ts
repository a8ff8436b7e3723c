import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Custom rules must run in linear time like the built-in ones. recheck (a ReDoS analyser) decides;
 * its pure-JS build takes up to a second per pattern, so verdicts are cached by pattern.
 */

type Verdict = { safe: true } | { safe: false; reason: string };

const CACHE = join(tmpdir(), 'secretguard-regex-safety-v1.json');

export async function checkRegexSafety(source: string, flags: string): Promise<Verdict> {
  const key = createHash('sha256').update(`${flags}/${source}`).digest('hex').slice(0, 24);
  const cache = await readCache();
  const cached = cache[key];
  if (cached) return cached;
  const verdict = await analyse(source, flags);
  cache[key] = verdict;
  await mkdir(tmpdir(), { recursive: true }).catch(() => undefined);
  await writeFile(CACHE, JSON.stringify(cache)).catch(() => undefined);
  return verdict;
}

async function readCache(): Promise<Record<string, Verdict>> {
  try {
    return JSON.parse(await readFile(CACHE, 'utf8')) as Record<string, Verdict>;
  } catch {
    return {};
  }
}

async function analyse(source: string, flags: string): Promise<Verdict> {
  try {
    new RegExp(source, flags);
  } catch (error) {
    return { safe: false, reason: `not a valid regular expression: ${(error as Error).message}` };
  }
  // The browser build is recheck's pure-JS engine: no worker, no JVM, no native binary, so it bundles.
  const recheck = (await import('recheck/lib/browser.js')) as RecheckModule & { default?: RecheckModule };
  const checkSync = recheck.checkSync ?? recheck.default!.checkSync;
  const diagnostics = checkSync(source, flags, { timeout: 10_000 });
  if (diagnostics.status === 'safe') return { safe: true };
  if (diagnostics.status === 'vulnerable') {
    const kind = diagnostics.complexity?.type ?? 'super-linear';
    return { safe: false, reason: `it can take ${kind} time on hostile input (for example ${diagnostics.attack?.pattern ?? 'a long repeated string'}); bound its quantifiers and avoid nested or adjacent ones over the same characters` };
  }
  return { safe: false, reason: 'recheck could not prove it runs in linear time; simplify it (bounded quantifiers, no nesting)' };
}

type RecheckModule = typeof import('recheck/lib/browser.js');
