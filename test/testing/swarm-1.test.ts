// Seeds 1..500 of the simulator's swarm (the other half runs in a parallel file).
import { describe, expect, it } from 'vitest';
import { runSwarm } from './swarm.js';

describe('simulator swarm', () => {
  it('runs 500 random seeds across protocols (eager, cooperative, KIP-848) and faults without a failure', () => {
    const { protocols, faults } = runSwarm(1, 500);
    expect(protocols.size).toBeGreaterThanOrEqual(4);
    // About a third of the seeds run the KIP-848 pair.
    const consumer = [...protocols].filter(([k]) => k.startsWith('consumer/')).reduce((n, [, c]) => n + c, 0);
    expect(consumer).toBeGreaterThan(100);
    expect(faults).toBeGreaterThan(500);
  }, 600_000);
});
