import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, type JsonReport } from './helpers/cli.js';
import { Repo, tempDir } from './helpers/git-repo.js';

// The CLI loads Babel's parser through V8's code cache (src/cached-require.ts), kept in
// node_modules/.cache/secretguard beside it. A copy of the built package has a node_modules of its
// own, so these runs see only their own cache.
const pkg = tempDir('code-cache-pkg');
for (const part of ['bin', 'dist', 'package.json', join('node_modules', '@babel', 'parser')]) cpSync(join(ROOT, part), join(pkg, part), { recursive: true });
const cacheDir = join(pkg, 'node_modules', '.cache', 'secretguard');

const repo = Repo.init('code-cache');
// A client component that builds a server SDK client: only a parse tells, so Babel is loaded.
repo.write('app/chat/page.tsx', "'use client';\nimport OpenAI from 'openai';\n\nexport function Chat() {\n  const client = new OpenAI({ apiKey: 'from-somewhere', dangerouslyAllowBrowser: true });\n  return <div>{String(client)}</div>;\n}\n");
repo.addAll();

afterAll(() => {
  repo.cleanup();
  rmSync(pkg, { recursive: true, force: true });
});

function staged(): { status: number | null; findings: string[]; stderr: string } {
  const result = spawnSync(process.execPath, [join(pkg, 'bin', 'secretguard.js'), 'staged', '--format', 'json'], { cwd: repo.dir, encoding: 'utf8' });
  const report = JSON.parse(result.stdout) as JsonReport;
  return { status: result.status, stderr: result.stderr, findings: report.findings.map((f) => `${f.ruleId} ${f.file}:${f.line}`) };
}

const cacheFiles = () => {
  try {
    return readdirSync(cacheDir);
  } catch {
    return [];
  }
};

describe('the code cache of the lazily loaded parser', () => {
  it('is written by the first run that parses, and later runs report the same', () => {
    expect(cacheFiles()).toEqual([]);
    const first = staged();
    expect(first.findings).toEqual(['client-secret-call app/chat/page.tsx:5']);
    expect(first.status).toBe(1);
    const files = cacheFiles();
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(new RegExp(`^babel-parser-\\d+-\\d+-${process.version.replace(/\./g, '\\.')}-${process.arch}\\.v8$`));
    const written = readFileSync(join(cacheDir, files[0]!));
    expect(written.length).toBeGreaterThan(10_000);

    const second = staged();
    expect(second).toEqual(first);
    // A cache V8 accepted is not rewritten.
    expect(readFileSync(join(cacheDir, files[0]!)).equals(written)).toBe(true);
  });

  it('a corrupt cache changes nothing but is replaced', () => {
    const [file] = cacheFiles();
    const garbage = Buffer.from('not a V8 code cache'.repeat(100));
    writeFileSync(join(cacheDir, file!), garbage);
    const run = staged();
    expect(run.findings).toEqual(['client-secret-call app/chat/page.tsx:5']);
    expect(run.stderr).toBe('');
    expect(readFileSync(join(cacheDir, file!)).equals(garbage)).toBe(false);
    expect(cacheFiles()).toEqual([file]); // no temporary file left behind
  });

  it('a scan that parses nothing writes no cache', () => {
    rmSync(cacheDir, { recursive: true, force: true });
    const plain = Repo.init('code-cache-plain');
    try {
      plain.write('README.md', '# nothing to parse\n');
      plain.addAll();
      const result = spawnSync(process.execPath, [join(pkg, 'bin', 'secretguard.js'), 'staged'], { cwd: plain.dir, encoding: 'utf8' });
      expect(result.status).toBe(0);
      expect(cacheFiles()).toEqual([]);
    } finally {
      plain.cleanup();
    }
  });
});
