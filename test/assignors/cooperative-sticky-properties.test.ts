/**
 * Properties specific to cooperative-sticky: no partition is revoked from one member and given
 * to another in the same round, what is withheld is exactly what changes owner, and a group
 * settles after one follow-up rebalance.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cooperativeStickyAssignor, stickyAssignor, verifyAssignment } from '../../src/assignors/index.js';
import { PackedTopicPartitions, encodeStickyUserData, type Assignment, type GroupMember, type TopicMetadata } from '../../src/protocol/index.js';

const TOPICS = ['a', 'b', 'c', '__proto__'];
const IDS = ['m0', 'm1', 'm2', 'm3', 'm4', 'm5', 'constructor', 'toString', 'm8', 'm9'];

interface Group {
  readonly topics: Map<string, TopicMetadata>;
  readonly members: GroupMember[];
}

interface Change {
  readonly before: Group;
  readonly after: Group;
  /** Every member subscribes to every topic (Kafka's constrained path). */
  readonly uniform: boolean;
}

/** A group, and the same group after members joined, left and changed subscriptions. */
const changeArb: fc.Arbitrary<Change> = fc
  .record({
    counts: fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: TOPICS.length }),
    uniform: fc.boolean(),
    stays: fc.array(fc.boolean(), { minLength: IDS.length, maxLength: IDS.length }),
    before: fc.array(fc.boolean(), { minLength: IDS.length, maxLength: IDS.length }),
    picks: fc.array(fc.array(fc.boolean(), { minLength: TOPICS.length, maxLength: TOPICS.length }), { minLength: 2 * IDS.length, maxLength: 2 * IDS.length }),
  })
  .map(({ counts, uniform, stays, before, picks }) => {
    const topics = new Map(counts.map((n, i) => [TOPICS[i] as string, { partitions: n }]));
    const names = [...topics.keys()];
    const subscription = (row: number) => ({ topics: uniform ? names : names.filter((_, t) => (picks[row] as boolean[])[t]) });
    const first = IDS.map((memberId, i) => ({ memberId, subscription: subscription(i) })).filter((_, i) => before[i] || i === 0);
    // Staying members keep their subscription; members that join come with a new one.
    const firstIds = new Set(first.map((m) => m.memberId));
    const second = IDS.map((memberId, i) => ({ memberId, subscription: subscription(firstIds.has(memberId) ? IDS.indexOf(memberId) : i + IDS.length) })).filter((_, i) => stays[i] || i === 1);
    return { before: { topics, members: first }, after: { topics, members: second }, uniform };
  });

function partitionsOf(output: ReadonlyMap<string, Assignment>, id: string) {
  return output.get(id)?.partitions ?? PackedTopicPartitions.EMPTY;
}

/** Each member claims what it holds in `output`, at `generation`. */
function claiming(group: Group, output: ReadonlyMap<string, Assignment>, generation: number): Group {
  return {
    topics: group.topics,
    members: group.members.map((m) => ({
      memberId: m.memberId,
      subscription: {
        topics: m.subscription.topics,
        ownedPartitions: partitionsOf(output, m.memberId),
        generationId: generation,
        userData: cooperativeStickyAssignor.subscriptionUserData?.({ topics: m.subscription.topics, ownedPartitions: partitionsOf(output, m.memberId), generationId: generation }) ?? null,
      },
    })),
  };
}

function revokedSomething(group: Group, output: ReadonlyMap<string, Assignment>): boolean {
  return group.members.some((m) => [...(m.subscription.ownedPartitions ?? [])].some(([t, ps]) => ps.some((p) => !(partitionsOf(output, m.memberId).get(t) ?? []).includes(p))));
}

/** Runs rebalances until nobody revokes anything; returns the rounds run after the first and the final output. */
function settle(group: Group, generation: number): { followUps: number; output: Map<string, Assignment>; rounds: Group[] } {
  let current = group;
  let output = cooperativeStickyAssignor.assign(current);
  const rounds = [current];
  let followUps = 0;
  while (followUps < 5) {
    const next = claiming(current, output, generation + followUps + 1);
    const again = cooperativeStickyAssignor.assign(next);
    rounds.push(next);
    followUps++;
    const revoked = revokedSomething(next, again);
    current = next;
    output = again;
    if (!revoked) break;
  }
  return { followUps, output, rounds };
}

/** `after`, with every staying member claiming what it settled with in `before`. */
function changed(change: Change): Group {
  const { output } = settle(change.before, 1);
  const members = change.after.members.map((m) => {
    const owned = partitionsOf(output, m.memberId);
    return { memberId: m.memberId, subscription: { ...m.subscription, ownedPartitions: owned, generationId: owned.size > 0 ? 7 : -1 } };
  });
  return { topics: change.after.topics, members };
}

describe('cooperative-sticky', () => {
  it('never revokes a partition from one member and gives it to another in the same round', () => {
    fc.assert(
      fc.property(changeArb, (change) => {
        const group = changed(change);
        const { rounds } = settle(group, 7);
        for (const round of rounds) {
          expect(verifyAssignment(round, cooperativeStickyAssignor.assign(round), { cooperative: true })).toEqual([]);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('settles after at most one follow-up rebalance from a valid state when subscriptions are identical', () => {
    fc.assert(
      fc.property(changeArb, (change) => {
        fc.pre(change.uniform);
        const group = changed(change);
        const { followUps, output, rounds } = settle(group, 7);
        expect(followUps).toBeLessThanOrEqual(1);
        const last = rounds.at(-1) as Group;
        expect(verifyAssignment(last, output, { requireComplete: true, cooperative: true })).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it("settles within Kafka's limit of four follow-ups when subscriptions differ, complete and valid", () => {
    // Kafka's general path can take a partition from a member in a follow-up round (its balancing
    // pass moves what the previous round handed out), so one follow-up is not always enough; this
    // is Kafka's behaviour, kept for exactness (docs/sticky.md). Kafka's own tests allow four.
    let moreThanOne = 0;
    fc.assert(
      fc.property(changeArb, (change) => {
        const group = changed(change);
        const { followUps, output, rounds } = settle(group, 7);
        if (followUps > 1) moreThanOne++;
        expect(followUps).toBeLessThanOrEqual(4);
        const last = rounds.at(-1) as Group;
        expect(revokedSomething(last, output)).toBe(false);
        expect(verifyAssignment(last, output, { requireComplete: true, cooperative: true })).toEqual([]);
      }),
      { numRuns: 300 },
    );
    expect(moreThanOne).toBeLessThan(30);
  });

  it('withholds exactly the partitions that change owner, relative to the eager assignment of the same claims', () => {
    fc.assert(
      fc.property(changeArb, (change) => {
        const group = changed(change);
        // The same claims as sticky reads them (user data), so both run the same algorithm.
        const eagerGroup = {
          topics: group.topics,
          members: group.members.map((m) => ({
            memberId: m.memberId,
            subscription: {
              ...m.subscription,
              userData: encodeStickyUserData({ partitions: m.subscription.ownedPartitions ?? PackedTopicPartitions.EMPTY, generation: m.subscription.generationId ?? -1 }),
            },
          })),
        };
        const eager = stickyAssignor.assign(eagerGroup);
        const cooperative = cooperativeStickyAssignor.assign(group);
        const ownerBefore = new Map<string, string>();
        for (const m of group.members) for (const [t, ps] of m.subscription.ownedPartitions ?? []) for (const p of ps) ownerBefore.set(`${t}-${p}`, m.memberId);
        for (const m of group.members) {
          const coop = new Set([...partitionsOf(cooperative, m.memberId)].flatMap(([t, ps]) => ps.map((p) => `${t}-${p}`)));
          const all = [...partitionsOf(eager, m.memberId)].flatMap(([t, ps]) => ps.map((p) => `${t}-${p}`));
          for (const tp of all) {
            const previous = ownerBefore.get(tp);
            // Kept when it was free or already this member's; withheld when another member must revoke it first.
            expect(coop.has(tp)).toBe(previous === undefined || previous === m.memberId);
          }
          expect(coop.size).toBeLessThanOrEqual(all.length);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a fresh group needs no follow-up: nothing is owned, nothing is withheld', () => {
    fc.assert(
      fc.property(changeArb, (change) => {
        const output = cooperativeStickyAssignor.assign(change.after);
        expect(verifyAssignment(change.after, output, { requireComplete: true })).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
