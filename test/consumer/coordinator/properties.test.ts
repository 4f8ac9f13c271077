// Properties of the coordinator over random runs of well-behaved and misbehaving members:
// at most one member holds or is revoking each partition; member epoch <= target epoch <= group
// epoch; a STABLE member at the target epoch owns exactly its target; group and target epochs
// never go backwards, nor do member epochs except through a temporary leave (-2) or a rejoin;
// and (checked by the harness after every step) a replay of the log equals the live group.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ConsumerGroup, ConsumerGroupCoordinatorOutput, ConsumerGroupHeartbeatRequest, TopicIdPartitions } from '../../../src/consumer/coordinator/index.js';
import { ConsumerCoordinatorHarness } from './harness.js';

const MEMBERS = ['a', 'b', 'c', '__proto__'];
const TOPICS = ['t0', 't1', 't2'];

type Op =
  | { kind: 'join'; m: number; topics: string[]; regex: boolean; static: boolean }
  | { kind: 'heartbeat'; m: number; ownedKnown: boolean; epochDelta: number }
  | { kind: 'leave'; m: number; temporary: boolean }
  | { kind: 'advance'; ms: number }
  | { kind: 'fire' }
  | { kind: 'metadata'; counts: number[] };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('join' as const), m: fc.nat(3), topics: fc.subarray(TOPICS), regex: fc.boolean(), static: fc.boolean() }) },
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('heartbeat' as const), m: fc.nat(3), ownedKnown: fc.boolean(), epochDelta: fc.constantFrom(0, 0, 0, 0, 1, -1) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('leave' as const), m: fc.nat(3), temporary: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('advance' as const), ms: fc.constantFrom(1000, 6000, 46000) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'fire' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('metadata' as const), counts: fc.tuple(fc.nat(4), fc.nat(4), fc.nat(4)) }) },
);

/** A client's view: its epoch and what it owns (from the last assignment it got). */
interface Client {
  epoch: number;
  owned: TopicIdPartitions[];
}

function checkInvariants(g: ConsumerGroup | null, prev: { G: number; A: number; epochs: Map<string, number> }): void {
  if (g === null) return;
  expect(g.assignmentEpoch).toBeLessThanOrEqual(g.groupEpoch);
  expect(g.groupEpoch).toBeGreaterThanOrEqual(prev.G);
  expect(g.assignmentEpoch).toBeGreaterThanOrEqual(prev.A);
  const holders = new Map<string, string>();
  for (const [id, m] of g.members.entries()) {
    expect(m.memberEpoch).toBeLessThanOrEqual(g.assignmentEpoch);
    const before = prev.epochs.get(id);
    if (before !== undefined && m.memberEpoch !== -2 && m.memberEpoch !== 0 && before !== -2) expect(m.memberEpoch).toBeGreaterThanOrEqual(before);
    const claim = (t: string, p: number) => {
      const key = `${t}-${p}`;
      expect(holders.get(key), `${key} held by ${holders.get(key)} and ${id}`).toBeUndefined();
      holders.set(key, id);
    };
    m.assignedPartitions.forEachPartition(claim);
    m.partitionsPendingRevocation.forEachPartition(claim);
    if (m.state === 'STABLE' && m.memberEpoch === g.assignmentEpoch) {
      expect(JSON.stringify(m.assignedPartitions.toJSON())).toBe(JSON.stringify(g.targetAssignment.get(id)?.toJSON() ?? {}));
    }
  }
  // The ownership index (whose owner's epoch is the partition's epoch) names exactly the holders.
  const owners = new Map([...g.partitionOwners.entries()].map(([key, id]) => [key.replace(/^(\d+):(.*)$/, '$2-$1'), id]));
  expect(owners).toEqual(holders);
  prev.G = g.groupEpoch;
  prev.A = g.assignmentEpoch;
  prev.epochs = new Map([...g.members.entries()].map(([id, m]) => [id, m.memberEpoch]));
}

function metadata(counts: readonly number[]) {
  return TOPICS.flatMap((name, i) => ((counts[i] ?? 0) > 0 ? [{ topicId: `${name}-id`, name, partitions: counts[i] as number }] : []));
}

function run(ops: readonly Op[]): void {
  const h = new ConsumerCoordinatorHarness({ groupId: 'g', regexBatchRefreshIntervalMs: 0 });
  h.apply({ type: 'metadata', topics: metadata([3, 2, 4]) });
  const clients = new Map<string, Client>();
  const prev = { G: 0, A: 0, epochs: new Map<string, number>() };
  let n = 0;
  const send = (memberId: string, body: Omit<ConsumerGroupHeartbeatRequest, 'groupId' | 'memberId'>, instance: boolean) => {
    const outputs = h.apply({ type: 'request', api: 'ConsumerGroupHeartbeat', requestId: n++, apiVersion: 1, body: { groupId: 'g', memberId, ...(instance ? { instanceId: `i-${memberId}` } : {}), ...body } });
    absorb(memberId, outputs);
  };
  const absorb = (memberId: string, outputs: readonly ConsumerGroupCoordinatorOutput[]) => {
    for (const o of outputs) {
      if (o.type !== 'response' || o.api !== 'ConsumerGroupHeartbeat') continue;
      const r = o.response;
      if (r.errorCode !== 0) clients.delete(memberId);
      else if (r.memberEpoch < 0) clients.delete(memberId);
      else {
        const c = clients.get(memberId) ?? { epoch: 0, owned: [] };
        c.epoch = r.memberEpoch;
        if (r.assignment !== null) c.owned = [...r.assignment.topicPartitions];
        clients.set(memberId, c);
      }
    }
  };
  for (const op of ops) {
    if (op.kind === 'join') {
      const id = MEMBERS[op.m] as string;
      send(id, { memberEpoch: 0, rebalanceTimeoutMs: 5000, topicPartitions: [], subscribedTopicNames: op.topics, ...(op.regex ? { subscribedTopicRegex: 't[01]' } : {}) }, op.static);
    } else if (op.kind === 'heartbeat') {
      const id = MEMBERS[op.m] as string;
      const c = clients.get(id);
      if (c === undefined) continue;
      const instance = h.state.group?.members.get(id)?.instanceId != null;
      send(id, { memberEpoch: Math.max(1, c.epoch + op.epochDelta), topicPartitions: op.ownedKnown ? c.owned : null }, instance);
    } else if (op.kind === 'leave') {
      const id = MEMBERS[op.m] as string;
      const instance = h.state.group?.members.get(id)?.instanceId != null;
      send(id, { memberEpoch: op.temporary && instance ? -2 : -1 }, instance);
    } else if (op.kind === 'advance') h.advance(op.ms);
    else if (op.kind === 'fire') h.fireDue();
    else h.apply({ type: 'metadata', topics: metadata(op.counts) });
    checkInvariants(h.state.group, prev);
  }
}

describe('consumer coordinator properties', () => {
  it('keeps its invariants and replays to the live group under any run', () => {
    fc.assert(fc.property(fc.array(opArb, { maxLength: 60 }), (ops) => run(ops)), { numRuns: 200 });
  });

  it('is deterministic: the same run gives the same outputs', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 30 }), (ops) => {
        const a = new ConsumerCoordinatorHarness({ groupId: 'g' });
        const b = new ConsumerCoordinatorHarness({ groupId: 'g' });
        for (const h of [a, b]) h.apply({ type: 'metadata', topics: metadata([3, 2, 4]) });
        for (const op of ops) {
          if (op.kind !== 'join') continue;
          const input = { type: 'request' as const, api: 'ConsumerGroupHeartbeat' as const, requestId: 1, apiVersion: 1, body: { groupId: 'g', memberId: MEMBERS[op.m] as string, memberEpoch: 0, rebalanceTimeoutMs: 5000, topicPartitions: [], subscribedTopicNames: op.topics } };
          expect(JSON.stringify(b.apply(input))).toBe(JSON.stringify(a.apply(input)));
        }
      }),
      { numRuns: 50 },
    );
  });
});
