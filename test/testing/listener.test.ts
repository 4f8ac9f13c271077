import { describe, expect, it } from 'vitest';
import { scenario, simulate } from '../../src/testing/index.js';
import type { ListenerContext, SimulationListener } from '../../src/testing/index.js';

const base = () =>
  scenario('listener')
    .protocol('eager')
    .topic('t', 4, { ratePerSec: 20 })
    .members(2)
    .settings({ sessionTimeoutMs: 10_000, heartbeatIntervalMs: 1_000, callbackMs: 50 })
    .at(10_000)
    .add(1)
    .duration(30_000)
    .build();

interface Call {
  kind: string;
  partitions: string[];
  ctx: Omit<ListenerContext, 'position'>;
  positions: number[];
}

function recorder(calls: Call[], durationMs?: number): SimulationListener {
  const cb = (kind: string) => (tp: Parameters<NonNullable<SimulationListener['onPartitionsAssigned']>>[0], ctx: ListenerContext) => {
    const partitions: string[] = [];
    const positions: number[] = [];
    tp.forEachPartition((t, p) => {
      partitions.push(`${t}-${p}`);
      positions.push(ctx.position(t, p));
    });
    calls.push({ kind, partitions, ctx: { member: ctx.member, incarnation: ctx.incarnation, memberId: ctx.memberId, nowMs: ctx.nowMs, epoch: ctx.epoch }, positions });
    return durationMs;
  };
  return { onPartitionsAssigned: cb('assigned'), onPartitionsRevoked: cb('revoked'), onPartitionsLost: cb('lost') };
}

describe('Simulation listeners', () => {
  it('calls the listener of each member with its partitions and context, in virtual time', () => {
    const calls: Call[] = [];
    const r = simulate(base(), { seed: 3, listeners: new Map([['c1', recorder(calls)]]) });
    expect(r.failure).toBeNull();
    expect(calls.every((c) => c.ctx.member === 'c1' && c.ctx.incarnation === 1 && c.ctx.memberId.startsWith('c1'))).toBe(true);
    expect(calls.map((c) => c.kind)).toEqual(['assigned', 'revoked', 'assigned']);
    expect(calls[0]?.ctx.epoch).toBe(1);
    expect(calls[2]?.ctx.epoch).toBe(2);
    expect(calls[1]?.ctx.nowMs).toBeGreaterThanOrEqual(10_000);
    // Positions grow while the member consumes: the revoke sees what was processed since the start.
    expect(calls[0]?.positions.every((p) => p === 0)).toBe(true);
    expect(calls[1]?.positions.every((p) => p > 0)).toBe(true);
  });

  it('a listener without callbacks, or returning nothing, leaves the run as it was', () => {
    const plain = simulate(base(), { seed: 5, fullTrace: true });
    const empty = simulate(base(), { seed: 5, fullTrace: true, listeners: new Map([['c1', {}]]) });
    const calls: Call[] = [];
    const silent = simulate(base(), { seed: 5, fullTrace: true, listeners: new Map([['c2', recorder(calls)]]) });
    expect(calls.length).toBeGreaterThan(0);
    expect(empty.digest).toBe(plain.digest);
    expect(silent.digest).toBe(plain.digest);
  });

  it('models a slow listener: the callback is confirmed after the duration it returns', () => {
    const fast: Call[] = [];
    const slow: Call[] = [];
    const a = simulate(base(), { seed: 9, listeners: new Map([['c1', recorder(fast)]]) });
    const b = simulate(base(), { seed: 9, listeners: new Map([['c1', recorder(slow, 4_000)]]) });
    expect(a.failure).toBeNull();
    expect(b.failure).toBeNull();
    const rebalance = (calls: Call[]) => (calls[2]?.ctx.nowMs ?? 0) - (calls[1]?.ctx.nowMs ?? 0);
    // The eager rebalance waits for c1's revoke: 4 s instead of 50 ms.
    expect(rebalance(slow) - rebalance(fast)).toBeGreaterThanOrEqual(3_900);
    // callbackMs on the listener does the same without returning anything.
    const c: Call[] = [];
    const viaField = simulate(base(), { seed: 9, listeners: new Map([['c1', { ...recorder(c), callbackMs: 4_000 }]]) });
    expect(viaField.failure).toBeNull();
    expect(rebalance(c)).toBe(rebalance(slow));
  });

  it('a listener that throws or returns a bad duration stops the run as a crash', () => {
    const thrown = simulate(base(), { seed: 1, listeners: new Map([['c2', { onPartitionsAssigned: () => { throw new Error('boom'); } }]]) });
    expect(thrown.failure?.kind).toBe('crash');
    expect(thrown.failure?.message).toContain('boom');
    const bad = simulate(base(), { seed: 1, listeners: new Map([['c2', { onPartitionsAssigned: () => -1 }]]) });
    expect(bad.failure?.kind).toBe('crash');
    expect(bad.failure?.message).toContain('duration');
  });
});
