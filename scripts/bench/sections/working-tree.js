// `secretguard scan <tree>` of a realistic work tree, beside the cost of reading the bytes (cat, and
// Node doing only that), of finding the rules' keywords at all (ripgrep) and of the closest peer (secretlint).

import { fileURLToPath } from 'node:url';
import { workingTreeCorpus } from '../corpus.js';
import { keywordRegex } from '../tools.js';
import { BenchError } from '../errors.js';
import { printsFindings } from '../measure.js';

const READ_EVERY_FILE = fileURLToPath(new URL('../read-every-file.js', import.meta.url));
const SECRETLINT_CONFIG = JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] });

export default {
  id: 'working-tree',
  async setup(ctx) {
    const corpus = workingTreeCorpus({ baseDir: ctx.baseDir, files: ctx.files, seed: ctx.seed, rules: ctx.rules });
    const { repo } = corpus;
    const keywords = ctx.rules.filter((rule) => !rule.public).flatMap((rule) => rule.keywords);
    const notes = [];
    if (!corpus.git) notes.push('git is not available: the corpus is a plain folder and secretguard walks it instead of asking git ls-files');
    const rows = [
      {
        id: 'cat',
        label: 'cat every file (read the bytes)',
        cmd: 'sh',
        args: ['-c', 'find . -path ./.git -prune -o -type f -exec cat {} + > /dev/null'],
        cwd: repo,
        expect: [0],
      },
      {
        id: 'rg',
        label: `rg -c (${keywords.length} rule keywords)`,
        cmd: 'rg',
        args: ['--hidden', '--no-ignore', '-c', '-g', '!.git', '-e', keywordRegex(keywords), '.'],
        cwd: repo,
        expect: [0, 1],
        skip: ctx.tools.rg ? undefined : 'rg is not on PATH (apt-get install ripgrep)',
      },
      {
        id: 'node-read',
        label: 'node: git ls-files, read every file (no matching)',
        cmd: ctx.node,
        args: [READ_EVERY_FILE],
        cwd: repo,
        node: true,
        expect: [0],
        skip: corpus.git ? undefined : 'git is not available',
      },
      {
        id: 'secretguard',
        label: 'secretguard scan .',
        cmd: ctx.node,
        args: [ctx.bin, 'scan', '.'],
        cwd: repo,
        node: true,
        expect: [1], // keys are planted
        verify: printsFindings,
      },
      {
        id: 'secretlint',
        label: 'secretlint "**/*" (preset-recommend)',
        cmd: ctx.node,
        args: ctx.tools.secretlint ? [ctx.tools.secretlint.bin, '--secretlintrcJSON', SECRETLINT_CONFIG, '--no-color', '--no-terminalLink', '**/*'] : [],
        cwd: repo,
        node: true,
        expect: [0, 1],
        // Far slower than the rest: timed in the first run only, and not warmed up (the other rows
        // have warmed the page cache by then).
        maxRuns: 1,
        warmup: false,
        skip: ctx.tools.secretlint ? undefined : 'secretlint and @secretlint/secretlint-rule-preset-recommend are not in node_modules',
      },
    ];
    return {
      title: `Working tree: ${corpus.files.toLocaleString('en-US')} files, ${(corpus.bytes / 1e6).toFixed(1)} MB${corpus.cached ? '' : ' (generated now)'}`,
      reference: 'cat',
      files: corpus.files,
      bytes: corpus.bytes,
      rows,
      ratios: [
        ['node-read', 'rg'],
        ['secretguard', 'cat'],
        ['secretguard', 'rg'],
        ['secretguard', 'node-read'],
        ['secretlint', 'secretguard'],
      ],
      notes,
      check: (run) => checkFindings(ctx, corpus, run, notes),
    };
  },
};

/** One extra run with --format json: every planted key must be reported, on its line. */
export async function checkFindings(ctx, corpus, run, notes) {
  const result = await run({ cmd: ctx.node, args: [ctx.bin, 'scan', '.', '--format', 'json'], cwd: corpus.repo, node: true, stdout: 'keep' });
  if (result.code !== 1) throw new BenchError(`secretguard scan --format json exited ${result.code ?? result.signal}, expected 1 (keys are planted)`, result.stderr);
  let report;
  try {
    report = JSON.parse(result.stdout);
  } catch (error) {
    throw new BenchError(`secretguard scan --format json printed invalid JSON: ${error.message}`, result.stdout.slice(0, 2000));
  }
  const at = (f) => `${f.file}:${f.line} ${f.ruleId}`;
  const reported = new Set(report.findings.map(at));
  const missed = corpus.planted.filter((p) => !reported.has(at(p)));
  if (missed.length > 0) {
    throw new BenchError(
      `secretguard missed ${missed.length} of ${corpus.planted.length} planted keys`,
      missed.map((m) => `  not reported: ${at(m)}`).join('\n') + '\n  reported:\n' + report.findings.map((f) => `    ${at(f)}`).join('\n'),
    );
  }
  // Other rules may flag a planted line too (a committed .env, a key in client code): expected.
  // A finding anywhere else is a false positive on generated code, or a generator bug.
  const place = (f) => `${f.file}:${f.line}`;
  const plantedLines = new Set(corpus.planted.map(place));
  const expected = new Set(corpus.planted.map(at));
  const alongside = report.findings.filter((f) => !expected.has(at(f)) && plantedLines.has(place(f)));
  const extra = report.findings.filter((f) => !plantedLines.has(place(f)));
  const { summary } = report;
  const also = [...new Set(alongside.map((f) => f.ruleId))];
  notes.push(
    `secretguard reported all ${corpus.planted.length} planted keys` +
      (also.length ? ` (on those lines also: ${also.join(', ')})` : '') +
      (extra.length ? `, plus ${extra.length} finding(s) elsewhere: ${extra.slice(0, 3).map(at).join(', ')}` : ' and nothing elsewhere'),
  );
  const seen = summary.filesScanned + summary.skipped.binary;
  if (seen !== corpus.files) notes.push(`WARNING: secretguard saw ${seen} of ${corpus.files} files (scanned ${summary.filesScanned}, binary ${summary.skipped.binary})`);
  if (extra.length > 0) notes.push('WARNING: unexpected findings in generated data (a false positive, or a bench generator bug)');
}
