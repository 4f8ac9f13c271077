/**
 * Properties of kgroup's range assignor, with and without racks, on random groups whose names
 * include `__proto__`, `constructor`, `toString`, non-ASCII and astral-plane strings:
 * - validity: the verifier finds nothing, completeness included (range assigns every partition);
 * - per-topic balance: a topic's subscribers get ⌊P/C⌋ or ⌈P/C⌉ of it, exactly P mod C get the extra;
 * - co-partitioning: topics with the same subscribers and partition count map index i to one member;
 * - determinism: shuffling members, metadata topics, subscription lists and replica lists changes nothing;
 * - without racks, it equals a deliberately naive transcription of Kafka's classic range;
 * - with every partition on every rack, rack-aware logic (forced on) changes nothing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRangeAssignor, rangeAssignor, verifyAssignment } from '../../src/assignors/index.js';
import type { AssignInput, Assignment, GroupMember, TopicMetadata } from '../../src/assignors/index.js';

const NUM_RUNS = 300;
const TOPICS = ['__proto__', 'constructor', 'toString', 't0', 't1', 'T', 'é', '😀', 'x-1', 'x-10'];
const MEMBER_IDS = ['__proto__', 'constructor', 'toString', 'c0', 'c1', 'c2', 'C', 'é', '😀', 'm-9', 'm-10'];
const INSTANCE_IDS = ['__proto__', 'constructor', 'toString', 'i1', 'i2', 'I'];
const RACKS = ['a', 'b', 'c'];

// --- arbitraries ------------------------------------------------------------------------------

const topicMeta = (racks: boolean) =>
  fc.nat(9).chain((n) =>
    racks
      ? fc.array(fc.subarray(RACKS), { minLength: n, maxLength: n }).map((r): TopicMetadata => ({ partitions: n, partitionRacks: r }))
      : fc.constant<TopicMetadata>({ partitions: n }),
  );

const member = (racks: boolean) =>
  fc.record({
    memberId: fc.oneof(fc.constantFrom(...MEMBER_IDS), fc.string({ minLength: 1, maxLength: 5 })),
    groupInstanceId: fc.option(fc.constantFrom(...INSTANCE_IDS), { freq: 3 }),
    topics: fc.array(fc.constantFrom(...TOPICS), { maxLength: 6 }),
    rackId: racks ? fc.option(fc.constantFrom('a', 'b', 'c', 'd', '')) : fc.constant(null),
  });

/** A random group: topics (some subscribed ones missing from metadata, some with 0 partitions) and members. */
const group = (racks: boolean) =>
  fc
    .record({
      topics: fc.uniqueArray(fc.tuple(fc.constantFrom(...TOPICS), topicMeta(racks)), { selector: (t) => t[0], maxLength: 7 }),
      members: fc.uniqueArray(member(racks), { selector: (m) => m.memberId, maxLength: 9 }),
    })
    .map(
      ({ topics, members }): AssignInput => ({
        topics: new Map(topics),
        members: members.map(
          (m): GroupMember => ({ memberId: m.memberId, groupInstanceId: m.groupInstanceId, subscription: { topics: m.topics, rackId: m.rackId } }),
        ),
      }),
    );

// --- helpers ----------------------------------------------------------------------------------

/** mulberry32-based Fisher-Yates shuffle (a copy). */
function shuffle<T>(items: readonly T[], seed: number): T[] {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** The same group with every order shuffled: members, metadata topics, subscription lists, replica lists. */
function shuffled(input: AssignInput, seed: number): AssignInput {
  const topics = new Map(
    shuffle([...input.topics], seed).map(([t, m]): [string, TopicMetadata] => [
      t,
      m.partitionRacks === undefined ? m : { ...m, partitionRacks: m.partitionRacks.map((r, i) => shuffle(r, seed + i)) },
    ]),
  );
  const members = shuffle(input.members, seed + 1).map((m, i) => ({
    ...m,
    subscription: { ...m.subscription, topics: shuffle(m.subscription.topics, seed + 2 + i) },
  }));
  return { topics, members };
}

/** The output as plain data: [memberId, [topic, partitions][]][] in output order. */
function plain(out: Map<string, Assignment>): [string, [string, number[]][]][] {
  return [...out].map(([id, a]) => [id, [...a.partitions].map(([t, ps]): [string, number[]] => [t, [...ps]])]);
}

/** Owner of each partition, by topic. */
function owners(out: Map<string, Assignment>): Map<string, Map<number, string>> {
  const byTopic = new Map<string, Map<number, string>>();
  for (const [id, a] of out) {
    for (const [t, ps] of a.partitions) {
      let m = byTopic.get(t);
      if (m === undefined) byTopic.set(t, (m = new Map()));
      for (const p of ps) m.set(p, id);
    }
  }
  return byTopic;
}

/** Existing subscribed topics with their subscriber id sets. */
function subscribedTopics(input: AssignInput): Map<string, { partitions: number; subscribers: Set<string> }> {
  const out = new Map<string, { partitions: number; subscribers: Set<string> }>();
  for (const m of input.members) {
    for (const t of m.subscription.topics) {
      const partitions = input.topics.get(t)?.partitions ?? 0;
      if (partitions === 0) continue;
      let entry = out.get(t);
      if (entry === undefined) out.set(t, (entry = { partitions, subscribers: new Set() }));
      entry.subscribers.add(m.memberId);
    }
  }
  return out;
}

/** Kafka's member order, written out naively: static first by instance id, then by member id. */
function memberOrder(a: GroupMember, b: GroupMember): number {
  const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  const ia = a.groupInstanceId ?? null;
  const ib = b.groupInstanceId ?? null;
  if (ia !== null && ib !== null) return cmp(ia, ib) || cmp(a.memberId, b.memberId);
  if (ia !== null) return -1;
  if (ib !== null) return 1;
  return cmp(a.memberId, b.memberId);
}

/** Classic range, transcribed as simply as possible from the algorithm's description. */
function referenceRange(input: AssignInput): [string, [string, number[]][]][] {
  const result = new Map<string, Map<string, number[]>>(input.members.map((m) => [m.memberId, new Map()]));
  for (const [topic, { partitions }] of subscribedTopics(input)) {
    const consumers = input.members.filter((m) => m.subscription.topics.includes(topic)).sort(memberOrder);
    const per = Math.floor(partitions / consumers.length);
    const extra = partitions % consumers.length;
    consumers.forEach((c, i) => {
      const start = per * i + Math.min(i, extra);
      const length = per + (i + 1 > extra ? 0 : 1);
      for (let p = start; p < start + length; p++) {
        const mine = result.get(c.memberId) as Map<string, number[]>;
        mine.set(topic, [...(mine.get(topic) ?? []), p]);
      }
    });
  }
  const sortedIds = [...result.keys()].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  return sortedIds.map((id) => {
    const byTopic = result.get(id) as Map<string, number[]>;
    const topics = [...byTopic.keys()].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
    return [id, topics.map((t): [string, number[]] => [t, byTopic.get(t) as number[]])];
  });
}

const assigners = [
  { label: 'without racks', racks: false, assignor: rangeAssignor },
  { label: 'with racks', racks: true, assignor: rangeAssignor },
  { label: 'with racks, preferRackAwareLogic', racks: true, assignor: createRangeAssignor({ preferRackAwareLogic: true }) },
];

// --- properties -------------------------------------------------------------------------------

describe('range: properties', () => {
  for (const { label, racks, assignor } of assigners) {
    describe(label, () => {
      it('is valid and complete: the verifier finds nothing', () => {
        fc.assert(
          fc.property(group(racks), (input) => {
            const out = assignor.assign(input);
            expect(verifyAssignment(input, out, { requireComplete: true })).toEqual([]);
            expect(out.size).toBe(input.members.length);
          }),
          { numRuns: NUM_RUNS },
        );
      });

      it('balances every topic: counts differ by at most one, and exactly P mod C members get the extra', () => {
        fc.assert(
          fc.property(group(racks), (input) => {
            const out = assignor.assign(input);
            for (const [topic, { partitions, subscribers }] of subscribedTopics(input)) {
              const counts = [...subscribers].map((id) => out.get(id)?.partitions.get(topic)?.length ?? 0);
              const per = Math.floor(partitions / subscribers.size);
              expect(counts.every((n) => n === per || n === per + 1)).toBe(true);
              expect(counts.filter((n) => n === per + 1).length).toBe(partitions % subscribers.size);
            }
          }),
          { numRuns: NUM_RUNS },
        );
      });

      it('co-partitions: same subscribers and partition count => same owner for every index', () => {
        fc.assert(
          fc.property(group(racks), (input) => {
            const topics = [...subscribedTopics(input)];
            const own = owners(assignor.assign(input));
            for (const [t1, a] of topics) {
              for (const [t2, b] of topics) {
                const same = a.partitions === b.partitions && a.subscribers.size === b.subscribers.size && [...a.subscribers].every((s) => b.subscribers.has(s));
                if (t1 < t2 && same) expect(own.get(t1)).toEqual(own.get(t2));
              }
            }
          }),
          { numRuns: NUM_RUNS },
        );
      });

      it('does not depend on the order of members, topics, subscriptions or replicas', () => {
        fc.assert(
          fc.property(group(racks), fc.nat(), (input, seed) => {
            expect(plain(assignor.assign(shuffled(input, seed)))).toEqual(plain(assignor.assign(input)));
          }),
          { numRuns: NUM_RUNS },
        );
      });
    });
  }

  it('equals a naive transcription of classic range when no member has a rack', () => {
    fc.assert(
      fc.property(group(false), (input) => {
        expect(plain(rangeAssignor.assign(input))).toEqual(referenceRange(input));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('ignores racks when every partition is on every consumer rack, even with the rack-aware logic forced on', () => {
    // (A consumer on a rack with no replicas at all would be a different case: it matches nothing.)
    const everywhere = group(true).map(
      (input): AssignInput => ({
        members: input.members.map((m) => (m.subscription.rackId === 'd' ? { ...m, subscription: { ...m.subscription, rackId: 'a' } } : m)),
        topics: new Map([...input.topics].map(([t, m]) => [t, { partitions: m.partitions, partitionRacks: Array.from({ length: m.partitions }, () => RACKS) }])),
      }),
    );
    fc.assert(
      fc.property(everywhere, (input) => {
        expect(plain(createRangeAssignor({ preferRackAwareLogic: true }).assign(input))).toEqual(referenceRange(input));
        expect(plain(rangeAssignor.assign(input))).toEqual(referenceRange(input));
      }),
      { numRuns: NUM_RUNS },
    );
  });
});
