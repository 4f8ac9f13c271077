/**
 * Every range vector of the fixture (Kafka's RangeAssignorTest expectations, and the class
 * Javadoc example), with the rack-mismatch counts Kafka asserts.
 *
 * All range vectors compare as sets. That is not a loosening on our side: Kafka's per-member
 * list order in non-rack mode is the iteration order of a Java HashMap of topics, which kgroup
 * never reproduces (its outputs must not depend on hash order); kgroup's lists are always sorted
 * by (topic, partition), which is also Kafka's order in rack-aware mode. So each expected list is
 * compared after sorting it, and we check separately that our lists come sorted.
 */
import { describe, expect, it } from 'vitest';
import { createRangeAssignor, rangeAssignor, verifyAssignment } from '../../src/assignors/index.js';
import type { AssignInput, Assignment, GroupMember, TopicMetadata } from '../../src/assignors/index.js';
import { loadVectors, parsePartition, vectorMembers, vectorTopics, type AssignorVector } from '../support/vectors.js';

const vectors = loadVectors().filter((v) => v.assignor === 'range');

/** A member's partitions as Kafka's `topic-N` strings, in our output order. */
function names(a: Assignment | undefined): string[] {
  const out: string[] = [];
  a?.partitions.forEach((ps, topic) => ps.forEach((p) => out.push(`${topic}-${p}`)));
  return out;
}

/** Sort order of (topic, partition) pairs: topic by UTF-16 code units, then partition number. */
function byTopicPartition(a: string, b: string): number {
  const x = parsePartition(a);
  const y = parsePartition(b);
  return x.topic < y.topic ? -1 : x.topic > y.topic ? 1 : x.partition - y.partition;
}

/** Partitions assigned to a member with a rack that has no replica on that rack (Kafka's verifyRackAssignment count). */
function rackMismatches(input: AssignInput, output: Map<string, Assignment>): number {
  let n = 0;
  for (const m of input.members) {
    const rack = m.subscription.rackId;
    if (rack === undefined || rack === null || rack === '') continue;
    output.get(m.memberId)?.partitions.forEach((ps, topic) => {
      const racks = input.topics.get(topic)?.partitionRacks;
      for (const p of ps) if (!(racks?.[p] ?? []).includes(rack)) n++;
    });
  }
  return n;
}

function run(v: AssignorVector, members: GroupMember[] = vectorMembers(v), topics: Map<string, TopicMetadata> = vectorTopics(v)) {
  const input = { topics, members };
  const assignor = createRangeAssignor({ preferRackAwareLogic: v.preferRackAwareLogic ?? false });
  return { input, output: assignor.assign(input) };
}

describe('range: Kafka test vectors', () => {
  it('has the 21 range vectors of the sample', () => {
    expect(vectors.length).toBe(21);
  });

  for (const v of vectors) {
    describe(`${v.id} ${v.source}`, () => {
      it('assigns exactly the expected partitions to every member', () => {
        const { input, output } = run(v);
        expect(verifyAssignment(input, output, { requireComplete: true })).toEqual([]);
        expect([...output.keys()].sort()).toEqual(v.members.map((m) => m.id).sort());
        for (const [id, expected] of Object.entries(v.expect)) {
          expect(v.compare).toBe('set'); // see the file comment: every range vector is a set comparison
          expect(names(output.get(id)), `member ${id}`).toEqual([...expected].sort(byTopicPartition));
        }
      });

      it('returns each list sorted by (topic, partition)', () => {
        const { output } = run(v);
        for (const a of output.values()) expect(names(a)).toEqual([...names(a)].sort(byTopicPartition));
      });

      if (v.expectRackMismatches !== undefined) {
        it(`has ${v.expectRackMismatches} rack mismatches`, () => {
          const { input, output } = run(v);
          expect(rackMismatches(input, output)).toBe(v.expectRackMismatches);
        });
      }

      if (v.note?.includes('NO_BROKER_RACK') === true) {
        // Kafka runs these with three rack configs and expects one outcome for all of them.
        it('gives the same result without partition racks, and without member racks', () => {
          const noBrokerRacks = new Map([...vectorTopics(v)].map(([t, m]) => [t, { partitions: m.partitions }]));
          const noConsumerRacks = vectorMembers(v).map((m) => ({ ...m, subscription: { ...m.subscription, rackId: null } }));
          for (const { output } of [run(v, undefined, noBrokerRacks), run(v, noConsumerRacks)]) {
            for (const [id, expected] of Object.entries(v.expect)) expect(names(output.get(id))).toEqual([...expected].sort(byTopicPartition));
          }
        });
      }
    });
  }
});

describe('range: the preferRackAwareLogic test hook', () => {
  // Every partition has its replicas on rack a only, so all partitions have the same racks as
  // their union: Kafka keeps plain range unless the hook is set. c0 is on rack b, c1 on rack a.
  const input: AssignInput = {
    topics: new Map([['t', { partitions: 4, partitionRacks: [['a'], ['a'], ['a'], ['a']] }]]),
    members: [
      { memberId: 'c0', subscription: { topics: ['t'], rackId: 'b' } },
      { memberId: 'c1', subscription: { topics: ['t'], rackId: 'a' } },
    ],
  };

  it('is off by default: plain range, c0 first', () => {
    for (const out of [rangeAssignor.assign(input), createRangeAssignor().assign(input)]) {
      expect(names(out.get('c0'))).toEqual(['t-0', 't-1']);
      expect(names(out.get('c1'))).toEqual(['t-2', 't-3']);
    }
  });

  it('when set, the rack pass gives c1 (rack a) its share first and c0 gets the rest', () => {
    const out = createRangeAssignor({ preferRackAwareLogic: true }).assign(input);
    expect(names(out.get('c1'))).toEqual(['t-0', 't-1']);
    expect(names(out.get('c0'))).toEqual(['t-2', 't-3']);
  });

  it('describes the exported assignor as Kafka does', () => {
    expect(rangeAssignor.name).toBe('range');
    expect(rangeAssignor.supportedProtocols).toEqual(['EAGER']);
    expect(Object.isFrozen(rangeAssignor)).toBe(true);
  });
});
