/**
 * Properties of the sticky assignors on random groups: valid, balanced as Kafka's, sticky,
 * deterministic under any input order, pure, and robust to bad input.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runSticky } from '../../src/assignors/client/sticky/assign.js';
import { cooperativeStickyAssignor, createStickyAssignor, stickyAssignor, verifyAssignment, type PartitionAssignor } from '../../src/assignors/index.js';
import { UsageError } from '../../src/errors.js';
import {
  PackedTopicPartitions,
  encodeStickyUserData,
  topicPartitions,
  type Assignment,
  type GroupMember,
  type TopicMetadata,
  type TopicPartitions,
} from '../../src/protocol/index.js';

// ---------------------------------------------------------------------------------------------
// Generators and helpers

const TOPICS = ['t0', 't1', 't2', '__proto__', 'constructor', 'toString'];
const IDS = ['c0', 'c1', 'c2', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'c7', 'c8', 'c9', 'c10', 'c11'];

interface Group {
  readonly topics: Map<string, TopicMetadata>;
  readonly members: GroupMember[];
}

/** Random groups: up to 6 topics of 0..9 partitions, up to 12 members, uniform or mixed subscriptions. */
const groupArb: fc.Arbitrary<Group> = fc
  .record({
    counts: fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: TOPICS.length }),
    memberCount: fc.integer({ min: 1, max: IDS.length }),
    uniform: fc.boolean(),
    picks: fc.array(fc.array(fc.boolean(), { minLength: TOPICS.length + 1, maxLength: TOPICS.length + 1 }), { minLength: IDS.length, maxLength: IDS.length }),
  })
  .map(({ counts, memberCount, uniform, picks }) => {
    const topics = new Map(counts.map((n, i) => [TOPICS[i] as string, { partitions: n }]));
    const names = [...topics.keys(), 'unknown-topic'];
    const members = IDS.slice(0, memberCount).map((memberId, i) => ({
      memberId,
      subscription: { topics: uniform ? [...topics.keys()] : names.filter((_, t) => (picks[i] as boolean[])[t]) },
    }));
    return { topics, members };
  });

function partitionsOf(output: ReadonlyMap<string, Assignment>, id: string): TopicPartitions {
  return output.get(id)?.partitions ?? PackedTopicPartitions.EMPTY;
}

function countOf(tp: TopicPartitions): number {
  let n = 0;
  for (const ps of tp.values()) n += ps.length;
  return n;
}

/** The group re-subscribing with what `output` gave each member, at `generation`, as each assignor reads it. */
function claiming(group: Group, assignor: PartitionAssignor, output: ReadonlyMap<string, Assignment>, generation: number): Group {
  return {
    topics: group.topics,
    members: group.members.map((m) => {
      const owned = partitionsOf(output, m.memberId);
      const userData = assignor.subscriptionUserData?.({ topics: m.subscription.topics, ownedPartitions: owned, generationId: generation }) ?? null;
      return { memberId: m.memberId, subscription: { ...m.subscription, ownedPartitions: owned, generationId: generation, userData } };
    }),
  };
}

function uniformSubscriptions(group: Group): boolean {
  const first = group.members[0]?.subscription.topics ?? [];
  return group.members.every((m) => m.subscription.topics.length === first.length && m.subscription.topics.every((t) => first.includes(t)));
}

/** Kafka's test helper verifyValidityAndBalance: two members two partitions apart share no topic. */
function kafkaBalanceViolations(output: ReadonlyMap<string, Assignment>): string[] {
  const entries = [...output];
  const out: string[] = [];
  for (let i = 0; i < entries.length; i++) {
    for (let j = i + 1; j < entries.length; j++) {
      const [a, pa] = entries[i] as [string, Assignment];
      const [b, pb] = entries[j] as [string, Assignment];
      if (Math.abs(countOf(pa.partitions) - countOf(pb.partitions)) <= 1) continue;
      for (const topic of pa.partitions.keys()) if (pb.partitions.has(topic)) out.push(`${a}/${b} share ${topic}`);
    }
  }
  return out;
}

/** Kafka's isBalanced: no member could take a partition of a topic it subscribes to from a member two partitions heavier. */
function improvableMoves(group: Group, output: ReadonlyMap<string, Assignment>): string[] {
  const ownerOf = new Map<string, string>();
  for (const [id, a] of output) for (const [t, ps] of a.partitions) for (const p of ps) ownerOf.set(`${t}\u0000${p}`, id);
  const out: string[] = [];
  for (const m of group.members) {
    const mine = countOf(partitionsOf(output, m.memberId));
    for (const t of new Set(m.subscription.topics)) {
      for (let p = 0; p < (group.topics.get(t)?.partitions ?? 0); p++) {
        const owner = ownerOf.get(`${t}\u0000${p}`);
        if (owner !== undefined && countOf(partitionsOf(output, owner)) > mine + 1) out.push(`${t}-${p}: ${owner} -> ${m.memberId}`);
      }
    }
  }
  return out;
}

function asPairs(output: ReadonlyMap<string, Assignment>): [string, string[]][] {
  return [...output]
    .map(([id, a]): [string, string[]] => [id, [...a.partitions].flatMap(([t, ps]) => ps.map((p) => `${t}-${p}`)).sort()])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

const assignors = [stickyAssignor, cooperativeStickyAssignor];

// ---------------------------------------------------------------------------------------------

describe('sticky assignors: validity and balance', () => {
  for (const assignor of assignors) {
    it(`${assignor.name}: a fresh assignment is valid and complete`, () => {
      fc.assert(
        fc.property(groupArb, (group) => {
          const output = assignor.assign(group);
          expect(verifyAssignment(group, output, { requireComplete: true })).toEqual([]);
          expect([...output.keys()].sort()).toEqual(group.members.map((m) => m.memberId).sort());
        }),
        { numRuns: 400 },
      );
    });

    it(`${assignor.name}: identical subscriptions give counts within one of each other`, () => {
      fc.assert(
        fc.property(groupArb, fc.boolean(), (group, again) => {
          fc.pre(uniformSubscriptions(group));
          let output = assignor.assign(group);
          if (again) output = assignor.assign(claiming(group, assignor, output, 1));
          const counts = [...output.values()].map((a) => countOf(a.partitions));
          expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
        }),
        { numRuns: 300 },
      );
    });

    it(`${assignor.name}: mixed subscriptions are balanced by Kafka's own test and by its isBalanced`, () => {
      fc.assert(
        fc.property(groupArb, (group) => {
          const output = assignor.assign(group);
          expect(kafkaBalanceViolations(output)).toEqual([]);
          expect(improvableMoves(group, output)).toEqual([]);
        }),
        { numRuns: 400 },
      );
    });
  }

  it('sticky: re-assigning from any valid previous assignment stays valid, complete and balanced', () => {
    fc.assert(
      fc.property(groupArb, groupArb, (before, after) => {
        // Members of `before` claim their answer in the group of `after` (other topics, other members).
        const previous = stickyAssignor.assign(before);
        const claimed = claiming(before, stickyAssignor, previous, 3);
        const byId = new Map(claimed.members.map((m) => [m.memberId, m]));
        const members = after.members.map((m) => {
          const old = byId.get(m.memberId);
          return old === undefined ? m : { memberId: m.memberId, subscription: { ...old.subscription, topics: m.subscription.topics } };
        });
        const group = { topics: after.topics, members };
        const output = stickyAssignor.assign(group);
        expect(verifyAssignment(group, output, { requireComplete: true })).toEqual([]);
        expect(kafkaBalanceViolations(output)).toEqual([]);
        expect(improvableMoves(group, output)).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });
});

describe('sticky assignors: stickiness', () => {
  /** Partitions kept = what Kafka's constrained path can keep at best: min quota each, plus the over-min slots. */
  function bestKept(owned: number[], total: number, members: number): number {
    const minQuota = Math.floor(total / members);
    const over = total % members;
    const full = owned.filter((n) => n > minQuota).length;
    return owned.reduce((sum, n) => sum + Math.min(n, minQuota), 0) + Math.min(over, full);
  }

  for (const assignor of assignors) {
    it(`${assignor.name}: after joins, leaves and crashes, staying members keep all they can (identical subscriptions)`, () => {
      fc.assert(
        fc.property(groupArb, fc.array(fc.integer({ min: 0, max: 2 }), { minLength: IDS.length, maxLength: IDS.length }), (group, fate) => {
          const allTopics = [...group.topics.keys()];
          const uniform = { topics: group.topics, members: group.members.map((m) => ({ ...m, subscription: { topics: allTopics } })) };
          const first = assignor.assign(uniform);
          const claimed = claiming(uniform, assignor, first, 1);
          // fate 0: stays; 1: leaves (or crashes: it is simply gone); 2: stays and a new member joins after it.
          const members: GroupMember[] = [];
          claimed.members.forEach((m, i) => {
            if (fate[i] !== 1) members.push(m);
            if (fate[i] === 2) members.push({ memberId: `new-${i}`, subscription: { topics: allTopics } });
          });
          fc.pre(members.length > 0);
          const next = { topics: group.topics, members };
          const output = assignor.assign(next);
          const total = allTopics.reduce((n, t) => n + (group.topics.get(t)?.partitions ?? 0), 0);
          const minQuota = Math.floor(total / members.length);
          const maxQuota = Math.ceil(total / members.length);
          let kept = 0;
          const ownedCounts: number[] = [];
          let slotsTakenByFull = 0;
          const losers: { owned: number; kept: number }[] = [];
          for (const m of members) {
            const owned = m.subscription.ownedPartitions ?? PackedTopicPartitions.EMPTY;
            const mine = partitionsOf(output, m.memberId);
            let k = 0;
            for (const [t, ps] of owned) for (const p of ps) if (mine.get(t)?.includes(p)) k++;
            kept += k;
            ownedCounts.push(countOf(owned));
            if (k === maxQuota && maxQuota > minQuota && countOf(owned) >= maxQuota) slotsTakenByFull++;
            if (k < countOf(owned)) losers.push({ owned: countOf(owned), kept: k });
            expect(k).toBeGreaterThanOrEqual(Math.min(countOf(owned), minQuota));
          }
          expect(kept).toBe(bestKept(ownedCounts, total, members.length));
          for (const l of losers) {
            // A member loses partitions only if it had more than the max quota, or had exactly the max
            // quota while every over-min slot went to another member that also had the max quota.
            expect(l.owned > maxQuota || (l.owned === maxQuota && slotsTakenByFull === total % members.length)).toBe(true);
          }
        }),
        { numRuns: 400 },
      );
    });
  }

  it('sticky: a member that comes back with its old assignment gets it back when nothing else changed', () => {
    fc.assert(
      fc.property(groupArb, (group) => {
        const first = stickyAssignor.assign(group);
        const second = stickyAssignor.assign(claiming(group, stickyAssignor, first, 1));
        expect(asPairs(second)).toEqual(asPairs(first));
      }),
      { numRuns: 300 },
    );
  });
});

describe('sticky assignors: determinism and purity', () => {
  for (const assignor of assignors) {
    it(`${assignor.name}: the answer does not depend on the order of members, topics, subscriptions or owned partitions`, () => {
      fc.assert(
        fc.property(groupArb, fc.array(fc.nat(), { minLength: IDS.length, maxLength: IDS.length }), (group, keys) => {
          const previous = claiming(group, assignor, assignor.assign(group), 2);
          const reference = asPairs(assignor.assign(previous));
          const members = previous.members
            .map((m, i) => ({ m, k: keys[i] as number }))
            .sort((a, b) => a.k - b.k)
            .map(({ m }) => ({
              ...m,
              subscription: {
                ...m.subscription,
                topics: [...m.subscription.topics].reverse(),
                // Owned partitions as a plain Map with topics and partitions in reverse order.
                ownedPartitions: new Map([...(m.subscription.ownedPartitions ?? [])].reverse().map(([t, ps]) => [t, [...ps].reverse()])),
              },
            }));
          const topics = new Map([...group.topics].reverse());
          expect(asPairs(assignor.assign({ topics, members }))).toEqual(reference);
        }),
        { numRuns: 300 },
      );
    });
  }

  it('keeps no state between calls (Kafka remembers the highest generation it has seen)', () => {
    fc.assert(
      fc.property(groupArb, (group) => {
        const previous = stickyAssignor.assign(group);
        const low = claiming(group, stickyAssignor, previous, 1);
        const fresh = createStickyAssignor();
        const expected = asPairs(fresh.assign(low));
        stickyAssignor.assign(claiming(group, stickyAssignor, previous, 1000));
        expect(asPairs(stickyAssignor.assign(low))).toEqual(expected);
      }),
      { numRuns: 100 },
    );
  });

  it('does not modify its input', () => {
    fc.assert(
      fc.property(groupArb, (group) => {
        const previous = claiming(group, stickyAssignor, stickyAssignor.assign(group), 1);
        const before = JSON.stringify(previous.members.map((m) => [m.memberId, m.subscription.topics, [...(m.subscription.ownedPartitions ?? [])], [...(m.subscription.userData ?? [])]]));
        stickyAssignor.assign(previous);
        cooperativeStickyAssignor.assign(previous);
        expect(JSON.stringify(previous.members.map((m) => [m.memberId, m.subscription.topics, [...(m.subscription.ownedPartitions ?? [])], [...(m.subscription.userData ?? [])]]))).toBe(before);
      }),
      { numRuns: 100 },
    );
  });
});

describe('sticky assignors: names and bad input', () => {
  const topics = new Map<string, TopicMetadata>([
    ['__proto__', { partitions: 3 }],
    ['constructor', { partitions: 2 }],
    ['toString', { partitions: 1 }],
  ]);

  for (const assignor of assignors) {
    it(`${assignor.name}: __proto__, constructor and toString work as topic names and member ids`, () => {
      const members = ['__proto__', 'constructor', 'toString'].map((memberId) => ({ memberId, subscription: { topics: [...topics.keys()] } }));
      const output = assignor.assign({ topics, members });
      expect(verifyAssignment({ topics, members }, output, { requireComplete: true })).toEqual([]);
      // Round robin over (topic, partition) in member id order: '_' < 'c' < 't'.
      expect(asPairs(output)).toEqual([
        ['__proto__', ['__proto__-0', 'constructor-0']],
        ['constructor', ['__proto__-1', 'constructor-1']],
        ['toString', ['__proto__-2', 'toString-0']],
      ]);
      const again = assignor.assign(claiming({ topics, members }, assignor, output, 1));
      expect(asPairs(again)).toEqual(asPairs(output));
    });

    it(`${assignor.name}: no members gives an empty map; members without topics get nothing`, () => {
      expect(assignor.assign({ topics, members: [] }).size).toBe(0);
      const members = [
        { memberId: 'a', subscription: { topics: [] } },
        { memberId: 'b', subscription: { topics: ['toString'] } },
        { memberId: 'c', subscription: { topics: ['no-such-topic'] } },
      ];
      expect(asPairs(assignor.assign({ topics, members }))).toEqual([
        ['a', []],
        ['b', ['toString-0']],
        ['c', []],
      ]);
    });

    it(`${assignor.name}: members listing a topic twice, or topics that do not exist, still get a valid assignment`, () => {
      const members = [
        { memberId: 'a', subscription: { topics: ['__proto__', '__proto__', 'ghost'] } },
        { memberId: 'b', subscription: { topics: ['__proto__', 'constructor'] } },
      ];
      const output = assignor.assign({ topics, members });
      expect(verifyAssignment({ topics, members }, output, { requireComplete: true })).toEqual([]);
      expect(kafkaBalanceViolations(output)).toEqual([]);
    });

    it(`${assignor.name}: rejects duplicate member ids with a UsageError`, () => {
      const member = { memberId: 'a', subscription: { topics: ['toString'] } };
      expect(() => assignor.assign({ topics, members: [member, member] })).toThrow(UsageError);
    });
  }

  it('garbage user data or claims of partitions that do not exist mean owning nothing, without a crash or a huge allocation', () => {
    const garbage: (Uint8Array | null)[] = [
      new Uint8Array([0xff, 0xff, 0xff, 0xff]), // array count -1
      new Uint8Array([0x7f, 0xff, 0xff, 0xff, 0, 0]), // two billion topics in six bytes
      new Uint8Array([0, 0, 0, 1, 0x7f, 0xff]), // a topic name longer than the data
      new Uint8Array([0, 0, 0, 1, 0, 1, 0x74, 0x7f, 0xff, 0xff, 0xff]), // two billion partitions
      new Uint8Array([0, 0, 0, 1, 0, 8, ...'toString'.split('').map((c) => c.charCodeAt(0)), 0, 0, 0, 1, 0xff, 0xff, 0xff, 0xff]), // partition -1
      new Uint8Array([1, 2, 3]),
      new Uint8Array(0),
      null,
    ];
    for (const userData of garbage) {
      const members = [
        { memberId: 'a', subscription: { topics: [...topics.keys()], userData, generationId: 5 } },
        { memberId: 'b', subscription: { topics: [...topics.keys()] } },
      ];
      expect(asPairs(stickyAssignor.assign({ topics, members }))).toEqual(asPairs(stickyAssignor.assign({ topics, members: members.map((m) => ({ ...m, subscription: { topics: m.subscription.topics } })) })));
    }
    const nonsense = new Map<string, number[]>([
      ['toString', [0, 1, 7, -1, 1.5, Number.NaN, 2 ** 40]],
      ['ghost', [0]],
    ]);
    const members = [
      { memberId: 'a', subscription: { topics: [...topics.keys()], ownedPartitions: nonsense, generationId: 3, userData: encodeStickyUserData({ partitions: topicPartitions([['toString', [0, 2147483647]], ['ghost', [0]]]), generation: 3 }) } },
      { memberId: 'b', subscription: { topics: [...topics.keys()] } },
    ];
    for (const assignor of assignors) {
      const output = assignor.assign({ topics, members });
      expect(verifyAssignment({ topics, members }, output, { requireComplete: assignor.name === 'sticky' })).toEqual([]);
      // The one real claim (toString-0) is honoured.
      expect(partitionsOf(output, 'a').get('toString')).toEqual([0]);
    }
  });

  it('a partition claimed by two members at one generation is owned by neither; the higher generation wins a conflict', () => {
    const t = new Map([['t', { partitions: 2 }]]);
    const claim = (memberId: string, generation: number, ps: number[]) => {
      const owned = topicPartitions([['t', ps]]);
      return { memberId, subscription: { topics: ['t'], ownedPartitions: owned, generationId: generation, userData: encodeStickyUserData({ partitions: owned, generation }) } };
    };
    for (const assignor of assignors) {
      // Both claim t-0 and t-1 at generation 4: nobody owns them; the assignment is fresh.
      const tie = runSticky({ topics: t, members: [claim('x', 4, [0, 1]), claim('y', 4, [0, 1])] }, assignor.name, { cooperative: assignor.name !== 'sticky', preferRackAwareLogic: false });
      expect([...(tie.partitionsTransferringOwnership?.get('t')?.keys() ?? [])].sort()).toEqual([0, 1]);
      // y at generation 5 wins both; it keeps one (its quota) and x gets the other.
      const win = assignor.assign({ topics: t, members: [claim('x', 4, [0, 1]), claim('y', 5, [0, 1])] });
      expect(partitionsOf(win, 'y').get('t')).toEqual([0]);
    }
  });

  it('rejects bad options', () => {
    expect(() => createStickyAssignor({ preferRackAwareLogic: 'yes' as unknown as boolean })).toThrow(UsageError);
    expect(() => createStickyAssignor(null as unknown as object)).toThrow(UsageError);
  });
});
