// The simulator itself: a seed gives the same run byte for byte, different seeds differ, the
// presets run clean under both classic protocols, and the figures say what each protocol is
// known for (cooperative revokes less; a static member's quick restart causes no rebalance).
import { describe, expect, it } from 'vitest';
import { PRESET_NAMES, presetScenario, simulate, swarmScenario } from '../../src/testing/index.js';
import { smallScenario } from './support.js';

describe('determinism', () => {
  it('gives the same run, trace line for trace line, for the same seed', () => {
    const s = swarmScenario(11);
    const a = simulate(s, { seed: 11, fullTrace: true });
    const b = simulate(s, { seed: 11, fullTrace: true });
    expect(a.trace?.length).toBeGreaterThan(100);
    expect(b.trace).toEqual(a.trace);
    expect(b.digest).toBe(a.digest);
    expect(JSON.stringify(b.metrics)).toBe(JSON.stringify(a.metrics));
    expect(JSON.stringify(b.series)).toBe(JSON.stringify(a.series));
  });

  it('gives different runs for different seeds of the same scenario (jitter and poll phases differ)', () => {
    const s = smallScenario();
    const digests = new Set([1, 2, 3].map((seed) => simulate(s, { seed }).digest));
    expect(digests.size).toBe(3);
  });
});

describe('presets', () => {
  it.each(PRESET_NAMES.flatMap((name) => (['eager', 'cooperative'] as const).map((p) => [name, p] as const)))('%s under %s passes every check and settles', (name, protocol) => {
    const r = simulate(presetScenario(name, { protocol, members: 4, partitions: 16 }), { seed: 5 });
    expect(r.failure, r.failure?.message).toBeNull();
    expect(r.livenessChecked).toBe(true);
    expect(r.unsettledAtEnd).toEqual([]);
    expect(r.metrics.finalLag).toBe(0);
  });

  it('shows eager revoking everything on each rebalance and cooperative revoking only what moves', () => {
    const eager = simulate(presetScenario('scale-out', { protocol: 'eager' }), { seed: 1 }).metrics;
    const coop = simulate(presetScenario('scale-out', { protocol: 'cooperative' }), { seed: 1 }).metrics;
    expect(eager.partitionsRevoked).toBe(48);
    expect(coop.partitionsRevoked).toBeLessThan(eager.partitionsRevoked);
    expect(coop.rebalances).toBe(2);
  });

  it('shows a static member restarting within its session timeout causing no rebalance', () => {
    const m = simulate(presetScenario('static-member-restart', { protocol: 'eager' }), { seed: 1 }).metrics;
    expect(m.rebalances).toBe(0);
    expect(m.partitionsMoved).toBe(0);
    expect(m.unownedPartitionSeconds).toBeGreaterThan(0);
  });

  it('records lag that grows while partitions have no owner and drains afterwards', () => {
    const r = simulate(presetScenario('crash', { protocol: 'cooperative' }), { seed: 3 });
    expect(r.metrics.peakLag).toBeGreaterThan(1_000);
    expect(r.metrics.finalLag).toBe(0);
    expect(Math.max(...r.series.totalLag)).toBeGreaterThan(0);
    expect(r.series.members.map((m) => m.name)).toEqual(['c1', 'c2', 'c3', 'c4', 'c5', 'c6']);
  });
});
