// The one table the bench prints: medians, each figure beside its reference from the same invocation.

import { median } from './measure.js';

const int = (n) => Math.round(n).toLocaleString('en-US');
const ms = (n) => (n < 10 ? n.toFixed(1) : int(n));
const rate = (n) => (n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : int(n));
const ratio = (n) => (n < 10 ? n.toFixed(2) : n.toFixed(1)) + '×';

const HEADER = ['', 'median ms', 'min–max ms', 'MB/s', 'files/s', 'peak RSS', 'ratio (median of per-run ratios)'];

/** The table's content: section titles, rows of cells (label first), and the notes. */
function tableContent(results) {
  const body = [];
  const notes = [];
  for (const { plan, rows } of results) {
    const reference = rows.get(plan.reference)?.row.label;
    body.push({ title: reference ? `${plan.title} — reference: ${reference}` : plan.title });
    for (const { row, samples } of rows.values()) {
      if (!samples) {
        body.push({ cells: [row.label, 'skipped', '', '', '', '', '(see notes)'] });
        continue;
      }
      const times = samples.map((s) => s.ms);
      const med = median(times);
      const rss = samples.map((s) => s.rssKb).filter((v) => v !== undefined);
      const ratios = plan.ratios
        .filter(([num]) => num === row.id)
        .map(([, den]) => {
          const other = rows.get(den)?.samples;
          if (!other) return undefined;
          // Run i of one row beside run i of the other (a row may have fewer runs: pair those).
          const pairs = Math.min(samples.length, other.length);
          const perRun = Array.from({ length: pairs }, (_, i) => samples[i].ms / other[i].ms);
          return `${ratio(median(perRun))} ${rows.get(den).row.id}`;
        })
        .filter(Boolean);
      body.push({
        cells: [
          `${row.label}${row.id === plan.reference ? ' [ref]' : ''}`,
          ms(med),
          samples.length > 1 ? `${ms(Math.min(...times))}–${ms(Math.max(...times))}` : '',
          plan.bytes ? rate(plan.bytes / 1e6 / (med / 1000)) : '',
          plan.files ? int(plan.files / (med / 1000)) : '',
          rss.length ? `${int(median(rss) / 1024)} MB` : '',
          ratios.join(' · '),
        ],
      });
    }
    for (const note of plan.notes) notes.push(`${plan.title.split(':')[0]}: ${note}`);
  }
  return { body, notes };
}

/**
 * `results`: [{ plan, rows: Map(id -> { row, samples: [{ms, rssKb}] | undefined }) }].
 * Returns the table's lines.
 */
export function renderTable(results) {
  const { body, notes } = tableContent(results);
  for (const b of body) if (b.cells) b.cells[0] = `  ${b.cells[0]}`;
  const widths = HEADER.map((h, i) => Math.max(h.length, ...body.filter((b) => b.cells).map((b) => b.cells[i].length)));
  const line = (cells) =>
    cells
      .map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join('  ')
      .trimEnd();
  const out = [line(HEADER), '-'.repeat(widths.reduce((a, b) => a + b + 2, -2))];
  for (const b of body) out.push(b.title ?? line(b.cells));
  if (notes.length) out.push('', ...notes.map((n) => `* ${n}`));
  return out;
}

/** Markdown text: no emphasis, code, HTML or cell break by accident. */
const escapeMd = (text) => text.replace(/[\\`*_|]|<(?=[A-Za-z/!?])/g, '\\$&');

/**
 * The same table in Markdown (for the README): the first `header` line (the machine) as a
 * paragraph, the rest as another, then the table and the notes.
 */
export function renderMarkdown(results, header) {
  const { body, notes } = tableContent(results);
  const row = (cells) => `| ${cells.join(' | ')} |`.replace(/ {2,}\|/g, ' |');
  const [machine, ...rest] = header.map(escapeMd);
  const out = [machine, ''];
  if (rest.length) out.push(rest.map((l) => (/[.!?:]$/.test(l) ? l : `${l}.`)).join(' '), '');
  out.push(row(HEADER.map(escapeMd)), row(HEADER.map((_, i) => (i === 0 || i === HEADER.length - 1 ? ':--' : '--:'))));
  for (const b of body) out.push(b.title ? row([`**${escapeMd(b.title)}**`, ...HEADER.slice(1).map(() => '')]) : row(b.cells.map(escapeMd)));
  if (notes.length) out.push('', ...notes.map((n) => `- ${escapeMd(n)}`));
  return out;
}
