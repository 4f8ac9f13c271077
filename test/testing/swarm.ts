/**
 * Many random seeds (swarm testing): each seed draws a scenario (protocol, assignor, group size,
 * timeouts, network faults, crashes, stalls, cut links, restarts, failovers), runs it with every
 * checker on, and must end without a failure. A failure prints the seed and a transcript that
 * replays it. SIM_SEED_START moves the range, so CI can cover new seeds over time.
 */
import { expect } from 'vitest';
import { formatFailure, formatScenario, simulate, swarmScenario } from '../../src/testing/index.js';

/** Runs seeds [first, first + count) and fails with the first failing seed's transcript. */
export function runSwarm(first: number, count: number): { protocols: Map<string, number>; faults: number } {
  const offset = Number(process.env['SIM_SEED_START'] ?? 0);
  const from = first + offset;
  const protocols = new Map<string, number>();
  let faults = 0;
  for (let seed = from; seed < from + count; seed++) {
    const s = swarmScenario(seed);
    protocols.set(`${s.protocol}/${s.assignor}`, (protocols.get(`${s.protocol}/${s.assignor}`) ?? 0) + 1);
    faults += s.actions.length;
    const r = simulate(s, { seed });
    if (r.failure !== null) expect.fail(formatFailure(r.failure, formatScenario(s)));
    expect(r.livenessChecked, `seed ${seed}: liveness was not checked`).toBe(true);
  }
  console.log(`simulator: seeds ${from}..${from + count - 1} passed (${count} seeds, ${faults} scheduled actions; ${[...protocols].sort().map(([k, n]) => `${k} ${n}`).join(', ')})`);
  return { protocols, faults };
}
