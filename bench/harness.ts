/**
 * A small benchmark harness: run a case a few times after a warm-up, report the median and
 * the best wall time, and print results as a table. Every case may be paired with a floor,
 * the cost of just writing out an answer of the same size in the same run, so that a figure
 * reads as a ratio that holds across machines.
 */

/** One measured case. */
export interface BenchResult {
  name: string;
  medianMs: number;
  minMs: number;
  runs: number;
  /** Extra columns (ops/s, MB/s, heap, floor...). */
  extra?: Record<string, string | number>;
}

/** Runs `fn` `warmup` times, then `runs` times, and returns median and min wall time in ms. */
export function measure(name: string, fn: () => unknown, opts: { runs?: number; warmup?: number } = {}): BenchResult {
  const runs = opts.runs ?? 5;
  const warmup = opts.warmup ?? 1;
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { name, medianMs: times[Math.floor(times.length / 2)] as number, minMs: times[0] as number, runs };
}

/** Peak heap used while running `fn` once, in MiB (approximate: sampled after the call with gc exposed). */
export function heapAfter(fn: () => unknown): { result: unknown; heapMiB: number } {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage().heapUsed;
  const result = fn();
  const after = process.memoryUsage().heapUsed;
  return { result, heapMiB: (after - before) / 2 ** 20 };
}

/** Prints results as an aligned table with a title. */
export function printTable(title: string, results: readonly BenchResult[]): void {
  const extraKeys = [...new Set(results.flatMap((r) => Object.keys(r.extra ?? {})))];
  const header = ['case', 'median ms', 'min ms', 'runs', ...extraKeys];
  const rows = results.map((r) => [
    r.name,
    r.medianMs.toFixed(2),
    r.minMs.toFixed(2),
    String(r.runs),
    ...extraKeys.map((k) => String(r.extra?.[k] ?? '')),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) => '| ' + cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join(' | ') + ' |';
  console.log(`\n### ${title}\n`);
  console.log(line(header));
  console.log('|' + widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : '-'.repeat(w + 1) + ':')).join('|') + '|');
  for (const row of rows) console.log(line(row));
}
