import { createHash } from 'node:crypto';
import type { CheckHit, FileCheck } from './check.js';
import { basename, isEnvTemplate, segments } from './paths.js';

/**
 * A live key where only test keys belong: test runs and local development charge real cards,
 * email real customers and touch production users. "Test places" are
 *
 * - `.env.test*` and `.env.development*` (templates excluded),
 * - test files (`*.test.*`, `*.spec.*`, anything under `__tests__/`), `fixtures/` and `__fixtures__/`,
 * - test runner configs (`vitest.config.*`, `jest.config.*`, `playwright.config.*`, `cypress.config.*`),
 * - GitHub Actions workflows, for a key inside a job or step whose id or name says test (or a
 *   step that runs the tests), or anywhere in a workflow whose file or `name:` says test.
 *
 * A key is live by its prefix (`sk_live_`, `rk_live_`: Stripe's, and Clerk's secret keys) and a
 * secret by the rules (`classify`), so placeholders and `${{ secrets.X }}` stay quiet.
 */

const LIVE_KEY = /(?<![A-Za-z0-9_])(?:sk|rk)_live_[A-Za-z0-9]{8,247}(?![A-Za-z0-9])/g;
const RUNNER_CONFIG = /^(?:vitest|vite|jest|playwright|cypress)\.config\.[cm]?[jt]s$|^vitest\.workspace\.[cm]?[jt]s$/;
/** `test`, `Run tests`, `unit-tests`, `e2e`: not `latest` or `contest`. */
const TEST_WORD = /(?:^|[^a-z])(?:tests?|e2e|vitest|jest|playwright|cypress)(?:[^a-z]|$)/i;
const WORKFLOW = /(?:^|\/)\.github\/workflows\/[^/]+\.ya?ml$/;

function testPlace(path: string): 'file' | 'workflow' | undefined {
  const name = basename(path);
  if (/^\.env\.(?:test|development)(?:\.|$)/.test(name)) return isEnvTemplate(path) ? undefined : 'file';
  if (WORKFLOW.test(path)) return 'workflow';
  if (/\.(?:test|spec)\.[^/]+$/.test(name) || RUNNER_CONFIG.test(name)) return 'file';
  const dirs = segments(path).slice(0, -1);
  return dirs.some((d) => d === '__tests__' || d === 'fixtures' || d === '__fixtures__') ? 'file' : undefined;
}

export const liveKeyInTestEnv: FileCheck = {
  kind: 'file',
  id: 'live-key-in-test-env',
  provider: 'Stripe',
  title: 'Live key in test or development configuration',
  severity: 'medium',
  fix: 'use a test-mode key (`sk_test_…` from the Stripe dashboard in test mode, or the development instance key in Clerk) for tests and local development; keep the live key in production settings only',
  keywords: ['sk_live_', 'rk_live_'],
  appliesTo(path) {
    return testPlace(path) !== undefined;
  },
  run(path, text, context) {
    const place = testPlace(path);
    if (!place) return [];
    const workflow = place === 'workflow' ? new Workflow(text, path) : undefined;
    const hits: CheckHit[] = [];
    LIVE_KEY.lastIndex = 0;
    for (let m = LIVE_KEY.exec(text); m; m = LIVE_KEY.exec(text)) {
      const key = m[0];
      const verdict = context.classify(key);
      if (!verdict.secret || verdict.publicByDesign) continue;
      if (workflow && !workflow.isTestContext(m.index)) continue;
      const provider = verdict.ruleId?.startsWith('clerk') ? 'Clerk' : 'Stripe';
      const kind = key.startsWith('rk_') ? 'restricted key' : 'secret key';
      const where = workflow ? 'a CI test job' : describePlace(path);
      hits.push({
        start: m.index,
        end: m.index + key.length,
        // Distinct per key and stable across edits, without carrying any of it: a digest of the key.
        key: `${provider.toLowerCase()}-live-key:${createHash('sha256').update(key).digest('hex').slice(0, 16)}`,
        secret: key,
        message: `${provider} live ${kind} in ${where}: tests and local development should run on a test-mode key`,
        fix:
          provider === 'Clerk'
            ? "use the development instance's `sk_test_…` key from the Clerk Dashboard for tests and local development; keep the live key in production settings only"
            : 'use a test-mode key (`sk_test_…`, Stripe dashboard → test mode → API keys) for tests and local development; keep the live key in production settings only',
      });
    }
    return hits;
  },
};

function describePlace(path: string): string {
  const name = basename(path);
  if (name.startsWith('.env.')) return name;
  if (RUNNER_CONFIG.test(name)) return `the test runner config ${name}`;
  return /\.(?:test|spec)\./.test(name) || path.includes('__tests__/') ? `the test file ${name}` : `the fixture ${name}`;
}

interface YamlLine {
  indent: number;
  /** The line without indentation, `- ` list markers and trailing comment-only content. */
  content: string;
  /** Indentation of the mapping the line's first key belongs to (past any `- ` markers). */
  keyIndent: number;
  isItem: boolean;
  start: number;
}

/**
 * Just enough YAML structure for GitHub workflows: which job and step a line belongs to, by
 * indentation. (Flow mappings and multi-document files are rare in workflows and read as text.)
 */
class Workflow {
  private readonly lines: YamlLine[] = [];
  private readonly wholeFileIsTest: boolean;

  constructor(text: string, path: string) {
    let start = 0;
    for (const raw of text.split('\n')) {
      const line = raw.replace(/\r$/, '');
      const indent = line.length - line.trimStart().length;
      let content = line.trim();
      let keyIndent = indent;
      let isItem = false;
      while (content.startsWith('- ') || content === '-') {
        isItem = true;
        const rest = content.slice(1);
        keyIndent += 1 + (rest.length - rest.trimStart().length);
        content = rest.trimStart();
      }
      this.lines.push({ indent, content, keyIndent, isItem, start });
      start += raw.length + 1;
    }
    const top = this.lines.find((l) => l.indent === 0 && l.content.startsWith('name:'));
    this.wholeFileIsTest = (!!top && TEST_WORD.test(top.content.slice(5))) || TEST_WORD.test(basename(path));
  }

  private lineAt(offset: number): number {
    let lo = 0;
    let hi = this.lines.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lines[mid]!.start <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private meaningful(i: number): boolean {
    const c = this.lines[i]!.content;
    return c !== '' && !c.startsWith('#');
  }

  /** The direct `key: value` children of the mapping opened at line `i` (its own line included for `- key:` items). */
  private children(i: number): string[] {
    const head = this.lines[i]!;
    const out = head.isItem ? [head.content] : [];
    let childIndent = -1;
    for (let j = i + 1; j < this.lines.length; j++) {
      if (!this.meaningful(j)) continue;
      const line = this.lines[j]!;
      if (line.indent <= head.indent) break;
      if (childIndent < 0) childIndent = line.indent;
      if (line.indent === childIndent || (head.isItem && line.indent === head.keyIndent)) out.push(line.content);
    }
    return out;
  }

  isTestContext(offset: number): boolean {
    if (this.wholeFileIsTest) return true;
    const i = this.lineAt(offset);
    let indent = this.lines[i]!.keyIndent;
    const ancestors: number[] = [];
    if (this.lines[i]!.isItem) ancestors.push(i);
    for (let j = i - 1; j >= 0 && indent > 0; j--) {
      if (!this.meaningful(j)) continue;
      const line = this.lines[j]!;
      if (line.keyIndent < indent || (line.isItem && line.indent < indent)) {
        ancestors.push(j);
        indent = line.indent;
      }
    }
    for (let k = 0; k < ancestors.length; k++) {
      const line = this.lines[ancestors[k]!]!;
      const parent = ancestors[k + 1] === undefined ? undefined : this.lines[ancestors[k + 1]!]!;
      const own = this.children(ancestors[k]!);
      if (line.isItem) {
        // A step: its name, or the command it runs.
        if (own.some((c) => /^(?:name|run|uses):/.test(c) && TEST_WORD.test(c.slice(c.indexOf(':') + 1)))) return true;
      } else if (parent && parent.indent === 0 && parent.content.startsWith('jobs:')) {
        // A job: its id or its name.
        if (TEST_WORD.test(line.content.split(':')[0]!) || own.some((c) => c.startsWith('name:') && TEST_WORD.test(c.slice(5)))) return true;
      }
    }
    return false;
  }
}
