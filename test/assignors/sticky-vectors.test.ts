/**
 * Every sticky and cooperative-sticky vector of test/fixtures/assignor-vectors.jsonl (Kafka's own
 * test expectations, Kafka 3.8/3.9): exact partitions per member, the builder's path and
 * partitionsTransferringOwnership where Kafka asserts them, rack mismatches, and the settled
 * assignment after cooperative follow-up rebalances.
 *
 * kgroup returns each member's partitions as a normalized set, so "list" vectors (Kafka's test
 * compares exact lists) are compared as sets per member: which member gets which partition is
 * compared exactly everywhere; the order inside a member's list is not representable. Every
 * vector matches exactly, in any member, topic and subscription order.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runSticky } from '../../src/assignors/client/sticky/assign.js';
import { cooperativeStickyAssignor, createCooperativeStickyAssignor, createStickyAssignor, stickyAssignor } from '../../src/assignors/index.js';
import type { Assignment, GroupMember, TopicMetadata } from '../../src/protocol/index.js';
import { loadVectors, parsePartitions, vectorMembers, vectorTopics, type AssignorVector } from '../support/vectors.js';

const vectors = loadVectors().filter((v) => v.assignor === 'sticky' || v.assignor === 'cooperative-sticky');

function assignorFor(v: AssignorVector) {
  const options = { preferRackAwareLogic: v.preferRackAwareLogic ?? false };
  return v.assignor === 'sticky' ? createStickyAssignor(options) : createCooperativeStickyAssignor(options);
}

/** Member id -> sorted `topic-N` list, as sorted pairs (ids are never used as object keys). */
function asPairs(output: ReadonlyMap<string, Assignment>): [string, string[]][] {
  return [...output]
    .map(([id, a]): [string, string[]] => {
      const list: string[] = [];
      for (const [topic, ps] of a.partitions) for (const p of ps) list.push(`${topic}-${p}`);
      return [id, list.sort()];
    })
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function expectedPairs(expect: Record<string, string[]>): [string, string[]][] {
  return Object.entries(expect)
    .map(([id, list]): [string, string[]] => [id, [...list].sort()])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Who owned each partition before the assignment, from each member's claims as its assignor reads them. */
function previousOwners(v: AssignorVector): Map<string, string> {
  const owners = new Map<string, string>();
  for (const m of v.members) {
    const claimed = v.assignor === 'sticky' ? (m.userData?.sticky?.previousAssignment ?? []) : (m.ownedPartitions ?? []);
    for (const tp of claimed) owners.set(tp, m.id);
  }
  return owners;
}

function movedPartitions(before: Map<string, string>, after: [string, string[]][]): number {
  let moved = 0;
  for (const [id, list] of after) for (const tp of list) if (before.has(tp) && before.get(tp) !== id) moved++;
  return moved;
}

function rackMismatches(v: AssignorVector, output: ReadonlyMap<string, Assignment>): number {
  const topics = vectorTopics(v);
  let n = 0;
  for (const m of v.members) {
    if (m.rackId === undefined) continue;
    for (const [topic, ps] of output.get(m.id)?.partitions ?? []) {
      for (const p of ps) if (!(topics.get(topic)?.partitionRacks?.[p] ?? []).includes(m.rackId)) n++;
    }
  }
  return n;
}

/** The same group in another order: members, topics in the metadata map, and each member's topic list. */
function shuffled(topics: Map<string, TopicMetadata>, members: GroupMember[], order: number[]): { topics: Map<string, TopicMetadata>; members: GroupMember[] } {
  const rotate = <T,>(xs: readonly T[], k: number) => xs.map((_, i) => xs[(i + k) % xs.length] as T);
  const ms = members.map((m, i) => ({ m, key: order[i % order.length] as number })).sort((a, b) => a.key - b.key).map(({ m }) => m);
  return {
    topics: new Map([...topics].reverse()),
    members: ms.map((m, i) => ({ ...m, subscription: { ...m.subscription, topics: rotate(m.subscription.topics, i) } })),
  };
}

describe('sticky vectors', () => {
  it('covers every sticky and cooperative-sticky vector of the fixture', () => {
    expect(vectors.filter((v) => v.assignor === 'sticky')).toHaveLength(35);
    expect(vectors.filter((v) => v.assignor === 'cooperative-sticky')).toHaveLength(36);
  });

  for (const v of vectors) {
    describe(`${v.id} ${v.source}`, () => {
      const topics = vectorTopics(v);
      const members = vectorMembers(v);
      const input = { topics, members };

      it('gives every member exactly the partitions Kafka gives', () => {
        expect(asPairs(assignorFor(v).assign(input))).toEqual(expectedPairs(v.expect));
      });

      it('gives the same answer in any member, topic and subscription order', () => {
        fc.assert(
          fc.property(fc.array(fc.nat(1000), { minLength: members.length, maxLength: members.length }), (order) => {
            expect(asPairs(assignorFor(v).assign(shuffled(topics, members, order)))).toEqual(expectedPairs(v.expect));
          }),
          { numRuns: 20 },
        );
      });

      it('moves no more partitions than Kafka', () => {
        const before = previousOwners(v);
        expect(movedPartitions(before, asPairs(assignorFor(v).assign(input)))).toBeLessThanOrEqual(movedPartitions(before, expectedPairs(v.expect)));
      });

      if (v.expectPartitionsTransferringOwnership !== undefined) {
        const transfers = v.expectPartitionsTransferringOwnership;
        it(`takes the ${transfers === null ? 'general' : 'constrained'} path${transfers === null ? '' : ' with the same partitionsTransferringOwnership'}`, () => {
          const run = runSticky(input, v.assignor, { cooperative: v.assignor === 'cooperative-sticky', preferRackAwareLogic: v.preferRackAwareLogic ?? false });
          expect(run.path).toBe(transfers === null ? 'general' : 'constrained');
          if (transfers === null) {
            expect(run.partitionsTransferringOwnership).toBeNull();
            return;
          }
          const got: [string, string][] = [];
          run.partitionsTransferringOwnership?.forEach((byPartition, topic) => byPartition.forEach((id, p) => got.push([`${topic}-${p}`, id])));
          expect(got.sort()).toEqual(Object.entries(transfers).sort());
        });
      }

      if (v.expectRackMismatches !== undefined) {
        const mismatches = v.expectRackMismatches;
        it(`has ${mismatches} rack mismatches`, () => {
          expect(rackMismatches(v, assignorFor(v).assign(input))).toBe(mismatches);
        });
      }

      if (v.expectAfterFollowUpRebalances !== undefined) {
        const settled = v.expectAfterFollowUpRebalances;
        it(`settles after ${v.cooperativeFollowUpRounds} follow-up rebalance(s) as Kafka does`, () => {
          const assignor = assignorFor(v);
          let output = assignor.assign(input);
          let rounds = 0;
          for (; rounds < 4; rounds++) {
            const next = members.map((m) => ({
              ...m,
              subscription: { ...m.subscription, ownedPartitions: output.get(m.memberId)?.partitions ?? parsePartitions([]), generationId: 1 },
            }));
            const again = assignor.assign({ topics, members: next });
            const revoked = next.some((m) => [...(m.subscription.ownedPartitions ?? [])].some(([t, ps]) => ps.some((p) => !(again.get(m.memberId)?.partitions.get(t) ?? []).includes(p))));
            output = again;
            if (!revoked) break;
          }
          expect(rounds + 1).toBe(v.cooperativeFollowUpRounds);
          expect(asPairs(output)).toEqual(expectedPairs(settled));
        });
      }
    });
  }

  it('the exported assignors are the production ones (no rack preference)', () => {
    const v = vectors.find((x) => x.id === 'S301') as AssignorVector;
    expect(asPairs(stickyAssignor.assign({ topics: vectorTopics(v), members: vectorMembers(v) }))).toEqual(expectedPairs(v.expect));
    const c = vectors.find((x) => x.id === 'C301') as AssignorVector;
    expect(asPairs(cooperativeStickyAssignor.assign({ topics: vectorTopics(c), members: vectorMembers(c) }))).toEqual(expectedPairs(c.expect));
  });
});
