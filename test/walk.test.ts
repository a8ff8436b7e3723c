import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { walk } from '../src/sources/walk.js';
import { listWorkingTree } from '../src/sources/working-tree.js';

function folder(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'sg-walk-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('walking a folder outside Git', () => {
  it('honours .gitignore files the way Git does, and never enters an ignored folder', async () => {
    const root = folder({
      '.gitignore': 'node_modules/\n*.log\n',
      'node_modules/pkg/index.js': 'x',
      'node_modules/pkg/.gitignore': '!*.log\n',
      'node_modules/pkg/kept.log': 'x',
      'src/app.ts': 'x',
      'debug.log': 'x',
      'keep/.gitignore': '!important.log\n',
      'keep/important.log': 'x',
      'keep/other.log': 'x',
    });
    const tree = await listWorkingTree(root);
    expect(tree.inGit).toBe(false);
    expect(tree.files.map((f) => f.path).sort()).toEqual(['.gitignore', 'keep/.gitignore', 'keep/important.log', 'src/app.ts']);
  });

  it('asks before entering each folder, after reading the folder above it', () => {
    const root = folder({ 'a/b/c.txt': 'x', 'a/skip/d.txt': 'x', 'e.txt': 'x' });
    const entered: string[] = [];
    const { files } = walk(root, {
      onFolder: (dir) => entered.push(dir),
      skipFolder: (dir) => dir === 'a/skip',
    });
    expect(entered.sort()).toEqual(['', 'a', 'a/b']);
    expect(files.map((f) => f.path)).toEqual(['a/b/c.txt', 'e.txt']);
  });
});
