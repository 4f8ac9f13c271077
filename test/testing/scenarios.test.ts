// Simulation transcripts (test/scenarios/simulation/*.txt), in the datadriven format: each
// `simulate seed=N` directive runs the scenario written as its input and prints the figures
// and the checks. The files pin down what each preset does; UPDATE_TESTDATA=1 rewrites them
// (review the diff like code).
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { argInt, runTestFile, walkTestFiles } from '../support/datadriven.js';
import type { TestData } from '../support/datadriven.js';
import { parseScenario, simulate } from '../../src/testing/index.js';

const DIR = join(import.meta.dirname, '..', 'scenarios', 'simulation');

function seconds(ms: number | null): string {
  return ms === null ? 'never' : `${(ms / 1000).toFixed(3)}s`;
}

function handle(d: TestData): string {
  if (d.cmd !== 'simulate') throw new Error(`${d.pos}: unknown command ${d.cmd}`);
  const r = simulate(parseScenario(d.input), { seed: argInt(d, 'seed', 1) as number });
  const m = r.metrics;
  return [
    `rebalances: ${m.rebalances}`,
    `partitions revoked: ${m.partitionsRevoked}`,
    `partitions moved: ${m.partitionsMoved}`,
    `time to stable: ${seconds(m.timeToStableMs)}`,
    `partition-seconds without owner: ${m.unownedPartitionSeconds.toFixed(1)}`,
    `peak lag: ${Math.round(m.peakLag)}`,
    `total lag: ${Math.round(m.lagMessageSeconds)} msg-s`,
    `checks: ${r.failure === null ? 'ok' : `${r.failure.kind}: ${r.failure.message}`}`,
    `digest: ${r.digest}`,
  ].join('\n');
}

describe('simulation transcripts', () => {
  const files = walkTestFiles(DIR);
  it('has transcripts to run', () => {
    expect(files.length).toBeGreaterThanOrEqual(4);
  });
  it.each(files)('%s', (file) => {
    const mismatch = runTestFile(file, handle);
    expect(mismatch, mismatch === undefined ? '' : `${mismatch.pos}\nexpected:\n${mismatch.expected}\nactual:\n${mismatch.actual}`).toBeUndefined();
  });
});
