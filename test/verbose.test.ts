import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { sampleSecret } from './helpers/fixture.js';

const liveKey = () => sampleSecret('stripe-live-secret-key');

describe('--verbose', () => {
  it('logs what it decided and skipped, and never a secret, even one in a file name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sg-verbose-'));
    const inName = liveKey();
    const inFile = liveKey();
    writeFileSync(join(dir, `${inName}.log`), 'x'.repeat(2048));
    writeFileSync(join(dir, 'config.ts'), `export const key = "${inFile}";\n`);
    const result = runCli(['scan', dir, '--verbose', '--max-file-size', '1024']);
    expect(result.status).toBe(1);
    const debug = result.stderr.split('\n').filter((line) => line.startsWith('secretguard: [debug] '));
    expect(debug.some((line) => line.includes('rules') && line.includes('checks'))).toBe(true);
    expect(debug.some((line) => line.startsWith('secretguard: [debug] skipped (too large): sk_live_…'))).toBe(true);
    for (const key of [inName, inFile]) {
      expect(result.stderr + result.stdout).not.toContain(key);
      expect(result.stderr + result.stdout).not.toContain(key.slice(8, 30));
    }
  });

  it('names every kind of skipped file, nested repositories too', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sg-verbose-nested-'));
    const git = (cwd: string, ...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd });
    git(dir, 'init', '-q');
    mkdirSync(join(dir, 'vendor', 'lib'), { recursive: true });
    git(join(dir, 'vendor', 'lib'), 'init', '-q');
    writeFileSync(join(dir, 'vendor', 'lib', 'a.ts'), 'export const a = 1;\n');
    git(join(dir, 'vendor', 'lib'), 'add', '-A');
    git(join(dir, 'vendor', 'lib'), 'commit', '-qm', 'nested');
    writeFileSync(join(dir, 'app.ts'), 'export const b = 2;\n');
    const result = runCli(['scan', dir, '--verbose']);
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/^secretguard: \[debug\] skipped \(repository\): vendor\/lib\/?$/m);
  });

  it('is silent without the flag', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sg-quiet-'));
    writeFileSync(join(dir, 'a.ts'), 'export const a = 1;\n');
    const result = runCli(['scan', dir]);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
  });
});
