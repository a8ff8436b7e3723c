// Deterministic Git repositories for the pre-commit and history sections: a 10,000-file repository
// with 10 modified files staged (one of them holding a fake Stripe key), and a 2,000-commit history
// (written as a `git fast-import` stream) where a fake key is added in one commit and removed in a
// later one. Contents come from the working-tree generators; keys from the Stripe live secret
// rule's own `samples.valid()`, never written literally anywhere.

import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as content from './content.js';
import { cached, createLayout, gitOrThrow, KINDS, render, rulesInput, writeFile } from './corpus.js';
import { BenchError } from './errors.js';
import { createRandom } from './prng.js';
import { ADJECTIVES, NOUNS, VERBS } from './words.js';

export const KEY_RULE = 'stripe-live-secret-key';

/** A fresh fake key of the Stripe live secret rule (random on every call). */
export function fakeKey(rules) {
  const rule = rules.find((r) => r.id === KEY_RULE);
  const secret = rule?.samples?.valid()?.[0]?.secret;
  if (!secret) throw new BenchError(`no ${KEY_RULE} rule with samples in dist/: rebuild (npm run build)`);
  return secret;
}

const keyLine = (secret) => `const stripe = new Stripe('${secret}', { apiVersion: '2024-06-20' });`;
const keywordsOf = (rules) => [...new Set(rules.filter((rule) => !rule.public).flatMap((rule) => rule.keywords))];

/** Source files of realistic kinds and sizes (mean `meanBytes`), laid out like a monorepo. */
function planSources(r, count, meanBytes) {
  const layout = createLayout(r.fork('layout'), count);
  const paths = new Set();
  const unique = (path) => {
    let candidate = path;
    for (let n = 2; paths.has(candidate); n++) candidate = path.replace(/(\.[a-z.]+)$/, `-${n}$1`);
    paths.add(candidate);
    return candidate;
  };
  const plan = [];
  let assigned = 0;
  KINDS.forEach(([kind, share, factor], index) => {
    const n = index === KINDS.length - 1 ? count - assigned : Math.round(count * share);
    assigned += n;
    const sizes = r.fork(`sizes/${kind}`);
    for (let i = 0; i < n; i++) plan.push({ path: unique(layout.path(kind)), kind, bytes: Math.round(Math.min(60_000, Math.max(120, sizes.logNormal(meanBytes * factor, 0.9)))) });
  });
  return { plan, layout, unique };
}

const FIXED = ['package.json', 'tsconfig.json', 'README.md', '.gitignore'];

const isCode = (kind) => kind === 'ts' || kind === 'tsx' || kind === 'js';

/** New lines of `kind`, about `bytes`, without a file's head (imports, title, braces), to go into `into`. */
function fragment(r, kind, bytes, into) {
  switch (kind) {
    case 'ts':
    case 'tsx':
    case 'js': {
      // Code declares none of the names already in the file it joins.
      const taken = new Set(into.join('\n').match(/[\w$]+/g));
      const lines = render(r, { kind, bytes: bytes + 300 }, { keywords: [], decoys: [], taken }).filter((l) => !/^(import |'use (client|strict)'|const \{ \w+ \} = require\()/.test(l));
      while (lines[0] === '') lines.shift();
      return lines;
    }
    case 'json':
      return content.json(r, bytes).slice(2, -2);
    case 'md':
      return content.markdown(r, bytes).slice(4);
    case 'css':
      return content.css(r, bytes);
    default:
      return content.yaml(r, bytes + 200).slice(6);
  }
}

/** A line index where a block can go: after a blank line (outside a class body) when there is one. */
function boundary(r, lines) {
  const blanks = content.blockBoundaries(lines);
  return blanks.length ? r.pick(blanks) : r.range(0, lines.length);
}

/** The top-level block of generated code that holds line `at`, as [from, to). */
function blockAt(lines, at) {
  const starts = [0, ...content.blockBoundaries(lines), lines.length];
  return [starts.findLast((b) => b <= at), starts.find((b) => b > at) ?? lines.length];
}

/**
 * One realistic edit of a file: insert a block, replace a few lines, or (unless `adding`) delete a
 * few (in code, whole blocks). Returns new lines.
 */
function edit(r, kind, lines, adding = false) {
  const out = [...lines];
  const roll = adding ? r.next() * 0.85 : r.next();
  const big = out.length > 600;
  // Lines [from, to) to replace or delete: in code, the whole top-level block holding line `at`
  // (a realistic edit leaves code that parses).
  const span = (at, count) => {
    if (!isCode(kind)) return [at, at + count];
    const [from, to] = blockAt(out, at);
    return [from, count > 0 ? to : from];
  };
  if (roll < (big ? 0.2 : 0.5)) {
    out.splice(boundary(r, out), 0, ...fragment(r, kind, r.range(150, 1400), out));
  } else if (roll < 0.85 || out.length < 20) {
    const at = r.range(0, Math.max(0, out.length - 1));
    const [from, to] = span(at, Math.min(r.range(1, 8), out.length - at - 1));
    out.splice(from, to - from, ...fragment(r, kind, r.range(80, 600), out));
  } else {
    const at = r.range(0, out.length - 2);
    const [from, to] = span(at, Math.min(r.range(1, 12), out.length - at - 1));
    out.splice(from, to - from);
  }
  if (out.length === 0) out.push('');
  return out;
}

const text = (lines) => lines.join('\n') + '\n';

// ---------------------------------------------------------------------------------------------
// Pre-commit: a committed repository of `files` small files; `stagePrecommit` modifies and stages 10.

const STAGED_KINDS = ['ts', 'ts', 'ts', 'ts', 'tsx', 'tsx', 'tsx', 'js', 'md', 'css'];

/** The pre-commit corpus, committed once and cached. Call `stagePrecommit` before using it. */
export function precommitCorpus({ baseDir, files, seed, rules }) {
  return cached(baseDir, `precommit-${files}-s${seed}`, rulesInput(rules), (repo) => buildPrecommit(repo, files, seed, rules), { pack: true });
}

function buildPrecommit(repo, files, seed, rules) {
  const r = createRandom(`precommit/${seed}`);
  const keywords = keywordsOf(rules);
  const fixed = [...FIXED, 'package-lock.json'];
  if (files < fixed.length + 40) throw new BenchError(`the pre-commit repository needs at least ${fixed.length + 40} files`);
  const { plan } = planSources(r, files - fixed.length, 3_000);
  let bytes = 0;
  for (const file of [...fixed.map((path) => ({ path, kind: `fixed:${path}` })), ...plan]) {
    const lines = render(createRandom(`precommit/${seed}/${file.path}`), file, { lockBytes: Math.min(600_000, files * 60), decoys: [], keywords, repoFiles: files });
    const data = Buffer.from(text(lines));
    writeFile(repo, file.path, data);
    bytes += data.length;
  }
  // The files a commit touches: mostly code, one server-side module (the key's) first.
  const pick = r.fork('staged');
  const chosen = [];
  for (const [i, kind] of STAGED_KINDS.entries()) {
    const free = plan.filter((f) => f.kind === kind && !chosen.includes(f));
    const server = free.filter((f) => f.path.startsWith('packages/'));
    const candidates = i === 0 && server.length > 0 ? server : free;
    if (candidates.length === 0) throw new BenchError(`no ${kind} file left to stage`);
    chosen.push(pick.pick(candidates));
  }
  // Committed and packed by `cached`.
  return { seed, files, bytes, staged: chosen.map((f) => ({ path: f.path, kind: f.kind })) };
}

/**
 * Reset the pre-commit repository to its commit and stage the same 10 edits again, the first file
 * holding a fresh fake key on a known line. Returns the planted key's { file, line, ruleId }.
 */
export function stagePrecommit(corpus, rules) {
  const { repo, seed } = corpus;
  gitOrThrow(repo, ['reset', '-q', '--hard', 'HEAD']);
  let planted;
  for (const [i, { path, kind }] of corpus.staged.entries()) {
    const r = createRandom(`precommit/${seed}/edit/${path}`);
    const lines = readFileSync(join(repo, path), 'utf8').replace(/\n$/, '').split('\n');
    // Every file gains lines (a deletion-only change would give the scan nothing to read).
    let edited = edit(r, kind, lines, true);
    if (r.chance(0.5)) edited = edit(r, kind, edited);
    if (i === 0) {
      const at = boundary(r, edited);
      edited.splice(at, 0, `// Payments client for the ${r.pick(NOUNS)} service.`, keyLine(fakeKey(rules)), '');
      planted = { file: path, line: at + 2, ruleId: KEY_RULE };
    }
    writeFileSync(join(repo, path), text(edited));
  }
  const paths = corpus.staged.map((f) => f.path);
  gitOrThrow(repo, ['add', '--', ...paths]);
  const staged = gitOrThrow(repo, ['diff', '--cached', '--name-only', '-z']).split('\0').filter(Boolean).sort();
  if (JSON.stringify(staged) !== JSON.stringify([...paths].sort())) throw new BenchError(`staged ${staged.length} files, expected ${paths.length}`, staged.join('\n'));
  return planted;
}

// ---------------------------------------------------------------------------------------------
// History: `commits` commits written as one fast-import stream.

const AUTHORS = [
  'Ada Moreau <ada.moreau@example.com>',
  'Kenji Watanabe <kenji@example.com>',
  'Priya Raman <priya.raman@example.com>',
  'Lucas Ferreira <lucas.f@example.com>',
  'Grace Okafor <grace@example.com>',
  'Tomasz Nowak <tnowak@example.com>',
  'dependabot[bot] <49699333+dependabot[bot]@users.noreply.github.com>',
];
const TYPES = ['feat', 'feat', 'fix', 'fix', 'fix', 'refactor', 'chore', 'docs', 'test', 'perf', 'style'];

/** The history corpus, built with git fast-import and cached. */
export function historyCorpus({ baseDir, commits, seed, rules }) {
  return cached(baseDir, `history-${commits}-s${seed}`, rulesInput(rules), (repo) => buildHistory(repo, commits, seed, rules), { commit: false });
}

/** What each commit of the stream is: main work, a branch's work, a merge, the key's arrival and removal. */
function schedule(r, commits) {
  const slots = Array.from({ length: commits }, () => ({ kind: 'main' }));
  slots[0] = { kind: 'init' };
  const branches = [
    { name: 'feature/checkout-redesign', dir: 'checkout-v2', at: 0.3, length: 0.01, merge: true },
    { name: 'feature/webhook-retries', dir: 'webhook-retry', at: 0.62, length: 0.012, merge: true },
    { name: 'spike/search-index', dir: 'search-index', at: 0.85, length: 0.004, merge: false },
  ];
  for (const [b, branch] of branches.entries()) {
    const start = Math.round(branch.at * commits);
    const length = Math.max(2, Math.round(branch.length * commits));
    // Branch commits interleaved with main commits over twice the branch's length.
    const window = Array.from({ length: 2 * length }, (_, i) => start + 1 + i);
    const own = new Set();
    own.add(window[0]);
    while (own.size < length) own.add(r.pick(window));
    for (const i of own) slots[i] = { kind: 'branch', branch: b };
    if (branch.merge) slots[start + 2 * length + 1] = { kind: 'merge', branch: b };
  }
  const add = Math.round(0.45 * commits);
  const remove = add + Math.max(1, Math.round(0.01 * commits));
  if (slots[add].kind !== 'main' || slots[remove].kind !== 'main' || slots.length !== commits) throw new Error('history schedule overlaps');
  slots[add] = { kind: 'key-add' };
  slots[remove] = { kind: 'key-remove' };
  return { slots, branches };
}

function buildHistory(repo, commits, seed, rules) {
  if (commits < 40) throw new BenchError('the history repository needs at least 40 commits');
  const r = createRandom(`history/${seed}`);
  const keywords = keywordsOf(rules);
  const { slots, branches } = schedule(r.fork('schedule'), commits);
  const initialFiles = Math.max(40, Math.min(320, Math.round(commits / 6)));
  const { plan, layout, unique } = planSources(r.fork('files'), initialFiles, 2_500);

  const stream = [];
  let mark = 0;
  let time = Date.UTC(2023, 0, 2, 9) / 1000;
  const blob = (lines) => {
    const data = Buffer.from(text(lines));
    stream.push(Buffer.from(`blob\nmark :${++mark}\ndata ${data.length}\n`), data, Buffer.from('\n'));
    return mark;
  };
  /** A branch's tree: path -> { kind, lines, blob }. Entries are replaced, never mutated (branches share them). */
  const newEntry = (kind, lines) => ({ kind, lines, blob: blob(lines) });
  const commit = (ref, parents, changes, message, who = r.pick(AUTHORS)) => {
    time += r.range(300, 30_000);
    const msg = Buffer.from(message + '\n');
    let head = `commit refs/heads/${ref}\nmark :${++mark}\nauthor ${who} ${time} +0000\ncommitter ${who} ${time} +0000\ndata ${msg.length}\n`;
    stream.push(Buffer.from(head), msg);
    head = parents.map((p, i) => `${i === 0 ? 'from' : 'merge'} :${p}\n`).join('');
    for (const [path, entry] of changes) head += entry ? `M 100644 :${entry.blob} ${path}\n` : `D ${path}\n`;
    stream.push(Buffer.from(head + '\n'));
    return mark;
  };
  const message = (rr, scope) => {
    const subject = `${rr.pick(TYPES)}(${scope}): ${rr.pick(VERBS)} ${rr.chance(0.4) ? rr.pick(ADJECTIVES) + ' ' : ''}${rr.pick(NOUNS)} ${rr.pick(NOUNS)}`;
    if (!rr.chance(0.3)) return subject;
    return `${subject}\n\n${cap(rr.pick(VERBS))} the ${rr.pick(NOUNS)} before the ${rr.pick(NOUNS)} is ${rr.pick(ADJECTIVES)}, so that the ${rr.pick(NOUNS)} ${rr.pick(NOUNS)} stays ${rr.pick(ADJECTIVES)}.`;
  };
  const scopeOf = (path) => path.split('/')[1]?.replace(/\..*$/, '') || 'repo';

  // 1. The first commit.
  const main = new Map();
  for (const file of [...FIXED.map((path) => ({ path, kind: `fixed:${path}` })), ...plan]) {
    main.set(file.path, newEntry(file.kind, render(createRandom(`history/${seed}/${file.path}`), file, { decoys: [], keywords, repoFiles: initialFiles })));
  }
  let mainTip = commit('main', [], [...main], 'chore: initial commit', AUTHORS[0]);
  const recent = [];
  const locked = new Set();
  const tips = branches.map(() => undefined);
  const trees = branches.map(() => undefined);
  const sources = (tree) => [...tree.keys()].filter((p) => !locked.has(p) && !tree.get(p).kind.startsWith('fixed:'));
  let planted;
  let merges = 0;

  /** A commit's changes to `tree` (which it updates): 1–6 edits, additions, deletions, renames. */
  const work = (rr, tree, choose, addDir) => {
    const changes = new Map();
    const set = (path, entry) => {
      if (entry) tree.set(path, entry);
      else tree.delete(path);
      changes.set(path, entry);
    };
    const ops = rr.chance(0.4) ? 1 : rr.chance(0.5) ? 2 : rr.chance(0.67) ? 3 : rr.range(4, 6);
    for (let k = 0; k < ops; k++) {
      const roll = rr.next();
      const path = roll < 0.12 ? undefined : choose(rr);
      if (!path) {
        const kind = rr.pick(['ts', 'ts', 'tsx', 'js', 'json', 'md', 'css']);
        const to = unique(addDir ? `${addDir}/${rr.pick(NOUNS)}-${rr.pick(NOUNS)}.${kind}` : layout.path(kind));
        const file = { path: to, kind, bytes: Math.round(rr.logNormal(2_000, 0.8)) + 120 };
        set(to, newEntry(kind, render(createRandom(`history/${seed}/new/${to}`), file, { decoys: [], keywords, repoFiles: tree.size })));
        continue;
      }
      const entry = tree.get(path);
      const fixed = entry.kind.startsWith('fixed:');
      const kind = fixed ? 'md' : entry.kind;
      if (roll < 0.15 && !fixed && tree.size > initialFiles * 0.8) {
        set(path, null);
      } else if (roll < 0.18 && !fixed) {
        // A rename with a small edit (git pairs them with -M).
        const to = unique(path.replace(/[^/]+$/, `${rr.pick(NOUNS)}-${rr.pick(NOUNS)}.${path.split('.').pop()}`));
        set(path, null);
        set(to, newEntry(entry.kind, edit(rr, kind, entry.lines)));
      } else if (entry.kind === 'fixed:.gitignore') {
        set(path, newEntry(entry.kind, [...entry.lines, `${rr.pick(NOUNS)}-cache/`]));
      } else {
        set(path, newEntry(entry.kind, edit(rr, kind, entry.lines)));
      }
    }
    return changes;
  };
  const chooseMain = (rr) => {
    const hot = recent.filter((p) => main.has(p) && !locked.has(p));
    if (hot.length > 0 && rr.chance(0.6)) return rr.pick(hot);
    if (rr.chance(0.03)) return rr.pick(['README.md', '.gitignore']);
    return rr.pick(sources(main));
  };

  // 2. Every later commit, as the schedule says.
  for (let i = 1; i < commits; i++) {
    const slot = slots[i];
    const rr = createRandom(`history/${seed}/commit/${i}`);
    if (slot.kind === 'main') {
      const changes = work(rr, main, chooseMain);
      for (const [path, entry] of changes) if (entry) recent.push(path);
      recent.splice(0, Math.max(0, recent.length - 30));
      mainTip = commit('main', [mainTip], changes, message(rr, scopeOf([...changes.keys()][0])));
    } else if (slot.kind === 'branch') {
      // A branch works in its own package only, so that its merge is clean.
      const b = slot.branch;
      const branch = branches[b];
      trees[b] ??= { tree: new Map(main), own: new Set(), from: mainTip };
      const t = trees[b];
      const choose = (q) => q.pick([...t.own].filter((p) => t.tree.has(p)));
      const changes = work(rr, t.tree, choose, `packages/${branch.dir}/src`);
      for (const path of changes.keys()) t.own.add(path);
      tips[b] = commit(branch.name, [tips[b] ?? t.from], changes, message(rr, branch.dir));
    } else if (slot.kind === 'merge') {
      const b = slot.branch;
      const t = trees[b];
      const changes = new Map();
      for (const path of t.own) {
        if (t.tree.has(path)) {
          main.set(path, t.tree.get(path));
          changes.set(path, t.tree.get(path));
        } else if (main.has(path)) {
          main.delete(path);
          changes.set(path, null);
        }
      }
      mainTip = commit('main', [mainTip, tips[b]], changes, `Merge branch '${branches[b].name}'`);
      merges++;
    } else if (slot.kind === 'key-add') {
      const modules = sources(main).filter((p) => main.get(p).kind === 'ts' && !p.includes('.test.'));
      const server = modules.filter((p) => p.startsWith('packages/'));
      const path = rr.pick(server.length > 0 ? server : modules);
      if (!path) throw new BenchError('no TypeScript module in the history repository to plant the key in');
      const lines = [...main.get(path).lines];
      const at = boundary(rr, lines);
      lines.splice(at, 0, `import Stripe from 'stripe';`, '', keyLine(fakeKey(rules)), '');
      main.set(path, newEntry('ts', lines));
      locked.add(path);
      mainTip = commit('main', [mainTip], [[path, main.get(path)]], `feat(${scopeOf(path)}): charge the ${rr.pick(NOUNS)} through the payments client`);
      planted = { file: path, line: at + 3, ruleId: KEY_RULE, mark: mainTip };
    } else if (slot.kind === 'key-remove') {
      const path = planted.file;
      const lines = main.get(path).lines.map((l) => (l.startsWith("const stripe = new Stripe('") ? `const stripe = new Stripe(process.env.STRIPE_SECRET_KEY ?? '', { apiVersion: '2024-06-20' });` : l));
      main.set(path, newEntry('ts', lines));
      locked.delete(path);
      mainTip = commit('main', [mainTip], [[path, main.get(path)]], `fix(${scopeOf(path)}): read the payments key from the environment`);
    }
  }

  // 3. Import, check out, pack like a real clone.
  const marksPath = join(repo, '..', 'marks');
  gitOrThrow(repo, ['init', '-q', '-b', 'main']);
  gitOrThrow(repo, ['config', 'gc.auto', '0']);
  gitOrThrow(repo, ['fast-import', '--quiet', `--export-marks=${marksPath}`], Buffer.concat(stream));
  gitOrThrow(repo, ['reset', '-q', '--hard', 'main']);
  gitOrThrow(repo, ['repack', '-a', '-d', '-q']);
  const shas = new Map(readFileSync(marksPath, 'utf8').trim().split('\n').map((line) => line.slice(1).split(' ')).map(([m, sha]) => [Number(m), sha]));
  rmSync(marksPath, { force: true });
  const count = Number(gitOrThrow(repo, ['rev-list', '--all', '--count']).trim());
  if (count !== commits) throw new BenchError(`the history repository has ${count} commits, expected ${commits}`);
  const files = main.size;
  const { mark: keyMark, ...key } = planted;
  return { seed, commits, merges, branches: branches.length + 1, files, planted: [{ ...key, commit: shas.get(keyMark) }] };
}

const cap = (word) => word[0].toUpperCase() + word.slice(1);
