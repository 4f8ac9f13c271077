/** Running one scenario under several protocols, and what the table and report need of each run. */
import { presetScenario, simulate, DEFAULT_ASSIGNOR } from '../testing/index.js';
import type { Protocol, Scenario, SimulationResult } from '../testing/index.js';

/** One run: a label for tables and legends, and its result. */
export interface LabelledRun {
  readonly label: string;
  readonly result: SimulationResult;
}

/**
 * The label of a run: `cooperative / cooperative-sticky` or `consumer (KIP-848) / uniform`, with
 * `, static` for static members.
 */
export function runLabel(s: Scenario): string {
  const protocol = s.protocol === 'consumer' ? 'consumer (KIP-848)' : s.protocol;
  return `${protocol} / ${s.assignor}${s.settings.static ? ', static' : ''}`;
}

/** Runs each scenario with `seed`. */
export function runAll(scenarios: readonly Scenario[], seed: number): LabelledRun[] {
  return scenarios.map((s) => ({ label: runLabel(s), result: simulate(s, { seed, traceLines: 300 }) }));
}

/**
 * The built-in comparison (`npm start`): a rolling deploy of 6 consumers of a 48-partition
 * topic under eager range, eager sticky, cooperative-sticky and KIP-848 uniform, each with and
 * without static membership (under KIP-848: a group.instance.id, and a leave with epoch -2 on close).
 */
export function defaultComparison(): Scenario[] {
  const sides: { protocol: Protocol; assignor: string }[] = [
    { protocol: 'eager', assignor: 'range' },
    { protocol: 'eager', assignor: 'sticky' },
    { protocol: 'cooperative', assignor: 'cooperative-sticky' },
    { protocol: 'consumer', assignor: DEFAULT_ASSIGNOR.consumer },
  ];
  return sides.flatMap((side) => [false, true].map((isStatic) => presetScenario('rolling-deploy', { ...side, members: 6, partitions: 48, static: isStatic })));
}
