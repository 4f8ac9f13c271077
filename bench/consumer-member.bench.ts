/**
 * KIP-848 members with the KIP-848 coordinator, in-process, in virtual time: a 1,000-member
 * group reaching Stable from nothing, and the settled group absorbing 100 new members. Reported:
 * virtual time until the group is Stable with every member STABLE (100 ms resolution),
 * heartbeats exchanged, partitions moved (revoked from one member, then assigned to another),
 * rebalance callbacks run, and the wall time of the simulation (both machines, every heartbeat).
 * The floor is the settled group simulated for the same virtual time with no membership change.
 *
 * Run: node --expose-gc --import tsx bench/consumer-member.bench.ts
 */
import { World } from '../test/consumer/e2e/network.js';
import { printTable } from './harness.js';
import type { BenchResult } from './harness.js';

const MEMBERS = 1_000;
const NEW_MEMBERS = 100;
const TOPICS = 10;
const PARTITIONS_PER_TOPIC = 400;
const RUNS = 3;
const CHECK_EVERY_MS = 100;
const LIMIT_MS = 600_000;

const topics = Array.from({ length: TOPICS }, (_, i) => ({ topicId: `topic-id-${i}`, name: `topic-${i}`, partitions: PARTITIONS_PER_TOPIC }));
const names = topics.map((t) => t.name);

function settled(w: World): boolean {
  if (w.groupState() !== 'Stable') return false;
  for (const m of w.live()) if (m.state.state !== 'STABLE') return false;
  return true;
}

/** Runs until settled; returns the virtual time it took. */
function untilStable(w: World): number {
  const start = w.nowMs;
  while (!settled(w)) {
    if (w.nowMs - start > LIMIT_MS) throw new Error(`no Stable group after ${LIMIT_MS} ms virtual`);
    w.run(CHECK_EVERY_MS);
  }
  return w.nowMs - start;
}

function owners(w: World): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of w.live()) m.state.owned.forEachPartition((t, p) => out.set(`${t}-${p}`, m.name));
  return out;
}

interface Outcome {
  wallMs: number;
  virtualMs: number;
  heartbeats: number;
  callbacks: number;
  moved: number;
}

function world(): World {
  return new World({ topics, group: { sessionTimeoutMs: 45_000, heartbeatIntervalMs: 5_000 } });
}

function fromNothing(): Outcome {
  const w = world();
  const t0 = performance.now();
  for (let i = 0; i < MEMBERS; i++) w.addMember(`c${String(i).padStart(4, '0')}`, names, {}, 1_000);
  const virtualMs = untilStable(w);
  return { wallMs: performance.now() - t0, virtualMs, heartbeats: w.heartbeats, callbacks: w.callbacks, moved: 0 };
}

function settledGroup(): World {
  const w = world();
  for (let i = 0; i < MEMBERS; i++) w.addMember(`c${String(i).padStart(4, '0')}`, names, {}, 1_000);
  untilStable(w);
  return w;
}

function absorb(change: boolean, virtualMs: number | null): Outcome {
  const w = settledGroup();
  const before = owners(w);
  const hb0 = w.heartbeats;
  const cb0 = w.callbacks;
  const t0 = performance.now();
  if (change) for (let i = 0; i < NEW_MEMBERS; i++) w.addMember(`n${String(i).padStart(3, '0')}`, names, {}, 1_000);
  const took = virtualMs === null ? untilStable(w) : (w.run(virtualMs), virtualMs);
  const wallMs = performance.now() - t0;
  let moved = 0;
  for (const [tp, owner] of owners(w)) if (before.has(tp) && before.get(tp) !== owner) moved++;
  return { wallMs, virtualMs: took, heartbeats: w.heartbeats - hb0, callbacks: w.callbacks - cb0, moved };
}

function bench(name: string, run: () => Outcome): BenchResult {
  run(); // warm-up
  const outcomes = Array.from({ length: RUNS }, run);
  const times = outcomes.map((o) => o.wallMs).sort((a, b) => a - b);
  const last = outcomes[outcomes.length - 1] as Outcome;
  return {
    name,
    medianMs: times[Math.floor(times.length / 2)] as number,
    minMs: times[0] as number,
    runs: RUNS,
    extra: { 'virtual ms to Stable': last.virtualMs, heartbeats: last.heartbeats, callbacks: last.callbacks, 'partitions moved': last.moved },
  };
}

const joined = bench(`${MEMBERS} members join from nothing`, fromNothing);
const absorbed = bench(`${MEMBERS} + ${NEW_MEMBERS} new members`, () => absorb(true, null));
const virtual = Number(absorbed.extra?.['virtual ms to Stable'] ?? 10_000);
const floor = bench(`floor: ${MEMBERS} members, heartbeats only, same virtual time`, () => absorb(false, virtual));
printTable(`KIP-848 member + coordinator: ${MEMBERS}-member group (${TOPICS} x ${PARTITIONS_PER_TOPIC} partitions, uniform assignor, heartbeat 5 s, 1 ms latency)`, [joined, absorbed, floor]);
