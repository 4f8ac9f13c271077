/**
 * Many random seeds (swarm testing): each seed draws a scenario (protocol, assignor, group size,
 * timeouts, network faults, crashes, stalls, cut links, restarts, failovers), runs it with every
 * checker on, and must end without a failure. A failure prints the seed and a transcript that
 * replays it. SIM_SEED_START moves the range, so CI can cover new seeds over time.
 */
import { describe, expect, it } from 'vitest';
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

/** One test file's share of the swarm: seeds [first, first + count), with the mix checked. */
export function defineSwarmTest(first: number, count: number): void {
  describe('simulator swarm', () => {
    it(`runs ${count} random seeds across protocols (eager, cooperative, KIP-848) and faults without a failure`, () => {
      const { protocols, faults } = runSwarm(first, count);
      expect(protocols.size).toBeGreaterThanOrEqual(4);
      // About a third of the seeds run the KIP-848 pair.
      const consumer = [...protocols].filter(([k]) => k.startsWith('consumer/')).reduce((n, [, c]) => n + c, 0);
      expect(consumer).toBeGreaterThan(count / 5);
      expect(faults).toBeGreaterThan(count);
    }, 600_000);
  });
}
