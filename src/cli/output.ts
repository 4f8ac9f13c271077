/** Printing runs: the table (or JSON), failures with their transcripts, and the HTML report. */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { formatFailure, formatScenario } from '../testing/index.js';
import type { ParsedArgs } from './args.js';
import { renderReport } from './report/html.js';
import type { LabelledRun } from './runs.js';
import { summaryTable } from './table.js';

function json(runs: readonly LabelledRun[]): string {
  return JSON.stringify(
    runs.map((r) => ({
      label: r.label,
      protocol: r.result.scenario.protocol,
      assignor: r.result.scenario.assignor,
      static: r.result.scenario.settings.static,
      seed: r.result.seed,
      metrics: r.result.metrics,
      failure: r.result.failure === null ? null : { kind: r.result.failure.kind, atMs: r.result.failure.atMs, message: r.result.failure.message },
      scenario: formatScenario(r.result.scenario),
    })),
    null,
    2,
  );
}

/** Writes the report to `path`; returns its absolute path. */
export function writeReport(path: string, title: string, runs: readonly LabelledRun[]): string {
  const full = resolve(path);
  try {
    writeFileSync(full, renderReport(title, runs));
  } catch {
    throw new UsageError(`cannot write the report to ${path}`);
  }
  return full;
}

/** Prints the runs as the flags ask; returns 1 when a run failed a check, else 0. */
export function emit(title: string, runs: readonly LabelledRun[], args: ParsedArgs, defaultReport?: string): number {
  if (args.booleans.has('json')) process.stdout.write(json(runs) + '\n');
  else process.stdout.write(`${title}\n\n${summaryTable(runs)}\n`);
  const reportPath = args.values.get('report') ?? defaultReport;
  if (reportPath !== undefined) {
    const full = writeReport(reportPath, `kgroup: ${title}`, runs);
    if (!args.booleans.has('json')) process.stdout.write(`\nreport written to ${full}\n`);
  }
  const failed = runs.filter((r) => r.result.failure !== null);
  for (const r of failed) if (r.result.failure !== null) process.stderr.write(`\n${formatFailure(r.result.failure, formatScenario(r.result.scenario))}\n`);
  return failed.length > 0 ? 1 : 0;
}
