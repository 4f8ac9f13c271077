/** The summary table the command prints: one row per run. */
import { METRIC_COLUMNS } from './format.js';
import type { LabelledRun } from './runs.js';

/** The runs as an aligned text table, with a status column. */
export function summaryTable(runs: readonly LabelledRun[]): string {
  const header = ['protocol / assignor', ...METRIC_COLUMNS.map((c) => c.header), 'checks'];
  const rows = runs.map((r) => [r.label, ...METRIC_COLUMNS.map((c) => c.cell(r.result.metrics)), r.result.failure === null ? 'ok' : `FAILED (${r.result.failure.kind})`]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
