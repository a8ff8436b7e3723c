import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANSI, runCliAsync } from './helpers/cli.js';
import { expectedRedaction, fixtureRepo, leaks, type FixtureRepo } from './helpers/fixture.js';

/**
 * No report, in any format or destination, may show more of a planted secret than its visible
 * part (the rule's prefix and the last four characters): not the secret, nor any longer piece.
 */

let repo: FixtureRepo;
const outputs: { name: string; text: string }[] = [];

beforeAll(async () => {
  repo = await fixtureRepo('redaction');
  const dir = repo.outDir;
  const runs: { name: string; args: string[]; input?: string; env?: Record<string, string>; file?: string }[] = [
    { name: 'text', args: ['scan', dir] },
    { name: 'text, coloured', args: ['scan', dir], env: { FORCE_COLOR: '1' } },
    { name: 'json', args: ['scan', dir, '--format', 'json'] },
  ];
  for (const format of ['text', 'json']) {
    const file = join(dir, '..', `report.${format}`);
    runs.push({ name: `${format} --output`, args: ['scan', dir, '--format', format, '--output', file], file });
  }
  for (const file of new Set(leaks(repo.secrets).map((s) => s.file))) {
    runs.push({ name: `stdin ${file}`, args: ['scan', '-', '--stdin-name', file, '--format', 'json'], input: repo.read(file) });
    runs.push({ name: `stdin ${file} text`, args: ['scan', '-', '--stdin-name', file], input: repo.read(file) });
  }
  const results = await Promise.all(runs.map((run) => runCliAsync(run.args, run)));
  runs.forEach((run, i) => {
    const result = results[i]!;
    expect(result.status, `${run.name}: ${result.stderr}`).toBe(1);
    outputs.push({ name: `${run.name} stdout`, text: result.stdout }, { name: `${run.name} stderr`, text: result.stderr });
    if (ANSI.test(result.stdout)) outputs.push({ name: `${run.name} stdout without escapes`, text: result.stdout.replace(new RegExp(ANSI.source, 'g'), '') });
    if (run.file) outputs.push({ name: `${run.name} file`, text: readFileSync(run.file, 'utf8') });
  });
});
afterAll(() => repo?.cleanup());

/** A piece as it would appear raw, and inside a JSON string (multi-line keys have escaped line breaks there). */
const variants = (piece: string) => [...new Set([piece, JSON.stringify(piece).slice(1, -1)])];

describe('redaction', () => {
  it('collected reports that do mention the leaks', () => {
    const json = outputs.find((o) => o.name === 'json stdout')!;
    for (const s of leaks(repo.secrets)) expect(json.text).toContain(JSON.stringify(expectedRedaction(s.ruleId, s.secret).redacted));
  });

  it('no output holds a full planted secret', () => {
    const found: string[] = [];
    for (const s of repo.secrets) {
      for (const { name, text } of outputs) if (variants(s.secret).some((v) => text.includes(v))) found.push(`${s.ruleId} (${s.file}) in ${name}`);
    }
    expect(found).toEqual([]);
  });

  it('no output holds any piece of a secret longer than its visible part', () => {
    const found: string[] = [];
    for (const s of repo.secrets) {
      const width = expectedRedaction(s.ruleId, s.secret).visible + 1;
      for (let i = 0; i + width <= s.secret.length; i++) {
        const pieces = variants(s.secret.slice(i, i + width));
        for (const { name, text } of outputs) {
          if (pieces.some((p) => text.includes(p))) found.push(`${s.ruleId} (${s.file}): characters ${i}..${i + width} in ${name}`);
        }
      }
    }
    expect(found).toEqual([]);
  });
});
