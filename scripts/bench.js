#!/usr/bin/env node
// secretguard benchmark: `npm run bench [-- --smoke | --files N | --runs N | --only ID | --markdown]`.
//
// Generates deterministic data under .bench/, runs each section's rows interleaved for several runs,
// and prints one table of medians, every figure beside a reference measured in the same invocation
// (quote the ratios: absolute numbers depend on the machine). Not a timed test: it fails only when a
// command exits unexpectedly or secretguard misses a planted key. Sections live in scripts/bench/sections/.
// Rows run a copy of dist/ taken at start (.bench/build/), so a rebuild meanwhile does not disturb them.

import { cpSync, existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, cpus, platform, arch } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { BenchError } from './bench/errors.js';
import { findTime, runOnce } from './bench/measure.js';
import { sections } from './bench/sections/index.js';
import { renderMarkdown, renderTable } from './bench/table.js';
import { findRipgrep, findSecretlint } from './bench/tools.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

const USAGE = `usage: node scripts/bench.js [options]
  --smoke               tiny data (100 files, a 300-file repository, 50 commits, no memory section), 1 run: for CI
  --files N             files in the working-tree corpus (default 5000, about 10 KB each)
  --staged-files N      files in the pre-commit repository (default 10000, about 3 KB each)
  --commits N           commits in the history repository (default 2000, at least 40)
  --mem-mb N            size of the memory section's work tree in MB (default 500; skipped under --smoke unless given)
  --runs N              timed runs of every row (default 5; start-up and pre-commit rows run 3× as often)
  --seed S              corpus seed (default 1)
  --only ID             run only this section (repeatable): ${sections.map((s) => s.id).join(', ')}
  --markdown            print the table as Markdown (for the README)
  --dir PATH            where generated data is kept (default .bench/)
  --secretlint-dir DIR  also look for secretlint in DIR/node_modules
  --rss-probe           measure peak RSS with process.resourceUsage() even if /usr/bin/time exists`;

function parse(argv) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        smoke: { type: 'boolean', default: false },
        files: { type: 'string' },
        'staged-files': { type: 'string' },
        commits: { type: 'string' },
        'mem-mb': { type: 'string' },
        runs: { type: 'string' },
        seed: { type: 'string', default: '1' },
        only: { type: 'string', multiple: true },
        dir: { type: 'string' },
        'secretlint-dir': { type: 'string' },
        'rss-probe': { type: 'boolean', default: false },
        markdown: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    console.error(`bench: ${error.message}\n${USAGE}`);
    process.exit(2);
  }
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const count = (name, fallback) => {
    if (values[name] === undefined) return fallback;
    const n = Number(values[name]);
    if (!Number.isInteger(n) || n < 1) {
      console.error(`bench: --${name} takes a positive integer, not ${values[name]}`);
      process.exit(2);
    }
    return n;
  };
  const unknown = (values.only ?? []).filter((id) => !sections.some((s) => s.id === id));
  if (unknown.length) {
    console.error(`bench: no section ${unknown.join(', ')} (have: ${sections.map((s) => s.id).join(', ')})`);
    process.exit(2);
  }
  const commits = count('commits', values.smoke ? 50 : 2000);
  if (commits < 40) {
    console.error('bench: --commits must be at least 40');
    process.exit(2);
  }
  // The memory section is slow: under --smoke only when asked for (--mem-mb, or --only memory).
  const memAsked = values['mem-mb'] !== undefined || (values.only ?? []).includes('memory');
  return {
    smoke: values.smoke,
    files: count('files', values.smoke ? 100 : 5000),
    stagedRepoFiles: count('staged-files', values.smoke ? 300 : 10_000),
    commits,
    memMb: values.smoke && !memAsked ? undefined : count('mem-mb', 500),
    runs: count('runs', values.smoke ? 1 : 5),
    seed: values.seed,
    only: values.only,
    baseDir: values.dir ?? join(ROOT, '.bench'),
    secretlintDir: values['secretlint-dir'],
    rssProbe: values['rss-probe'],
    markdown: values.markdown,
  };
}

const progress = (message) => process.stderr.write(`bench: ${message}\n`);

/** What identifies a build of dist/: its entry points' times and its chunks' (content-hashed) names. */
function buildStamp() {
  const dist = join(ROOT, 'dist');
  const times = ['cli.js', 'index.js'].map((f) => statSync(join(dist, f), { throwIfNoEntry: false })?.mtimeMs);
  return JSON.stringify([times, existsSync(join(dist, 'chunks')) ? readdirSync(join(dist, 'chunks')).sort() : []]);
}

/**
 * A copy of the build (bin/ and dist/, in .bench/build/ so that node_modules still resolves) that
 * every row runs: a rebuild of dist/ while the bench runs (npm test does one) cannot break runs or
 * mix two builds' numbers.
 */
async function snapshotBuild() {
  const dir = join(ROOT, '.bench', 'build');
  for (let attempt = 0; attempt < 10; attempt++) {
    const before = buildStamp();
    rmSync(dir, { recursive: true, force: true });
    cpSync(join(ROOT, 'dist'), join(dir, 'dist'), { recursive: true, filter: (src) => src !== join(ROOT, 'dist', 'types') });
    cpSync(join(ROOT, 'bin'), join(dir, 'bin'), { recursive: true });
    if (buildStamp() === before) return dir;
    await new Promise((resolve) => setTimeout(resolve, 1000)); // dist/ is being rebuilt: wait for it
  }
  throw new BenchError('dist/ kept changing while the bench copied it (a build in a loop?)');
}

/** Run a row and insist on one of its expected exit codes. */
async function runChecked(row, options) {
  const result = await runOnce(row, options);
  const where = `\n  command: ${[row.cmd, ...(row.args ?? [])].join(' ')}${row.cwd ? `\n  in: ${row.cwd}` : ''}`;
  if (!row.expect.includes(result.code)) {
    const how = result.signal ? `was killed by ${result.signal}` : `exited ${result.code}`;
    throw new BenchError(`${row.label} ${how}, expected ${row.expect.join(' or ')}${where}`, result.stderr.slice(-4000));
  }
  const problem = row.verify?.(result);
  if (problem) throw new BenchError(`${row.label} ${problem}${where}`, result.stderr.slice(-4000));
  return result;
}

async function runSection(section, ctx, runOptions) {
  const started = performance.now();
  progress(`${section.id}: preparing`);
  const plan = await section.setup(ctx);
  const active = plan.rows.filter((row) => !row.skip);
  for (const row of plan.rows) if (row.skip) plan.notes.push(`${row.label}: skipped, ${row.skip}`);
  for (const row of active) if (row.maxRuns !== undefined && row.maxRuns < ctx.runs) plan.notes.push(`${row.label}: slow, timed in the first ${row.maxRuns} run(s) only; its ratios pair those runs`);
  if (plan.check) {
    progress(`${section.id}: checking results`);
    await plan.check((row) => runOnce(row, runOptions));
  }
  progress(`${section.id}: warming up`);
  for (const row of active) if (row.warmup !== false) await runChecked(row, runOptions);
  const runs = ctx.smoke ? ctx.runs : ctx.runs * (plan.repeat ?? 1);
  const samples = new Map(active.map((row) => [row.id, []]));
  for (let i = 0; i < runs; i++) {
    progress(`${section.id}: run ${i + 1}/${runs}`);
    // Interleaved, order rotated each run: drift on a noisy machine hits every row alike.
    const due = active.filter((row) => i < (row.maxRuns ?? Infinity));
    for (let j = 0; j < due.length; j++) {
      const row = due[(i + j) % due.length];
      const { ms, rssKb } = await runChecked(row, runOptions);
      samples.get(row.id).push({ ms, rssKb });
    }
  }
  progress(`${section.id}: done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return { plan, rows: new Map(plan.rows.map((row) => [row.id, { row, samples: samples.get(row.id) }])) };
}

async function main() {
  const options = parse(process.argv.slice(2));
  if (!existsSync(join(ROOT, 'dist', 'index.js')) || !existsSync(join(ROOT, 'dist', 'cli.js'))) {
    console.error('bench: dist/ is missing: run npm run build first');
    return 1;
  }
  let build;
  try {
    build = await snapshotBuild();
  } catch (error) {
    console.error(`bench: FAILED: ${error.message}`);
    return 1;
  }
  const bin = join(build, 'bin', 'secretguard.js');
  const { builtinRules } = await import(pathToFileURL(join(build, 'dist', 'index.js')).href);
  const timeBin = options.rssProbe ? undefined : findTime();
  const tools = { rg: findRipgrep(), secretlint: findSecretlint(ROOT, options.secretlintDir) };
  const ctx = { ...options, root: ROOT, bin, node: process.execPath, rules: builtinRules, tools };
  const runOptions = { timeBin };

  const cpu = cpus()[0]?.model?.replace(/\s+/g, ' ').trim() ?? 'unknown CPU';
  const header = [
    `secretguard bench — ${availableParallelism()} cores (${cpu}), Node ${process.version}, ${platform()} ${arch()}`,
    `${options.runs} run(s) a row${options.smoke ? ' (smoke)' : ''}, interleaved; peak RSS via ${timeBin ? '/usr/bin/time' : 'process.resourceUsage() (Node rows only)'}; ` +
      `rg ${tools.rg?.version ?? 'absent'}; secretlint ${tools.secretlint?.version ?? 'absent'}`,
    'Quote ratios, not absolute numbers: they are measured side by side in this invocation.',
  ];

  const results = [];
  let failure;
  for (const section of sections.filter((s) => !options.only || options.only.includes(s.id))) {
    try {
      results.push(await runSection(section, ctx, runOptions));
    } catch (error) {
      failure = error;
      break;
    }
  }
  if (results.length > 0) console.log((options.markdown ? [...renderMarkdown(results, header), ''] : ['', ...header, '', ...renderTable(results), '']).join('\n'));
  if (failure) {
    console.error(`bench: FAILED: ${failure.message}`);
    if (failure.detail) console.error(failure.detail);
    if (!(failure instanceof BenchError)) console.error(failure.stack);
    return 1;
  }
  return 0;
}

process.exitCode = await main();
