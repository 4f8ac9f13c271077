// The TargetAssignmentBuilder on Kafka's cases (reference §7.2, TargetAssignmentBuilderTest) with
// a stubbed assignor: group my-group building epoch 20; topics foo(6), bar(6); zar does not exist.
import { describe, expect, it } from 'vitest';
import type { GroupAssignment, GroupSpec, ServerAssignor } from '../../../src/assignors/server/types.js';
import { PartitionAssignorError } from '../../../src/assignors/server/types.js';
import { applyRecord, newMember } from '../../../src/consumer/coordinator/group.js';
import { buildMetadataImage } from '../../../src/consumer/coordinator/metadata.js';
import { memberMetadataRecord, regexRecord, targetAssignmentRecord } from '../../../src/consumer/coordinator/records.js';
import { subscriptionTypeOfGroup } from '../../../src/consumer/coordinator/subscription-type.js';
import { buildTargetAssignment } from '../../../src/consumer/coordinator/target-assignment.js';
import type { ConsumerGroup, ConsumerGroupRecord } from '../../../src/consumer/coordinator/types.js';
import { ErrorCode } from '../../../src/protocol/error-codes.js';
import { topicPartitions } from '../../../src/protocol/topic-partitions-ops.js';
import type { TopicPartitions } from '../../../src/protocol/topic-partitions.js';

const metadata = buildMetadataImage([
  { topicId: 'foo-id', name: 'foo', partitions: 6 },
  { topicId: 'bar-id', name: 'bar', partitions: 6 },
]);

interface Spec {
  names: string[];
  regex?: string;
  target?: Record<string, number[]>;
}

function groupOf(members: Record<string, Spec>, extra: ConsumerGroupRecord[] = []): ConsumerGroup {
  let g: ConsumerGroup | null = null;
  for (const [id, s] of Object.entries(members)) {
    g = applyRecord(g, memberMetadataRecord('my-group', { ...newMember(id), subscribedTopicNames: s.names, subscribedTopicRegex: s.regex ?? '' }));
    if (s.target !== undefined) g = applyRecord(g, targetAssignmentRecord('my-group', id, topicPartitions(s.target)));
  }
  for (const r of extra) g = applyRecord(g, r);
  return g ?? (applyRecord(null, { type: 'ConsumerGroupMetadata', groupId: 'my-group', value: { epoch: 19, metadataHash: 0 } }) as ConsumerGroup);
}

/** An assignor returning prepared targets and remembering what it was given. */
function stub(result: Record<string, Record<string, number[]>>): ServerAssignor & { seen: Map<string, string[]> } {
  const seen = new Map<string, string[]>();
  return {
    name: 'range',
    seen,
    assign(spec: GroupSpec): GroupAssignment {
      for (const id of spec.memberIds) seen.set(id, [...spec.memberSubscription(id).subscribedTopicIds].sort());
      return new Map(Object.entries(result).map(([id, tp]) => [id, topicPartitions(tp) as TopicPartitions]));
    },
  };
}

function show(records: readonly ConsumerGroupRecord[]): string[] {
  return records.map((r) => {
    if (r.type === 'ConsumerGroupTargetAssignmentMember') return `Target(${r.memberId}, ${JSON.stringify(r.value?.topicPartitions.toJSON())})`;
    if (r.type === 'ConsumerGroupTargetAssignmentMetadata') return `TargetAssignmentMetadata(${r.value?.assignmentEpoch})`;
    return r.type;
  });
}

function build(g: ConsumerGroup, assignor: ServerAssignor) {
  return buildTargetAssignment({ group: g, targetEpoch: 20, assignor, subscriptionType: subscriptionTypeOfGroup(g), metadata, trusted: false });
}

describe('TargetAssignmentBuilder (TAB)', () => {
  it('TAB-01: no members: only the new target assignment epoch', () => {
    const r = build(groupOf({}), stub({}));
    expect(r.ok && show(r.records)).toEqual(['TargetAssignmentMetadata(20)']);
  });

  it('TAB-03: the assignor swaps two members: a record for each, then the epoch', () => {
    const g = groupOf({
      m1: { names: ['foo', 'bar'], target: { 'foo-id': [1, 2, 3], 'bar-id': [1, 2, 3] } },
      m2: { names: ['foo', 'bar'], target: { 'foo-id': [4, 5], 'bar-id': [4, 5] } },
    });
    const r = build(g, stub({ m1: { 'foo-id': [4, 5], 'bar-id': [4, 5] }, m2: { 'foo-id': [1, 2, 3], 'bar-id': [1, 2, 3] } }));
    expect(r.ok && show(r.records)).toEqual([
      'Target(m1, {"bar-id":[4,5],"foo-id":[4,5]})',
      'Target(m2, {"bar-id":[1,2,3],"foo-id":[1,2,3]})',
      'TargetAssignmentMetadata(20)',
    ]);
  });

  it('TAB-05: a removed member gets no tombstone here; unchanged members get no record', () => {
    const g = groupOf({
      m1: { names: ['foo', 'bar'], target: { 'foo-id': [1, 2], 'bar-id': [1, 2] } },
      m2: { names: ['foo', 'bar'], target: { 'foo-id': [3, 4], 'bar-id': [3, 4] } },
    });
    const r = build(g, stub({ m1: { 'foo-id': [1, 2, 5], 'bar-id': [1, 2, 5] }, m2: { 'foo-id': [3, 4], 'bar-id': [3, 4] } }));
    expect(r.ok && show(r.records)).toEqual(['Target(m1, {"bar-id":[1,2,5],"foo-id":[1,2,5]})', 'TargetAssignmentMetadata(20)']);
  });

  it('TAB-07: regular expressions: the assignor sees names that exist plus resolved regex topics', () => {
    const g = groupOf(
      { m1: { names: ['bar', 'zar'], regex: 'foo*' }, m2: { names: ['foo', 'bar', 'zar'] }, m3: { names: [], regex: 'foo*' } },
      [regexRecord('my-group', 'foo*', { topics: ['foo'], version: 1, timestampMs: 0 })],
    );
    const assignor = stub({ m1: { 'foo-id': [0, 1] }, m2: { 'foo-id': [2, 3], 'bar-id': [0, 1, 2, 3, 4, 5] }, m3: { 'foo-id': [4, 5] } });
    const r = build(g, assignor);
    expect(Object.fromEntries(assignor.seen)).toEqual({ m1: ['bar-id', 'foo-id'], m2: ['bar-id', 'foo-id'], m3: ['foo-id'] });
    expect(r.ok && show(r.records)).toHaveLength(4);
    expect(subscriptionTypeOfGroup(g)).toBe('HETEROGENEOUS');
  });

  it('an assignor failure becomes UNKNOWN_SERVER_ERROR with Kafka\'s message', () => {
    const failing: ServerAssignor = {
      name: 'uniform',
      assign: () => {
        throw new PartitionAssignorError('Partitions were left unassigned');
      },
    };
    expect(build(groupOf({ m1: { names: ['foo'] } }), failing)).toEqual({
      ok: false,
      errorCode: ErrorCode.UNKNOWN_SERVER_ERROR,
      errorMessage: 'Failed to compute a new target assignment for epoch 20: Partitions were left unassigned',
    });
  });

  it('a custom assignor that assigns a partition twice is the caller\'s bug (UsageError)', () => {
    const g = groupOf({ m1: { names: ['foo'] }, m2: { names: ['foo'] } });
    expect(() => build(g, stub({ m1: { 'foo-id': [0] }, m2: { 'foo-id': [0] } }))).toThrow(/twice/);
  });
});

describe('subscription type (CG-02 truth table)', () => {
  it.each([
    ['no members', {}, 'HOMOGENEOUS'],
    ['same names', { a: { names: ['foo'] }, b: { names: ['foo'] } }, 'HOMOGENEOUS'],
    ['different names', { a: { names: ['foo'] }, b: { names: ['bar'] } }, 'HETEROGENEOUS'],
    ['one regex for all', { a: { names: [], regex: 'f.*' }, b: { names: [], regex: 'f.*' } }, 'HOMOGENEOUS'],
    ['one regex, one member also by name', { a: { names: ['foo'], regex: 'f.*' }, b: { names: [], regex: 'f.*' } }, 'HETEROGENEOUS'],
    ['regex for some', { a: { names: [], regex: 'f.*' }, b: { names: [] } }, 'HETEROGENEOUS'],
    ['two regexes', { a: { names: [], regex: 'f.*' }, b: { names: [], regex: 'b.*' } }, 'HETEROGENEOUS'],
  ] as const)('%s -> %s', (_name, members, expected) => {
    expect(subscriptionTypeOfGroup(groupOf(members as Record<string, Spec>))).toBe(expected);
  });
});
