import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/cli.js';

describe('npm run demo', () => {
  it('scans the leaky demo app in a temporary repository, explains, exits 0, and cleans up', () => {
    const result = spawnSync(process.execPath, [join(ROOT, 'scripts', 'demo.js')], { cwd: ROOT, encoding: 'utf8', timeout: 20_000 });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/✖ \d+ findings/);
    expect(result.stdout).toContain('leaks on purpose');
    const dir = /committed to (\S+)/.exec(result.stdout)?.[1];
    expect(dir).toBeDefined();
    expect(existsSync(dir!)).toBe(false);
  });
});
