/**
 * KIP-881 rack-aware range.
 * - useRackAwareAssignment, the predicate shared with the sticky assignors, case by case;
 * - kgroup's range (which replaces Kafka's rescans with pointers and rack buckets) against a
 *   deliberately naive transcription of Kafka's rack-aware algorithm, on random racked groups
 *   biased towards co-partitioned topics;
 * - a worked co-partitioning example where rack alignment must give way.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { memberRack, useRackAwareAssignment } from '../../src/assignors/client/rack.js';
import { createRangeAssignor, rangeAssignor, verifyAssignment } from '../../src/assignors/index.js';
import type { AssignInput, Assignment, GroupMember, TopicMetadata } from '../../src/assignors/index.js';

const set = (...xs: string[]) => new Set(xs);

describe('useRackAwareAssignment', () => {
  const uneven = [set('a'), set('b'), set('a', 'b')];
  const even = [set('a', 'b'), set('a', 'b')];

  it('is false when no consumer has a rack', () => {
    expect(useRackAwareAssignment(set(), set('a', 'b'), uneven, true)).toBe(false);
  });

  it('is false when consumer racks and replica racks are disjoint, even with the hook', () => {
    expect(useRackAwareAssignment(set('c'), set('a', 'b'), uneven, true)).toBe(false);
    expect(useRackAwareAssignment(set('a'), set(), [set(), set()], true)).toBe(false);
  });

  it('is true with the hook as soon as racks overlap', () => {
    expect(useRackAwareAssignment(set('a', 'z'), set('a', 'b'), even, true)).toBe(true);
  });

  it('without the hook, is true exactly when some partition lacks some rack', () => {
    expect(useRackAwareAssignment(set('a'), set('a', 'b'), uneven, false)).toBe(true);
    expect(useRackAwareAssignment(set('a'), set('a', 'b'), even, false)).toBe(false);
    expect(useRackAwareAssignment(set('a'), set('a', 'b'), [], false)).toBe(false);
  });

  it('accepts any iterable of per-partition sets (a Map of partitions, say)', () => {
    const perPartition = new Map([
      ['t-0', set('a')],
      ['t-1', set('a', 'b')],
    ]);
    expect(useRackAwareAssignment(set('b'), set('a', 'b'), perPartition.values(), false)).toBe(true);
  });

  it('treats an empty client.rack as no rack', () => {
    expect(memberRack('')).toBeNull();
    expect(memberRack(null)).toBeNull();
    expect(memberRack(undefined)).toBeNull();
    expect(memberRack('__proto__')).toBe('__proto__');
  });
});

// --- naive transcription of Kafka's rack-aware range ------------------------------------------

interface NaiveState {
  topic: string;
  consumers: string[];
  unassigned: number[];
  taken: Map<string, number>;
  per: number;
  extra: number;
  partitionRacks: Set<string>[] | null;
  needs: boolean;
}

function memberOrder(a: GroupMember, b: GroupMember): number {
  const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  const ia = a.groupInstanceId ?? null;
  const ib = b.groupInstanceId ?? null;
  if (ia !== null && ib !== null) return cmp(ia, ib) || cmp(a.memberId, b.memberId);
  return ia !== null ? -1 : ib !== null ? 1 : cmp(a.memberId, b.memberId);
}

/** Kafka's RangeAssignor.assignPartitions, transcribed naively (quadratic scans, arrays for sets). */
function naiveRackRange(input: AssignInput, prefer: boolean): Map<string, string[]> {
  const rackOf = new Map(input.members.map((m) => [m.memberId, m.subscription.rackId || null]));
  const result = new Map<string, string[]>(input.members.map((m) => [m.memberId, []]));
  const topics = [...new Set(input.members.flatMap((m) => [...m.subscription.topics]))].filter((t) => (input.topics.get(t)?.partitions ?? 0) > 0);
  const states = topics.map((topic): NaiveState => {
    const meta = input.topics.get(topic) as TopicMetadata;
    const consumers = input.members.filter((m) => m.subscription.topics.includes(topic)).sort(memberOrder).map((m) => m.memberId);
    const consumerRacks = new Set(consumers.map((c) => rackOf.get(c)).filter((r): r is string => r !== null && r !== undefined));
    const partitionRacks = consumerRacks.size === 0 ? null : Array.from({ length: meta.partitions }, (_, p) => new Set(meta.partitionRacks?.[p] ?? []));
    const union = new Set(partitionRacks?.flatMap((s) => [...s]) ?? []);
    const overlap = [...consumerRacks].some((r) => union.has(r));
    const uneven = partitionRacks?.some((s) => s.size !== union.size) ?? false;
    return {
      topic,
      consumers,
      unassigned: Array.from({ length: meta.partitions }, (_, p) => p),
      taken: new Map(consumers.map((c) => [c, 0])),
      per: Math.floor(meta.partitions / consumers.length),
      extra: meta.partitions % consumers.length,
      partitionRacks,
      needs: overlap && (prefer || uneven),
    };
  });
  const maxAssignable = (s: NaiveState, c: string) => Math.max(0, s.per + (s.extra > 0 ? 1 : 0) - (s.taken.get(c) as number));
  const racksMatch = (s: NaiveState, c: string, p: number) => {
    const rack = rackOf.get(c) ?? null;
    return rack === null || (s.partitionRacks?.[p]?.has(rack) ?? false);
  };
  const assign = (s: NaiveState, c: string, ps: number[]) => {
    (result.get(c) as string[]).push(...ps.map((p) => `${s.topic}\u0000${p}`));
    const n = (s.taken.get(c) as number) + ps.length;
    s.taken.set(c, n);
    if (n > s.per) s.extra--;
    s.unassigned = s.unassigned.filter((p) => !ps.includes(p));
  };
  const assignRanges = (s: NaiveState, ok: (c: string, p: number) => boolean) => {
    for (const c of s.consumers) {
      if (s.unassigned.length === 0) break;
      const ps = s.unassigned.filter((p) => ok(c, p)).slice(0, maxAssignable(s, c));
      if (ps.length > 0) assign(s, c, ps);
    }
  };
  if (states.some((s) => s.needs)) {
    const groups = new Map<string, NaiveState[]>();
    for (const s of states) {
      const key = JSON.stringify([s.consumers, s.partitionRacks === null ? 0 : s.partitionRacks.length]);
      groups.set(key, [...(groups.get(key) ?? []), s]);
    }
    for (const sub of groups.values()) {
      const first = sub[0] as NaiveState;
      if (sub.length > 1) {
        const remaining = [...first.consumers];
        for (let i = 0; i < (first.partitionRacks?.length ?? 0); i++) {
          const c = remaining.find((x) => sub.every((s) => racksMatch(s, x, i) && maxAssignable(s, x) > 0));
          if (c === undefined) continue;
          for (const s of sub) assign(s, c, [i]);
          if (sub.every((s) => maxAssignable(s, c) === 0)) {
            remaining.splice(remaining.indexOf(c), 1);
            if (remaining.length === 0) break;
          }
        }
      } else if (first.needs) {
        assignRanges(first, (c, p) => racksMatch(first, c, p));
      }
    }
  }
  for (const s of states) assignRanges(s, () => true);
  for (const list of result.values()) list.sort();
  return result;
}

function pairs(out: Map<string, Assignment>): Map<string, string[]> {
  return new Map(
    [...out].map(([id, a]) => {
      const list: string[] = [];
      a.partitions.forEach((ps, t) => ps.forEach((p) => list.push(`${t}\u0000${p}`)));
      return [id, list.sort()];
    }),
  );
}

// --- racked groups biased towards co-partitioning ----------------------------------------------

const TOPICS = ['__proto__', 'constructor', 'toString', 't0', 't1'];
const racked: fc.Arbitrary<AssignInput> = fc
  .record({
    topics: fc.uniqueArray(
      fc.tuple(
        fc.constantFrom(...TOPICS),
        fc.integer({ min: 0, max: 7 }).chain((n) => fc.array(fc.subarray(['a', 'b', 'c']), { minLength: n, maxLength: n })),
      ),
      { selector: (t) => t[0], maxLength: 5 },
    ),
    members: fc.uniqueArray(
      fc.record({
        memberId: fc.constantFrom('__proto__', 'constructor', 'toString', 'c0', 'c1', 'c2', 'c3', 'c4', 'c5'),
        instance: fc.option(fc.constantFrom('i0', 'i1', 'toString'), { freq: 4 }),
        all: fc.boolean(),
        topics: fc.subarray(TOPICS),
        rack: fc.option(fc.constantFrom('a', 'b', 'c', 'd', ''), { freq: 5 }),
      }),
      { selector: (m) => m.memberId, maxLength: 7 },
    ),
  })
  .map(({ topics, members }) => ({
    topics: new Map(topics.map(([t, racks]) => [t, { partitions: racks.length, partitionRacks: racks }])),
    members: members.map((m) => ({
      memberId: m.memberId,
      groupInstanceId: m.instance,
      subscription: { topics: m.all ? TOPICS : m.topics, rackId: m.rack },
    })),
  }));

describe('range: rack-aware mode against a naive transcription of Kafka', () => {
  for (const prefer of [false, true]) {
    it(`assigns the same sets (preferRackAwareLogic ${prefer})`, () => {
      const assignor = createRangeAssignor({ preferRackAwareLogic: prefer });
      fc.assert(
        fc.property(racked, (input) => {
          const out = assignor.assign(input);
          expect(verifyAssignment(input, out, { requireComplete: true })).toEqual([]);
          expect(pairs(out)).toEqual(naiveRackRange(input, prefer));
        }),
        { numRuns: 1500 },
      );
    });
  }
});

describe('range: co-partitioning beats rack alignment', () => {
  it('keeps index i of co-partitioned topics together even when their replicas sit on different racks', () => {
    // t1 partition i is on rack a for even i, b for odd; t2 the other way round. No consumer can
    // be rack-aligned on both, so the co-partitioned pass matches nothing and plain range decides.
    const racksT1 = [['a'], ['b'], ['a'], ['b']];
    const racksT2 = [['b'], ['a'], ['b'], ['a']];
    const input: AssignInput = {
      topics: new Map([
        ['t1', { partitions: 4, partitionRacks: racksT1 }],
        ['t2', { partitions: 4, partitionRacks: racksT2 }],
      ]),
      members: [
        { memberId: 'c0', subscription: { topics: ['t1', 't2'], rackId: 'a' } },
        { memberId: 'c1', subscription: { topics: ['t1', 't2'], rackId: 'b' } },
      ],
    };
    const out = pairs(rangeAssignor.assign(input));
    expect(out.get('c0')).toEqual(['t1\u00000', 't1\u00001', 't2\u00000', 't2\u00001']);
    expect(out.get('c1')).toEqual(['t1\u00002', 't1\u00003', 't2\u00002', 't2\u00003']);
  });

  it('aligns racks index by index when the co-partitioned topics agree on racks', () => {
    const racks = [['a'], ['b'], ['a'], ['b']];
    const input: AssignInput = {
      topics: new Map([
        ['t1', { partitions: 4, partitionRacks: racks }],
        ['t2', { partitions: 4, partitionRacks: racks }],
      ]),
      members: [
        { memberId: 'c0', subscription: { topics: ['t1', 't2'], rackId: 'a' } },
        { memberId: 'c1', subscription: { topics: ['t1', 't2'], rackId: 'b' } },
      ],
    };
    const out = pairs(rangeAssignor.assign(input));
    expect(out.get('c0')).toEqual(['t1\u00000', 't1\u00002', 't2\u00000', 't2\u00002']);
    expect(out.get('c1')).toEqual(['t1\u00001', 't1\u00003', 't2\u00001', 't2\u00003']);
  });
});
