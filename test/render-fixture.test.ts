import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRenderer, TEMPLATE, tempDir } from './helpers/fixture.js';

const dirs: string[] = [];
const fresh = (label: string) => {
  const dir = tempDir(label);
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listFiles(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
  );
}

describe('renderFixture', () => {
  it('fills every slot, renames _files to dotfiles, and returns each planted secret with its file', async () => {
    const { renderFixture } = await loadRenderer();
    const out = join(fresh('render'), 'app');
    const { outDir, secrets } = renderFixture(TEMPLATE, out);
    expect(outDir).toBe(out);
    const files = listFiles(out);
    expect(files).toEqual(expect.arrayContaining(['.gitignore', '.env.example', '.env.production', 'package.json', 'app/page.tsx']));
    expect(files.filter((f) => f.split('/').some((part) => part.startsWith('_')))).toEqual([]);
    let slots = 0;
    for (const file of listFiles(TEMPLATE)) slots += (readFileSync(join(TEMPLATE, file), 'utf8').match(/\{\{secret:/g) ?? []).length;
    expect(secrets).toHaveLength(slots);
    for (const file of files) expect(readFileSync(join(out, file), 'utf8'), file).not.toContain('{{secret:');
    for (const s of secrets) {
      expect(readFileSync(join(out, s.file), 'utf8')).toContain(s.secret);
      expect(s.secret.length).toBeGreaterThanOrEqual(16);
    }
  });

  it('plants fresh secrets on every render', async () => {
    const { renderFixture } = await loadRenderer();
    const a = renderFixture(TEMPLATE, join(fresh('render'), 'a')).secrets.map((s) => s.secret);
    const b = renderFixture(TEMPLATE, join(fresh('render'), 'b')).secrets.map((s) => s.secret);
    expect(new Set(a).size).toBe(a.length);
    for (const secret of a) expect(b).not.toContain(secret);
  });

  it('refuses an unknown rule id', async () => {
    const { renderFixture } = await loadRenderer();
    const template = fresh('template');
    mkdirSync(join(template, 'src'));
    writeFileSync(join(template, 'src', 'a.ts'), "const key = '{{secret:no-such-rule}}';\n");
    expect(() => renderFixture(template, join(fresh('render'), 'out'))).toThrow(/src\/a\.ts: unknown rule id .*no-such-rule/);
  });
});
