import { describe, expect, it } from 'vitest';
import { emptySummary, finish } from '../src/engine/run.js';
import { escapeData, escapeProperty, githubReporter, workflowCommand } from '../src/reporters/github.js';
import { FORMATS, reporters } from '../src/reporters/index.js';
import { code, jobSummaryMarkdown, text } from '../src/reporters/job-summary.js';
import { COMMIT, ctx, expectNoSecret, reporterFixture, WEIRD_PATH } from './helpers/reporter-fixtures.js';

// ---------------------------------------------------------------------------------------------
// Fixtures: real engine runs over generated text (test/helpers/reporter-fixtures.ts).

/** Every character a Markdown table cell cares about. */
const TABLE_PATH = 'docs/a|b`c``d.md';

const fixture = () => reporterFixture({ tablePath: TABLE_PATH });

/**
 * A workflow command parsed the way the runner does: `::name k=v,k=v::data`, properties split on `,`
 * and the first `=`, then `%0D`, `%0A`, `%3A`, `%2C` and `%25` decoded (data: the first, second and last).
 */
function parseCommand(line: string): { command: string; properties: Record<string, string>; data: string } {
  const match = /^::([a-z-]+)(?: ([^:]*))?::(.*)$/.exec(line);
  if (!match) throw new Error(`not a workflow command: ${line}`);
  const unescapeData = (s: string) => s.replace(/%0D/gi, '\r').replace(/%0A/gi, '\n').replace(/%25/g, '%');
  const unescapeProperty = (s: string) =>
    s.replace(/%0D/gi, '\r').replace(/%0A/gi, '\n').replace(/%3A/gi, ':').replace(/%2C/gi, ',').replace(/%25/g, '%');
  const properties: Record<string, string> = {};
  for (const pair of (match[2] ?? '').split(',').filter(Boolean)) {
    const eq = pair.indexOf('=');
    properties[pair.slice(0, eq)] = unescapeProperty(pair.slice(eq + 1));
  }
  return { command: match[1]!, properties, data: unescapeData(match[3]!) };
}

/** Split a Markdown table row into cells the way GFM does: on `|` not preceded by a backslash. */
function cells(row: string): string[] {
  return row.replace(/^\| /, '').replace(/ \|$/, '').split(/(?<!\\)\|/).map((c) => c.trim());
}

// ---------------------------------------------------------------------------------------------

describe('github reporter', () => {
  it('is registered as --format github', () => {
    expect(FORMATS).toContain('github');
    expect(reporters.github).toBe(githubReporter);
  });

  it('prints one workflow command per finding, then a one-line plain summary', () => {
    const { result } = fixture();
    const output = githubReporter(result, ctx);
    expect(output.endsWith('\n')).toBe(true);
    const lines = output.slice(0, -1).split('\n');
    expect(lines).toHaveLength(result.findings.length + 1);
    const levels = { critical: 'error', high: 'error', medium: 'warning', low: 'notice' } as const;
    result.findings.forEach((finding, i) => {
      const { command, properties, data } = parseCommand(lines[i]!);
      expect(command).toBe(levels[finding.severity]);
      expect(properties.file).toBe(finding.file);
      expect(properties.line).toBe(String(finding.line));
      expect(properties.endLine).toBe(String(finding.endLine));
      expect(properties.title).toBe(`${finding.title} (${finding.ruleId})`);
      expect(data.split('\n')[0]).toBe(finding.message);
      expect(data).toContain(`fix: ${finding.fix}`);
    });
    const summary = lines.at(-1)!;
    expect(summary).not.toMatch(/^::/);
    expect(summary).not.toContain('\x1b');
    expect(summary).toContain(`${result.findings.length} findings`);
    expect(summary).toContain('1 unreadable');
  });

  it('gives columns on single-line findings only (GitHub refuses them on multi-line annotations)', () => {
    const { result } = fixture();
    const lines = githubReporter(result, ctx).split('\n');
    const live = parseCommand(lines[result.findings.findIndex((f) => f.ruleId === 'stripe-live-secret-key')]!);
    expect(live.properties).toMatchObject({ file: 'src/lib/stripe.ts', line: '2', col: '35', endLine: '2' });
    expect(Number(live.properties.endColumn)).toBeGreaterThan(35);
    const token = parseCommand(lines[result.findings.findIndex((f) => f.ruleId === 'acme-session-token')]!);
    expect(token.command).toBe('notice');
    expect(token.properties).toEqual({ file: 'notes/acme.txt', line: '2', endLine: '4', title: 'Acme session token (acme-session-token)' });
  });

  it('escapes properties and data per the workflow-command rules', () => {
    const { result } = fixture();
    const lines = githubReporter(result, ctx).split('\n');
    const index = result.findings.findIndex((f) => f.file === WEIRD_PATH);
    const raw = lines[index]!;
    expect(raw).toMatch(/^::error file=weird\/a%2Cb%3Ac%25d%0Aname\.ts,line=1,col=\d+,endLine=1,endColumn=\d+,title=/);
    expect(parseCommand(raw).properties.file).toBe(WEIRD_PATH);

    expect(escapeData('100% done\r\nnext: a, b')).toBe('100%25 done%0D%0Anext: a, b');
    expect(escapeProperty('100% done\r\nnext: a, b')).toBe('100%25 done%0D%0Anext%3A a%2C b');
    // `%` first: an already-escaped sequence in the input must not be decoded by the runner.
    expect(escapeProperty('%2C')).toBe('%252C');
    const command = workflowCommand('warning', [['file', 'x,y=z:w'], ['title', 'a::b']], 'line one\n::error::injected');
    expect(command).toBe('::warning file=x%2Cy=z%3Aw,title=a%3A%3Ab::line one%0A::error::injected');
    expect(command.split('\n')).toHaveLength(1);
    expect(parseCommand(command)).toEqual({ command: 'warning', properties: { file: 'x,y=z:w', title: 'a::b' }, data: 'line one\n::error::injected' });
  });

  it('carries the commit of history findings in the message', () => {
    const { result } = fixture();
    const lines = githubReporter(result, ctx).split('\n');
    const historic = parseCommand(lines[result.findings.findIndex((f) => f.commit !== undefined)]!);
    expect(historic.data).toContain(`added in ${COMMIT.sha.slice(0, 12)} by ${COMMIT.author} on 2024-05-06`);
  });

  it('never prints a raw secret or a snippet', () => {
    const { result, secrets } = fixture();
    const output = githubReporter(result, ctx);
    expectNoSecret(output, secrets);
    expect(output).not.toContain('new Stripe(');
  });

  it('prints only the summary when there are no findings', () => {
    const output = githubReporter(finish({ findings: [], summary: emptySummary() }, performance.now()), ctx);
    expect(output.split('\n')).toHaveLength(2);
    expect(output).toMatch(/^✔ no secrets found · /);
  });
});

describe('jobSummaryMarkdown', () => {
  it('has a headline, counts by severity and a row for every finding', () => {
    const { result } = fixture();
    const md = jobSummaryMarkdown(result);
    expect(md.split('\n')[0]).toMatch(/^## .*secretguard: 7 secrets found$/);
    for (const [severity, n] of [['critical', 3], ['high', 2], ['medium', 1], ['low', 1]] as const) {
      expect(md).toContain(`| ${severity} | ${n} |`);
    }
    const header = md.split('\n').find((l) => l.startsWith('| Severity | Rule'))!;
    expect(cells(header)).toEqual(['Severity', 'Rule', 'Location', 'Commit', 'Secret', 'Fix']);
    const rows = md.split('\n').filter((l) => /^\| (critical|high|medium|low) \| \S/.test(l) && cells(l).length > 2);
    expect(rows).toHaveLength(result.findings.length);
    for (const row of rows) expect(cells(row), row).toHaveLength(6);
    // Worst first.
    expect(rows.map((r) => cells(r)[0])).toEqual(['critical', 'critical', 'critical', 'high', 'high', 'medium', 'low']);
  });

  it('renders location, commit, redacted secret and fix', () => {
    const { result } = fixture();
    const md = jobSummaryMarkdown(result);
    const historic = result.findings.find((f) => f.commit !== undefined)!;
    const row = md.split('\n').find((l) => l.includes('`config/old.json:2`'))!;
    expect(cells(row)).toEqual([
      'critical',
      `${historic.title} \`${historic.ruleId}\``,
      '`config/old.json:2`',
      '`a1b2c3d`',
      `\`${historic.secret}\``,
      text(historic.fix),
    ]);
    const plainRow = md.split('\n').find((l) => l.includes('`src/lib/stripe.ts:2`'))!;
    expect(cells(plainRow)[3]).toBe('');
  });

  it('escapes | and backticks in cells, and keeps every row on one line', () => {
    const { result } = fixture();
    const md = jobSummaryMarkdown(result);
    // `docs/a|b`c``d.md:1` holds a run of two backticks: a three-backtick fence, `|` escaped.
    expect(md).toContain('```docs/a\\|b`c``d.md:1```');
    expect(md).toContain('`weird/a,b:c%d␊name.ts:1`');
    const acme = md.split('\n').find((l) => l.includes('acme-session-token'))!;
    expect(cells(acme).at(-1)).toBe('delete it \\| then sign out every \\`acme\\` session');
    expect(cells(acme)).toHaveLength(6);

    expect(code('a|b')).toBe('`a\\|b`');
    expect(code('`x`')).toBe('`` `x` ``');
    expect(code('a``b')).toBe('```a``b```');
    expect(code('two\nlines')).toBe('`two␊lines`');
    expect(text('a | b `c` <img src=x> *d*')).toBe('a \\| b \\`c\\` &lt;img src=x&gt; \\*d\\*');
  });

  it('reports suppressed and skipped counts', () => {
    const md = jobSummaryMarkdown(fixture().result);
    expect(md).toContain('**Scanned:** 6 files, 3 commits.');
    expect(md).toContain('**Suppressed:** 2 inline, 1 allowlisted, 4 in the baseline.');
    expect(md).toContain('**Skipped:** 3 binary, 1 too large, 1 symbolic link, 1 unreadable, 0 nested repositories.');
    expect(md).toContain('Incomplete scan: 1 file could not be read.');
  });

  it('says "no secrets found" when empty, with the counts still there', () => {
    const summary = emptySummary();
    summary.filesScanned = 12;
    summary.suppressed.inline = 1;
    const md = jobSummaryMarkdown(finish({ findings: [], summary }, performance.now()));
    expect(md).toMatch(/^## .*no secrets found\n/);
    expect(md).not.toContain('| Severity');
    expect(md).toContain('**Suppressed:** 1 inline, 0 allowlisted, 0 in the baseline.');
    expect(md).not.toContain('Incomplete scan');
  });

  it('leaves out the Commit column when no finding has a commit', () => {
    const { result } = fixture();
    const md = jobSummaryMarkdown({ ...result, findings: result.findings.filter((f) => f.commit === undefined) });
    const header = md.split('\n').find((l) => l.startsWith('| Severity | Rule'))!;
    expect(cells(header)).toEqual(['Severity', 'Rule', 'Location', 'Secret', 'Fix']);
  });

  it('never contains a raw secret or a snippet', () => {
    const { result, secrets } = fixture();
    const md = jobSummaryMarkdown(result);
    expectNoSecret(md, secrets);
    expect(md).not.toContain('new Stripe(');
  });
});
