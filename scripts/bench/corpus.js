// Deterministic benchmark data: a monorepo-like Git work tree of TS/TSX/JS, JSON, Markdown, a
// package-lock.json, minified bundles and a few binary files, with fake Stripe keys planted on known
// lines. Layout, names and contents come from a seeded PRNG; the keys are built at generation time by
// the Stripe rules' own `samples.valid()` (fresh, of real shape, never written literally anywhere).

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as content from './content.js';
import { BenchError } from './errors.js';
import { createRandom } from './prng.js';
import { ADJECTIVES, NOUNS, PACKAGES } from './words.js';

/** Average bytes per file: 5,000 files ≈ 50 MB. */
export const BYTES_PER_FILE = 10_000;

/** Changes to the generator change the data: its source is part of the cache key. */
function generatorStamp() {
  const hash = createHash('sha1');
  for (const file of ['corpus.js', 'content.js', 'words.js', 'prng.js', 'git-corpus.js']) hash.update(readFileSync(new URL(file, import.meta.url)));
  return hash.digest('hex').slice(0, 8);
}

const inputStamp = (inputs) => createHash('sha1').update(JSON.stringify(inputs)).digest('hex').slice(0, 8);

/** What of the rules shapes the corpus: their ids, and the keywords decoys are made of. */
export const rulesInput = (rules) => rules.map((rule) => [rule.id, rule.public ?? false, rule.keywords]);

const GIT_CONFIG = ['-c', 'user.name=secretguard-bench', '-c', 'user.email=bench@example.invalid', '-c', 'commit.gpgsign=false', '-c', 'core.autocrlf=false'];
const GIT_ENV = () => ({ ...process.env, GIT_DIR: undefined, GIT_WORK_TREE: undefined, GIT_INDEX_FILE: undefined });

/** Run git quietly in `cwd`; false when git is missing or fails. */
export function git(cwd, args) {
  const result = spawnSync('git', [...GIT_CONFIG, ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'], env: GIT_ENV() });
  return result.status === 0;
}

/** Run git in `cwd` (stdin from `input`); its stdout, or a BenchError with its stderr. */
export function gitOrThrow(cwd, args, input) {
  const result = spawnSync('git', [...GIT_CONFIG, ...args], { cwd, input, maxBuffer: 256 * 1024 * 1024, env: GIT_ENV() });
  if (result.error) throw new BenchError(`git ${args[0]}: ${result.error.message}`);
  if (result.status !== 0) throw new BenchError(`git ${args.join(' ')} exited ${result.status ?? result.signal}`, result.stderr.toString('utf8').slice(-4000));
  return result.stdout.toString('utf8');
}

/** Whether git is on PATH. */
export function hasGit() {
  return spawnSync('git', ['--version'], { stdio: 'ignore' }).status === 0;
}

/**
 * Make `repo` a Git repository with everything committed (what `secretguard scan .` meets in
 * practice). No automatic gc: a detached `git gc --auto` would compete with the timed runs.
 */
function commitAll(repo) {
  return git(repo, ['init', '-q']) && git(repo, ['config', 'gc.auto', '0']) && git(repo, ['add', '-A']) && git(repo, ['commit', '-q', '--no-verify', '-m', 'bench corpus']);
}

export function writeFile(repo, path, data) {
  const full = join(repo, path);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, data);
}

/**
 * Load the corpus `name` cached in `baseDir`, or build it. The folder is named after the generator's
 * source and `inputs` (what else shapes the data); older versions of this corpus, corpora from an
 * older generator, and unfinished ones (no manifest) are removed. Unless `commit` is false, what
 * `build` wrote is committed in one commit (a builder that makes its own history passes false),
 * and with `pack` the objects are then packed, as in a clone.
 */
export function cached(baseDir, name, inputs, build, { commit = true, pack = false } = {}) {
  const generator = generatorStamp();
  const dir = join(baseDir, `${name}-g${generator}-i${inputStamp(inputs)}`);
  const manifestPath = join(dir, 'manifest.json');
  if (existsSync(manifestPath)) return { ...JSON.parse(readFileSync(manifestPath, 'utf8')), repo: join(dir, 'repo'), cached: true };
  mkdirSync(baseDir, { recursive: true });
  for (const entry of readdirSync(baseDir)) {
    const stamp = /-g([0-9a-f]{8})-i[0-9a-f]{8}$/.exec(entry);
    if (stamp && (entry.startsWith(`${name}-g`) || stamp[1] !== generator)) rmSync(join(baseDir, entry), { recursive: true, force: true });
  }
  const repo = join(dir, 'repo');
  mkdirSync(repo, { recursive: true });
  let manifest;
  try {
    manifest = build(repo);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  if (commit) manifest.git = commitAll(repo) && (!pack || git(repo, ['repack', '-a', '-d', '-q']));
  spawnSync('sync', { stdio: 'ignore' }); // let write-back finish before anything is timed
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
  return { ...manifest, repo, cached: false };
}

/** A repository holding one small clean file: for start-up measurements. */
export function startupCorpus({ baseDir }) {
  return cached(baseDir, 'startup', null, (repo) => {
    const text = content.typescript(createRandom('startup'), 600).join('\n') + '\n';
    writeFile(repo, 'index.ts', text);
    return { files: 1, bytes: Buffer.byteLength(text) };
  });
}

/**
 * The working-tree corpus: `files` files, about `files × BYTES_PER_FILE` bytes.
 * Returns the manifest: repo path, totals, planted keys ({file, line, ruleId}) and controls.
 */
export function workingTreeCorpus({ baseDir, files, seed, rules }) {
  return cached(baseDir, `worktree-${files}-s${seed}`, rulesInput(rules), (repo) => buildWorkingTree(repo, files, seed, rules));
}

export const KINDS = [
  // kind, share of source files, size factor
  ['ts', 0.34, 1.0],
  ['tsx', 0.18, 1.0],
  ['js', 0.13, 0.9],
  ['json', 0.13, 1.3],
  ['md', 0.14, 0.8],
  ['css', 0.05, 0.5],
  ['yml', 0.03, 0.3],
];

function buildWorkingTree(repo, files, seed, rules) {
  const r = createRandom(`worktree/${seed}`);
  const target = files * BYTES_PER_FILE;
  const bundles = Math.max(1, Math.min(8, Math.round(files / 1000)));
  const binaries = Math.max(1, Math.min(6, Math.round(files / 1000)));
  const fixed = ['package.json', 'tsconfig.json', 'README.md', '.gitignore', '.env', '.env.example', '.github/workflows/deploy.yml', 'docs/reference/key-formats.md', 'package-lock.json'];
  const sourceCount = files - fixed.length - bundles - binaries;
  if (sourceCount < 20) throw new BenchError(`--files must be at least ${fixed.length + bundles + binaries + 20}`);

  // Capped, so that a large tree (--mem-mb) has more files, not a 40 MB lockfile (the caps are
  // above what 5,000 files get: the default corpus is the same with or without them).
  const lockBytes = Math.min(4_000_000, Math.round(target * 0.08));
  const bundleBytes = Math.min(2_000_000, Math.round((target * 0.16) / bundles));
  const sourceBytes = target - lockBytes - bundleBytes * bundles - 20_000 * binaries;
  const meanSource = sourceBytes / sourceCount;

  // 1. The plan: every file's path, kind and size.
  const paths = new Set();
  const unique = (path) => {
    let candidate = path;
    for (let n = 2; paths.has(candidate); n++) candidate = path.replace(/(\.[a-z.]+)$/, `-${n}$1`);
    paths.add(candidate);
    return candidate;
  };
  const plan = fixed.map((path) => ({ path: unique(path), kind: `fixed:${path}` }));
  const layout = createLayout(r.fork('layout'), sourceCount);
  let assigned = 0;
  const sources = [];
  KINDS.forEach(([kind, share, factor], index) => {
    const count = index === KINDS.length - 1 ? sourceCount - assigned : Math.round(sourceCount * share);
    assigned += count;
    const sizes = r.fork(`sizes/${kind}`);
    for (let i = 0; i < count; i++) sources.push({ path: unique(layout.path(kind)), kind, bytes: sizes.logNormal(meanSource * factor, 0.9) });
  });
  // Scale to the byte budget, then clamp: long-tailed like a real tree (median ≈ half the mean).
  const scale = sourceBytes / sources.reduce((n, f) => n + f.bytes, 0);
  for (const f of sources) f.bytes = Math.round(Math.min(200_000, Math.max(120, f.bytes * scale)));
  plan.push(...sources);
  for (let i = 0; i < bundles; i++) {
    const name = i === 0 ? 'apps/web/public/vendor/charts.min.js' : `apps/${r.pick(layout.apps)}/public/static/js/main.${r.string('0123456789abcdef', 8)}.js`;
    plan.push({ path: unique(name), kind: 'bundle', bytes: bundleBytes });
  }
  for (let i = 0; i < binaries; i++) {
    plan.push({ path: unique(i === 0 ? 'apps/web/public/favicon.ico' : `apps/${r.pick(layout.apps)}/public/images/${r.pick(NOUNS)}.png`), kind: 'binary', bytes: r.range(4_000, 36_000) });
  }
  if (plan.length !== files) throw new Error(`corpus plan has ${plan.length} files, wanted ${files}`);

  // 2. Where the keys go: one context each, in files of different kinds.
  const stripe = rules.filter((rule) => rule.id.startsWith('stripe-'));
  const keys = stripe.filter((rule) => !rule.public).flatMap((rule) => rule.samples.valid().map((sample) => ({ ruleId: rule.id, secret: sample.secret })));
  const publicKeys = stripe.filter((rule) => rule.public).flatMap((rule) => rule.samples.valid().slice(0, 1).map((sample) => ({ ruleId: rule.id, secret: sample.secret })));
  if (keys.length === 0) throw new Error('no Stripe rules with samples: is dist/ built?');
  const byKind = (kind) => plan.filter((f) => f.kind === kind);
  const contexts = ['fixed:.env', 'ts', 'json', 'md', 'bundle', 'fixed:.github/workflows/deploy.yml', 'tsx', 'js'];
  const plants = new Map(); // path -> [{ruleId, secret, expect}]
  const pr = r.fork('plants');
  const plantIn = (kind, key, expect) => {
    const candidates = byKind(kind).filter((f) => !plants.has(f.path) || kind.startsWith('fixed:'));
    const file = pr.pick(candidates);
    plants.set(file.path, [...(plants.get(file.path) ?? []), { ...key, expect }]);
  };
  keys.forEach((key, i) => plantIn(contexts[i % contexts.length], key, true));
  for (const key of publicKeys) plantIn('tsx', key, false);

  // Strings that hold a rule keyword but no secret (documentation placeholders, prefix checks in
  // code), so that the keyword prefilter fires the way it does on real code. Not the rules'
  // `samples.invalid`: those are non-secrets in isolation, and side by side one can give another
  // the file-level context its rule asks for.
  const keywords = [...new Set(rules.filter((rule) => !rule.public).flatMap((rule) => rule.keywords))];
  const decoys = keywords.flatMap((keyword) => [`${keyword}...`, `${keyword}<your-key-here>`]);

  // 3. Write everything.
  const planted = [];
  const controls = [];
  let bytes = 0;
  for (const file of plan) {
    const fr = createRandom(`worktree/${seed}/${file.path}`);
    const lines = render(fr, file, { target, lockBytes, decoys, keywords, repoFiles: files });
    const data = Buffer.isBuffer(lines) ? lines : Buffer.from(plant(fr, file, lines, plants.get(file.path) ?? [], planted, controls));
    writeFile(repo, file.path, data);
    bytes += data.length;
  }
  if (planted.length !== keys.length) throw new Error(`planted ${planted.length} of ${keys.length} keys`);
  return { seed, files, bytes, planted, controls, decoys: decoys.length };
}

/** Directory names for each kind of file, grown as files are placed (about a dozen files a folder). */
export function createLayout(r, sourceCount) {
  const apps = ['web', 'admin', 'marketing'].slice(0, sourceCount > 300 ? 3 : 1);
  const packages = Array.from({ length: Math.max(2, Math.round(sourceCount / 160)) }, (_, i) => (i < PACKAGES.length && r.chance(0.2) ? `${r.pick(NOUNS)}-kit` : `${r.pick(NOUNS)}${i > 20 ? `-${r.pick(ADJECTIVES)}` : ''}`));
  const sub = () => (r.chance(0.6) ? r.pick(NOUNS) : `${r.pick(NOUNS)}/${r.pick(NOUNS)}`);
  const makers = {
    ts: () => (r.chance(0.7) ? `packages/${r.pick(packages)}/src/${sub()}` : `apps/${r.pick(apps)}/${r.pick(['lib', 'server', 'hooks'])}/${r.pick(NOUNS)}`),
    tsx: () =>
      r.chance(0.5)
        ? `apps/${r.pick(apps)}/components/${sub()}`
        : `apps/${r.pick(apps)}/app/(${r.pick(['dashboard', 'marketing', 'auth', 'settings'])})/${r.pick(NOUNS)}/${r.chance(0.3) ? `[${r.pick(NOUNS)}Id]` : r.pick(NOUNS)}`,
    js: () => (r.chance(0.5) ? `packages/${r.pick(packages)}/lib` : r.chance(0.5) ? 'scripts' : `apps/${r.pick(apps)}/config`),
    json: () => (r.chance(0.4) ? `fixtures/${sub()}` : r.chance(0.5) ? `locales/${r.pick(['en', 'fr', 'de', 'es', 'ja', 'pt-BR'])}` : `packages/${r.pick(packages)}/data`),
    md: () => (r.chance(0.6) ? `docs/${sub()}` : `packages/${r.pick(packages)}/docs`),
    css: () => `apps/${r.pick(apps)}/styles`,
    yml: () => (r.chance(0.5) ? '.github/workflows' : `config/${r.pick(NOUNS)}`),
  };
  const pools = {};
  const name = {
    ts: () => `${r.pick(NOUNS)}-${r.pick(NOUNS)}${r.chance(0.2) ? '.test' : ''}.ts`,
    tsx: (dir) => (dir.includes('/app/') ? r.pick(['page.tsx', 'layout.tsx', 'loading.tsx', `${r.pick(NOUNS)}-form.tsx`]) : `${cap(r.pick(NOUNS))}${cap(r.pick(NOUNS))}.tsx`),
    js: () => `${r.pick(NOUNS)}-${r.pick(['config', 'plugin', 'worker', 'task', 'util'])}.${r.chance(0.3) ? 'cjs' : 'js'}`,
    json: () => `${r.pick(NOUNS)}${r.chance(0.3) ? `-${r.pick(NOUNS)}` : ''}.json`,
    md: () => (r.chance(0.02) ? 'über-release notes.md' : `${r.pick(NOUNS)}-${r.pick(NOUNS)}.md`),
    css: () => `${r.pick(NOUNS)}.module.css`,
    yml: () => `${r.pick(NOUNS)}.yml`,
  };
  return {
    apps,
    path(kind) {
      const pool = (pools[kind] ??= []);
      const dir = pool.length === 0 || r.chance(1 / 12) ? (pool.push(makers[kind]()), pool[pool.length - 1]) : r.pick(pool);
      return `${dir}/${name[kind](dir)}`;
    },
  };
}

const cap = (word) => word[0].toUpperCase() + word.slice(1);

/** The first place at or after line index `at` where a statement can go in generated code (not inside a block). */
const statementAt = (lines, at) => content.blockBoundaries(lines).find((b) => b >= at) ?? lines.length;

/** A file's contents: lines (text) or a Buffer (binary). `taken`: names generated code must not declare. */
export function render(r, file, { lockBytes, decoys, keywords, repoFiles, taken }) {
  switch (file.kind) {
    case 'ts':
    case 'tsx': {
      const lines = content.typescript(r, file.bytes, { jsx: file.kind === 'tsx', taken });
      if (keywords.length > 0 && r.chance(0.03)) {
        const keyword = r.pick(keywords);
        lines.splice(statementAt(lines, r.range(1, lines.length - 1)), 0, `export const isLiveKey = (value: string) => value.startsWith('${keyword}');`);
      }
      return lines;
    }
    case 'js':
      return content.javascript(r, file.bytes, { taken });
    case 'json':
      return content.json(r, file.bytes);
    case 'md':
      return content.markdown(r, file.bytes);
    case 'css':
      return content.css(r, file.bytes);
    case 'yml':
      return content.yaml(r, file.bytes);
    case 'bundle':
      return [content.minifiedTokens(r, file.bytes).join('')];
    case 'binary': {
      const bytes = Buffer.alloc(file.bytes);
      for (let i = 0; i < bytes.length; i++) bytes[i] = r.chance(0.1) ? 0 : r.int(256);
      bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      return bytes;
    }
    case 'fixed:package-lock.json':
      return content.lockfile(r, lockBytes);
    case 'fixed:package.json':
      return JSON.stringify({ name: 'acme-monorepo', private: true, workspaces: ['apps/*', 'packages/*'], scripts: { build: 'turbo build', test: 'vitest run' } }, null, 2).split('\n');
    case 'fixed:tsconfig.json':
      return JSON.stringify({ compilerOptions: { strict: true, module: 'NodeNext', target: 'ES2022', jsx: 'preserve', paths: { '@/*': ['./src/*'] } } }, null, 2).split('\n');
    case 'fixed:README.md':
      return [...content.markdown(r, 6_000), '', `This repository holds ${repoFiles} files.`];
    case 'fixed:.gitignore':
      return ['node_modules/', '.next/', 'coverage/', '*.log', '.env*.local'];
    case 'fixed:.env':
      return ['NODE_ENV=development', 'DATABASE_POOL_SIZE=10', 'NEXT_PUBLIC_APP_URL=http://localhost:3000', 'LOG_LEVEL=debug'];
    case 'fixed:.env.example':
      return ['# Copy to .env.local and fill in', ...decoys.map((d, i) => `EXAMPLE_VALUE_${i}=${d}`)];
    case 'fixed:.github/workflows/deploy.yml':
      return content.yaml(r, 1_500);
    case 'fixed:docs/reference/key-formats.md':
      return ['# Key formats', '', 'What the keys we use look like (placeholders only):', '', ...decoys.map((d) => `- \`${d}\``)];
    default:
      throw new Error(`unknown kind ${file.kind}`);
  }
}

/** Insert `keys` into `lines` in a way that fits the file's kind; record where each went. Returns the text. */
function plant(r, file, lines, keys, planted, controls) {
  for (const { ruleId, secret, expect } of keys) {
    const record = (line) => (expect ? planted : controls).push({ file: file.path, line, ruleId });
    if (file.kind === 'bundle') {
      // Into the middle of the one long line, between two statements (not at a `;` of a for loop's head).
      const at = statementEnd(lines[0], Math.floor(lines[0].length / 2)) + 1;
      lines[0] = `${lines[0].slice(0, at)}p.apiKey="${secret}";${lines[0].slice(at)}`;
      record(1);
      continue;
    }
    let at;
    let text;
    if (file.kind === 'fixed:.env') [at, text] = [r.range(1, lines.length), `STRIPE_SECRET_KEY=${secret}`];
    else if (file.kind === 'json') [at, text] = [1, `  "paymentsSecret": "${secret}",`];
    else if (file.kind === 'md') [at, text] = [r.range(1, lines.length), `export STRIPE_API_KEY=${secret}`];
    else if (file.kind.endsWith('.yml') || file.kind === 'yml') [at, text] = [Math.max(1, lines.findIndex((l) => l.trim() === 'env:') + 1), `      STRIPE_WEBHOOK_SECRET: ${secret}`];
    else if (file.kind === 'js') [at, text] = [statementAt(lines, r.range(1, lines.length)), `const requestHeaders = { Authorization: \`Bearer ${secret}\` };`];
    else if (!expect) [at, text] = [statementAt(lines, r.range(1, lines.length)), `const stripePromise = loadStripe('${secret}');`];
    else [at, text] = [statementAt(lines, r.range(1, lines.length)), `const stripe = new Stripe('${secret}', { apiVersion: '2024-06-20' });`];
    const inserted = file.kind === 'md' ? ['```sh', text, '```'] : [text];
    lines.splice(at, 0, ...inserted);
    // Earlier plants in this file move down when a later one goes above them.
    for (const p of [...planted, ...controls]) if (p.file === file.path && p.line > at) p.line += inserted.length;
    record(at + inserted.indexOf(text) + 1);
  }
  return lines.join('\n') + '\n';
}

/** The index of the first `;` at or after `from` in minified code that ends a statement (is not in a `for(…)` head). */
function statementEnd(code, from) {
  for (let i = code.indexOf(';', from); i !== -1; i = code.indexOf(';', i + 1)) {
    const loop = code.lastIndexOf('for(', i);
    if (loop === -1 || code.indexOf(')', loop) < i) return i;
  }
  return -1;
}
