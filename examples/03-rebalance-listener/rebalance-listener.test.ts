// Unit tests of an application's rebalance listener (commit on revoke, state hand-over, no commit
// on loss) with the deterministic simulator (`kgroup/testing`), in virtual time: a member
// joining, a crash, and a GC pause longer than the session timeout, under every protocol.
import { describe, expect, it } from 'vitest';
import { PROTOCOLS, scenario, simulate } from '../../src/testing/index.js';
import type { Protocol, SimulationResult } from '../../src/testing/index.js';
import { COMMIT_MS, orderCounter, Stores } from './order-counter.js';
import type { ListenerEvent } from './order-counter.js';

type Fault = 'none' | 'crash' | 'pause';

/** c1 and c2 share `orders`; c3 joins at 20 s; at 40 s c2 crashes or stalls for 15 s (session: 10 s). */
function run(protocol: Protocol, fault: Fault, seed = 7): { r: SimulationResult; stores: Stores } {
  const stores = new Stores();
  const listener = orderCounter(stores);
  let b = scenario(`listener-${fault}`)
    .protocol(protocol)
    .topic('orders', 6, { ratePerSec: 50 })
    .members(2)
    .settings({ sessionTimeoutMs: 10_000, heartbeatIntervalMs: 1_000, maxPollIntervalMs: 60_000 })
    .at(20_000)
    .add(1);
  if (fault === 'crash') b = b.at(40_000).crash('c2');
  if (fault === 'pause') b = b.at(40_000).pause('c2', 15_000);
  const s = b.duration(120_000).build();
  const r = simulate(s, { seed, listeners: new Map(['c1', 'c2', 'c3'].map((m) => [m, listener])) });
  return { r, stores };
}

/** For each assignment, how the partition's previous owner let it go. */
function handOvers(events: readonly ListenerEvent[]): { ev: ListenerEvent; previous: 'revoked' | 'lost' | 'silent' | 'none' }[] {
  const holder = new Map<string, { member: string; incarnation: number; gone: 'revoked' | 'lost' | null }>();
  const out: { ev: ListenerEvent; previous: 'revoked' | 'lost' | 'silent' | 'none' }[] = [];
  for (const ev of events) {
    const h = holder.get(ev.partition);
    if (ev.kind === 'assigned') {
      out.push({ ev, previous: h === undefined ? 'none' : (h.gone ?? 'silent') });
      holder.set(ev.partition, { member: ev.member, incarnation: ev.incarnation, gone: null });
    } else if (h !== undefined && h.member === ev.member && h.incarnation === ev.incarnation) {
      h.gone = ev.kind;
    }
  }
  return out;
}

describe.each(PROTOCOLS)('OrderCounter rebalance listener (%s)', (protocol) => {
  it('commits on revoke, so the next owner resumes exactly where the last one stopped', () => {
    const { r, stores } = run(protocol, 'none');
    expect(r.failure).toBeNull();
    const moves = handOvers(stores.events).filter((h) => h.previous !== 'none');
    expect(moves.length).toBeGreaterThan(0); // c3's join moved partitions
    for (const { ev, previous } of moves) {
      expect(previous).toBe('revoked');
      expect(ev.committed).toBe(ev.position); // nothing processed was left uncommitted
      expect(stores.handedOver.get(ev.partition)).toBeLessThanOrEqual(ev.position);
    }
    expect(stores.events.some((e) => e.kind === 'lost')).toBe(false);
    // A revocation takes COMMIT_MS: its partitions reach the next owner no sooner.
    for (const { ev } of moves) {
      const revoked = stores.events.filter((e) => e.kind === 'revoked' && e.partition === ev.partition && e.atMs <= ev.atMs).at(-1);
      expect(ev.atMs - (revoked?.atMs ?? -Infinity)).toBeGreaterThanOrEqual(COMMIT_MS);
    }
  });

  it('after a crash, the survivors resume from the last commit (at-least-once) and the dead member commits nothing', () => {
    const { r, stores } = run(protocol, 'crash');
    expect(r.failure).toBeNull();
    const silent = handOvers(stores.events).filter((h) => h.previous === 'silent');
    expect(silent.length).toBeGreaterThan(0);
    for (const { ev } of silent) {
      expect(ev.atMs).toBeGreaterThan(40_000);
      expect(ev.member).not.toBe('c2');
      expect(ev.committed).toBeLessThan(ev.position); // the work since the last commit is redone
    }
    expect(stores.events.filter((e) => e.member === 'c2' && e.atMs >= 40_000)).toEqual([]);
    // Every other hand-over was committed first.
    for (const { ev } of handOvers(stores.events).filter((h) => h.previous === 'revoked')) expect(ev.committed).toBe(ev.position);
  });

  it('a GC pause past the session timeout: the zombie reports its partitions lost, not revoked, and commits none of them', () => {
    const { r, stores } = run(protocol, 'pause');
    expect(r.failure).toBeNull();
    const ownedBefore = stores.events.filter((e) => e.member === 'c2' && e.atMs < 40_000);
    const held = new Set<string>();
    for (const e of ownedBefore) if (e.kind === 'assigned') held.add(e.partition);
    else held.delete(e.partition);
    const lost = stores.events.filter((e) => e.kind === 'lost');
    expect(lost.length).toBeGreaterThan(0);
    expect(new Set(lost.map((e) => e.partition))).toEqual(held);
    for (const e of lost) {
      expect(e.member).toBe('c2');
      expect(e.atMs).toBeGreaterThanOrEqual(55_000); // when it wakes up
      expect(e.epoch).toBeLessThanOrEqual(0); // fenced: its generation or epoch was reset
      // Someone else took it over while c2 was frozen, from the last commit.
      const takeover = stores.events.find((a) => a.kind === 'assigned' && a.partition === e.partition && a.atMs > 40_000 && a.atMs < e.atMs);
      expect(takeover?.member).not.toBe('c2');
    }
    // The zombie revoked nothing and committed nothing between the pause and its loss.
    expect(stores.events.filter((e) => e.member === 'c2' && e.kind === 'revoked' && e.atMs >= 40_000 && e.atMs <= 55_000)).toEqual([]);
    expect(stores.commitLog.filter((l) => l.startsWith('c2 ') && Number(l.split('t=')[1]) >= 40_000 && Number(l.split('t=')[1]) <= 55_000)).toEqual([]);
    // c2 rejoined afterwards and got work again, handed over with a commit.
    const back = handOvers(stores.events).filter((h) => h.ev.member === 'c2' && h.ev.atMs > 55_000);
    expect(back.length).toBeGreaterThan(0);
    for (const { ev, previous } of back) {
      expect(previous).toBe('revoked');
      expect(ev.committed).toBe(ev.position);
    }
  });

  it('is deterministic: the same seed gives the same run and the same commits', () => {
    const a = run(protocol, 'pause', 11);
    const b = run(protocol, 'pause', 11);
    expect(b.r.digest).toBe(a.r.digest);
    expect(b.stores.commitLog).toEqual(a.stores.commitLog);
  });
});
