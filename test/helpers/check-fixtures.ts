import { mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { afterAll, expect } from 'vitest';
import { checkKeywords, checkRunsOn, type CheckHit, type FileCheck } from '../../src/checks/check.js';
import { builtinRules } from '../../src/rules/index.js';
import { checkContext } from './classify.js';
import { ROOT } from './cli.js';

/**
 * The check fixtures (fixtures/checks/<case>/) rendered for the tests. Same template convention
 * as scripts/render-fixture.js (fixtures/README.md): `{{secret:RULE_ID}}` slots filled with the
 * rule's `samples.valid()[0].secret`, and a leading `_` in a file or folder name rendered as `.`.
 * It renders from the rules in src/ rather than dist/, so these tests need no build step and
 * always see the rules as they are being edited.
 */

export const CHECK_FIXTURES = join(ROOT, 'fixtures', 'checks');

const SLOT = /\{\{secret:([^{}]*)\}\}/g;
const rulesById = new Map(builtinRules.map((rule) => [rule.id, rule]));

export interface Planted {
  ruleId: string;
  secret: string;
  /** POSIX path relative to the rendered folder. */
  file: string;
}

export interface RenderedCase {
  dir: string;
  /** Every rendered file, POSIX, relative to `dir`, sorted. */
  files: string[];
  secrets: Planted[];
  read(file: string): string;
  cleanup(): void;
}

function renderedName(name: string): string {
  return name.startsWith('_') ? '.' + name.slice(1) : name;
}

function fill(text: string, file: string, secrets: Planted[]): string {
  const out = text.replace(SLOT, (_slot, ruleId: string) => {
    const rule = rulesById.get(ruleId);
    if (!rule) throw new Error(`${file}: unknown rule id in slot {{secret:${ruleId}}}`);
    const sample = rule.samples.valid()[0];
    if (!sample) throw new Error(`${file}: rule ${ruleId} has no valid sample`);
    secrets.push({ ruleId, secret: sample.secret, file });
    return sample.secret;
  });
  if (out.includes('{{secret:')) throw new Error(`${file}: malformed {{secret:…}} slot`);
  return out;
}

/** Render fixtures/checks/<name> into `outDir` (default: a fresh temporary folder). */
export function renderCase(name: string, outDir?: string): RenderedCase {
  const template = join(CHECK_FIXTURES, name);
  const dir = outDir ?? mkdtempSync(join(realpathSync(tmpdir()), `secretguard-check-${name}-`));
  const files: string[] = [];
  const secrets: Planted[] = [];
  const walk = (from: string, to: string, rel: string) => {
    mkdirSync(to, { recursive: true });
    for (const entry of readdirSync(from, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const renamed = renderedName(entry.name);
      const relPath = rel ? posix.join(rel, renamed) : renamed;
      if (entry.isDirectory()) walk(join(from, entry.name), join(to, renamed), relPath);
      else {
        writeFileSync(join(to, renamed), fill(readFileSync(join(from, entry.name), 'utf8'), relPath, secrets));
        files.push(relPath);
      }
    }
  };
  walk(template, dir, '');
  return {
    dir,
    files: files.sort(),
    secrets,
    read: (file) => readFileSync(join(dir, file), 'utf8'),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** `renderCase` into a fresh temporary folder, removed after the enclosing suite (call it in a describe body). */
export function useCase(name: string): RenderedCase {
  const rendered = renderCase(name);
  afterAll(() => rendered.cleanup());
  return rendered;
}

export interface FileHits {
  file: string;
  text: string;
  hits: CheckHit[];
}

/** Run a file check the way the engine will: `appliesTo` first, then `run`, on every file of the case. */
export function runOnCase(check: FileCheck, rendered: RenderedCase): FileHits[] {
  const out: FileHits[] = [];
  for (const file of rendered.files) {
    const text = rendered.read(file);
    if (!runsOn(check, file, text)) continue;
    const hits = check.run(file, text, checkContext);
    if (hits.length > 0) out.push({ file, text, hits });
  }
  return out;
}

/** Run a file check on one text as if it were `path`. */
export function runOn(check: FileCheck, path: string, text: string): CheckHit[] {
  return runsOn(check, path, text) ? check.run(path, text, checkContext) : [];
}

function runsOn(check: FileCheck, path: string, text: string): boolean {
  const keywords = checkKeywords(check, checkContext);
  return checkRunsOn(check, path, keywords.length === 0 || keywords.some((keyword) => text.includes(keyword)));
}

/** `file: key` for each hit, sorted: a compact expectation. */
export function hitKeys(results: readonly FileHits[]): string[] {
  return results.flatMap((r) => r.hits.map((h) => `${r.file}: ${h.key}`)).sort();
}

/** The text a hit points at. */
export function hitText(result: FileHits, hit: CheckHit): string {
  return result.text.slice(hit.start, hit.end);
}

/** Messages and fixes never carry a secret (or its hidden middle); offsets lie inside the text. */
export function expectSafeHits(results: readonly FileHits[], secrets: readonly { secret: string }[]): void {
  for (const { file, text, hits } of results) {
    for (const hit of hits) {
      expect(hit.start, `${file} ${hit.key}`).toBeGreaterThanOrEqual(0);
      expect(hit.end, `${file} ${hit.key}`).toBeGreaterThanOrEqual(hit.start);
      expect(hit.end, `${file} ${hit.key}`).toBeLessThanOrEqual(text.length);
      expect(hit.key.length).toBeGreaterThan(0);
      for (const { secret } of secrets) {
        const middle = secret.slice(8, -4);
        for (const field of [hit.message ?? '', hit.fix ?? '', hit.key]) {
          expect(field).not.toContain(secret);
          if (middle.length >= 8) expect(field).not.toContain(middle);
        }
      }
    }
  }
}
