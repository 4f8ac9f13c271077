/**
 * The classic member with the classic coordinator, in-process: a settled 100-member group
 * absorbs 10 new members. Reported per assignor: rebalance rounds (generations until the group
 * is Stable again), partitions moved (revoked from one member, then assigned to another),
 * partitions whose owner changed, and the wall time of the simulation (both machines, every
 * heartbeat included). The floor is the same group simulated for the same virtual time with no
 * membership change (heartbeats only), measured in the same run.
 *
 * Run: node --expose-gc --import tsx bench/classic-member.bench.ts
 */
import { cooperativeStickyAssignor, rangeAssignor } from '../src/assignors/index.js';
import type { PartitionAssignor } from '../src/assignors/index.js';
import type { TopicMetadata } from '../src/protocol/types.js';
import { GroupNetwork } from '../test/classic/e2e/network.js';
import { printTable } from './harness.js';
import type { BenchResult } from './harness.js';

const MEMBERS = 100;
const NEW_MEMBERS = 10;
const TOPICS = 10;
const PARTITIONS_PER_TOPIC = 100;
const VIRTUAL_MS = 60_000;
const RUNS = 3;

function topics(): Map<string, TopicMetadata> {
  return new Map(Array.from({ length: TOPICS }, (_, i) => [`topic-${i}`, { partitions: PARTITIONS_PER_TOPIC }] as const));
}

function settledGroup(assignor: PartitionAssignor): GroupNetwork {
  const net = new GroupNetwork({
    member: { assignors: [assignor], sessionTimeoutMs: 10_000, heartbeatIntervalMs: 1_000, maxPollIntervalMs: 30_000 },
    topics: topics(),
    // The overlap check costs more than the machines; the e2e tests run it.
    checkOwnership: false,
  });
  for (let i = 0; i < MEMBERS; i++) net.join(`c${i}`);
  net.advance(VIRTUAL_MS);
  if (net.unsettled().length > 0) throw new Error(`group did not settle: ${net.unsettled().join('; ')}`);
  return net;
}

function owners(net: GroupNetwork): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of net.liveMembers()) m.state.owned.forEachPartition((t, p) => out.set(`${t}-${p}`, m.name));
  return out;
}

interface Outcome {
  ms: number;
  rounds: number;
  revoked: number;
  ownerChanged: number;
}

function absorb(assignor: PartitionAssignor, change: boolean): Outcome {
  const net = settledGroup(assignor);
  const before = owners(net);
  const generation = net.coordinator.group?.generationId ?? 0;
  const callbacksBefore = new Map(net.liveMembers().map((m) => [m.name, m.callbacks.length]));
  const t0 = performance.now();
  if (change) for (let i = 0; i < NEW_MEMBERS; i++) net.join(`new${i}`);
  net.advance(VIRTUAL_MS);
  const ms = performance.now() - t0;
  if (net.unsettled().length > 0) throw new Error(`group did not settle: ${net.unsettled().join('; ')}`);
  const after = owners(net);
  let revoked = 0;
  for (const m of net.liveMembers()) {
    for (const c of m.callbacks.slice(callbacksBefore.get(m.name) ?? 0)) if (c.callback === 'onPartitionsRevoked') revoked += c.partitions.partitionCount;
  }
  let ownerChanged = 0;
  for (const [tp, owner] of after) if (before.get(tp) !== owner) ownerChanged++;
  return { ms, rounds: (net.coordinator.group?.generationId ?? 0) - generation, revoked, ownerChanged };
}

function bench(name: string, assignor: PartitionAssignor, change: boolean): BenchResult {
  absorb(assignor, change); // warm-up
  const outcomes = Array.from({ length: RUNS }, () => absorb(assignor, change));
  const times = outcomes.map((o) => o.ms).sort((a, b) => a - b);
  const last = outcomes[outcomes.length - 1] as Outcome;
  return {
    name,
    medianMs: times[Math.floor(times.length / 2)] as number,
    minMs: times[0] as number,
    runs: RUNS,
    extra: { rounds: last.rounds, revoked: last.revoked, 'owner changed': last.ownerChanged },
  };
}

const results = [
  bench(`cooperative-sticky: ${MEMBERS} + ${NEW_MEMBERS} members`, cooperativeStickyAssignor, true),
  bench(`range (EAGER): ${MEMBERS} + ${NEW_MEMBERS} members`, rangeAssignor, true),
  bench(`floor: ${MEMBERS} members, heartbeats only`, cooperativeStickyAssignor, false),
];
printTable(`classic member + coordinator: ${MEMBERS}-member group absorbing ${NEW_MEMBERS} members (${TOPICS} x ${PARTITIONS_PER_TOPIC} partitions, ${VIRTUAL_MS / 1000} s virtual)`, results);
