/** `kgroup compare`: the built-in comparison that `npm start` runs, with its HTML report. */
import { parseSeed } from '../testing/index.js';
import { parseFlags } from './args.js';
import { emit } from './output.js';
import { defaultComparison, runAll } from './runs.js';

/** Where the report goes unless --report says otherwise (relative to the working directory). */
export const DEFAULT_REPORT = 'kgroup-report.html';

/** Runs `kgroup compare`; returns the exit code. */
export function compareCommand(argv: readonly string[]): number {
  const args = parseFlags(argv, { seed: 'value', report: 'value', json: 'boolean' }, 'compare');
  const seed = parseSeed(args.values.get('seed') ?? '1');
  const runs = runAll(defaultComparison(), seed);
  return emit(`rolling deploy of 6 consumers, 48 partitions (seed ${seed})`, runs, args, DEFAULT_REPORT);
}
