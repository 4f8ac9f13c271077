/**
 * Properties of roundrobin on random groups (names include `__proto__`, `constructor`,
 * `toString`, non-ASCII and astral-plane strings):
 * - validity and completeness (the verifier finds nothing);
 * - global balance when every member has the same subscription (counts differ by at most one);
 * - determinism under shuffled members, metadata topics and subscription lists;
 * - equality with a deliberately naive transcription of Kafka's loop (one partition at a time,
 *   skipping unsubscribed members one at a time).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignmentStats, roundRobinAssignor, verifyAssignment } from '../../src/assignors/index.js';
import type { AssignInput, Assignment, GroupMember, TopicMetadata } from '../../src/assignors/index.js';

const NUM_RUNS = 400;
const TOPICS = ['__proto__', 'constructor', 'toString', 't0', 't1', 'T', 'é', '😀', 'x-1'];
const MEMBER_IDS = ['__proto__', 'constructor', 'toString', 'c0', 'c1', 'C', 'é', '😀', 'm-9', 'm-10'];

const group: fc.Arbitrary<AssignInput> = fc
  .record({
    topics: fc.uniqueArray(fc.tuple(fc.constantFrom(...TOPICS), fc.nat(12)), { selector: (t) => t[0], maxLength: 7 }),
    members: fc.uniqueArray(
      fc.record({
        memberId: fc.oneof(fc.constantFrom(...MEMBER_IDS), fc.string({ minLength: 1, maxLength: 4 })),
        instance: fc.option(fc.constantFrom('__proto__', 'toString', 'i1', 'i2'), { freq: 3 }),
        topics: fc.array(fc.constantFrom(...TOPICS), { maxLength: 6 }),
      }),
      { selector: (m) => m.memberId, maxLength: 10 },
    ),
  })
  .map(({ topics, members }) => ({
    topics: new Map(topics.map(([t, n]): [string, TopicMetadata] => [t, { partitions: n }])),
    members: members.map((m): GroupMember => ({ memberId: m.memberId, groupInstanceId: m.instance, subscription: { topics: m.topics } })),
  }));

/** A group where every member subscribes to the same topics. */
const uniformGroup = group.chain((input) =>
  fc.subarray(TOPICS).map((topics): AssignInput => ({ ...input, members: input.members.map((m) => ({ ...m, subscription: { topics } })) })),
);

function shuffle<T>(items: readonly T[], seed: number): T[] {
  let a = seed >>> 0;
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    a = (Math.imul(a, 1664525) + 1013904223) >>> 0;
    const j = a % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

function plain(out: Map<string, Assignment>): [string, [string, number[]][]][] {
  return [...out].map(([id, a]) => [id, [...a.partitions].map(([t, ps]): [string, number[]] => [t, [...ps]])]);
}

const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

/** Kafka's RoundRobinAssignor.assign, transcribed naively. */
function naiveRoundRobin(input: AssignInput): [string, [string, number[]][]][] {
  const ring = [...input.members].sort((a, b) => {
    const ia = a.groupInstanceId ?? null;
    const ib = b.groupInstanceId ?? null;
    if (ia !== null && ib !== null) return cmp(ia, ib) || cmp(a.memberId, b.memberId);
    return ia !== null ? -1 : ib !== null ? 1 : cmp(a.memberId, b.memberId);
  });
  const result = new Map<string, [string, number[]][]>(input.members.map((m) => [m.memberId, []]));
  const topics = [...new Set(input.members.flatMap((m) => [...m.subscription.topics]))].sort(cmp);
  let cursor = 0;
  for (const topic of topics) {
    const partitions = input.topics.get(topic)?.partitions ?? 0;
    for (let p = 0; p < partitions; p++) {
      while (!(ring[cursor] as GroupMember).subscription.topics.includes(topic)) cursor = (cursor + 1) % ring.length;
      const list = result.get((ring[cursor] as GroupMember).memberId) as [string, number[]][];
      const last = list[list.length - 1];
      if (last?.[0] === topic) last[1].push(p);
      else list.push([topic, [p]]);
      cursor = (cursor + 1) % ring.length;
    }
  }
  return [...result].sort((a, b) => cmp(a[0], b[0]));
}

describe('roundrobin: properties', () => {
  it('is valid and complete', () => {
    fc.assert(
      fc.property(group, (input) => {
        const out = roundRobinAssignor.assign(input);
        expect(verifyAssignment(input, out, { requireComplete: true })).toEqual([]);
        expect(out.size).toBe(input.members.length);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('balances globally when all subscriptions are identical', () => {
    fc.assert(
      fc.property(uniformGroup, (input) => {
        const stats = assignmentStats(roundRobinAssignor.assign(input));
        expect(stats.max - stats.min).toBeLessThanOrEqual(1);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('does not depend on the order of members, metadata topics or subscription lists', () => {
    fc.assert(
      fc.property(group, fc.nat(), (input, seed) => {
        const reordered: AssignInput = {
          topics: new Map(shuffle([...input.topics], seed)),
          members: shuffle(input.members, seed + 1).map((m, i) => ({ ...m, subscription: { topics: shuffle(m.subscription.topics, seed + i) } })),
        };
        expect(plain(roundRobinAssignor.assign(reordered))).toEqual(plain(roundRobinAssignor.assign(input)));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it("equals a naive transcription of Kafka's loop", () => {
    fc.assert(
      fc.property(group, (input) => {
        expect(plain(roundRobinAssignor.assign(input))).toEqual(naiveRoundRobin(input));
      }),
      { numRuns: 1000 },
    );
  });
});
