// The one table the bench prints: medians, each figure beside its reference from the same invocation.

import { median } from './measure.js';

const int = (n) => Math.round(n).toLocaleString('en-US');
const ms = (n) => (n < 10 ? n.toFixed(1) : int(n));
const rate = (n) => (n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : int(n));
const ratio = (n) => (n < 10 ? n.toFixed(2) : n.toFixed(1)) + '×';

/**
 * `results`: [{ plan, rows: Map(id -> { row, samples: [{ms, rssKb}] | undefined }) }].
 * Returns the table's lines.
 */
export function renderTable(results) {
  const header = ['', 'median ms', 'min–max ms', 'MB/s', 'files/s', 'peak RSS', 'ratio (median of per-run ratios)'];
  const body = [];
  const notes = [];
  for (const { plan, rows } of results) {
    body.push({ title: `${plan.title} — reference: ${rows.get(plan.reference)?.row.label ?? plan.reference}` });
    for (const { row, samples } of rows.values()) {
      if (!samples) {
        body.push({ cells: [`  ${row.label}`, 'skipped', '', '', '', '', '(see notes)'] });
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
          `  ${row.label}${row.id === plan.reference ? ' [ref]' : ''}`,
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
  const widths = header.map((h, i) => Math.max(h.length, ...body.filter((b) => b.cells).map((b) => b.cells[i].length)));
  const line = (cells) =>
    cells
      .map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join('  ')
      .trimEnd();
  const out = [line(header), '-'.repeat(widths.reduce((a, b) => a + b + 2, -2))];
  for (const b of body) out.push(b.title ?? line(b.cells));
  if (notes.length) out.push('', ...notes.map((n) => `* ${n}`));
  return out;
}
