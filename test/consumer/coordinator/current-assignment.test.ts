// Member reconciliation (CurrentAssignmentBuilder) on Kafka's cases (reference §7.1,
// CurrentAssignmentBuilderTest). Topics topic1/topic2 (ids t1/t2) have 10 partitions; the member
// subscribes to both unless a row says otherwise. `owner` is the current partition epoch.
import { describe, expect, it } from 'vitest';
import { reconcileMember, UNKNOWN_STATE_MESSAGE } from '../../../src/consumer/coordinator/current-assignment.js';
import { buildMetadataImage } from '../../../src/consumer/coordinator/metadata.js';
import { subscribedTopicIdsOf } from '../../../src/consumer/coordinator/subscription.js';
import type { ConsumerGroupMember, KafkaVersion, MemberState, ResolvedRegularExpression } from '../../../src/consumer/coordinator/types.js';
import { topicPartitions } from '../../../src/protocol/topic-partitions-ops.js';
import { ErrorCode } from '../../../src/protocol/error-codes.js';

type Parts = Record<string, number[]>;

const metadata = buildMetadataImage([
  { topicId: 't1', name: 'topic1', partitions: 10 },
  { topicId: 't2', name: 'topic2', partitions: 10 },
  { topicId: 'foo-id', name: 'foo', partitions: 10 },
  { topicId: 'bar-id', name: 'bar', partitions: 10 },
]);

function member(state: MemberState, epoch: number, previous: number, assigned: Parts, pending: Parts = {}, names = ['topic1', 'topic2'], regex = ''): ConsumerGroupMember {
  return {
    memberId: 'member',
    memberEpoch: epoch,
    previousMemberEpoch: previous,
    state,
    instanceId: null,
    rackId: null,
    clientId: '',
    clientHost: '',
    subscribedTopicNames: names,
    subscribedTopicRegex: regex,
    rebalanceTimeoutMs: 5000,
    serverAssignor: null,
    assignedPartitions: topicPartitions(assigned),
    partitionsPendingRevocation: topicPartitions(pending),
  };
}

interface Row {
  member: ConsumerGroupMember;
  targetEpoch: number;
  target: Parts;
  owner?: (topicId: string) => number;
  owned?: Parts | null;
  subscriptionChanged?: boolean;
  resolved?: Map<string, ResolvedRegularExpression>;
  kafkaVersion?: KafkaVersion;
}

function reconcile(row: Row) {
  return reconcileMember({
    member: row.member,
    targetEpoch: row.targetEpoch,
    target: topicPartitions(row.target),
    currentPartitionEpoch: (t) => (row.owner ?? (() => -1))(t),
    ownedTopicPartitions: row.owned === undefined || row.owned === null ? null : topicPartitions(row.owned),
    hasSubscriptionChanged: row.subscriptionChanged ?? false,
    subscribedTopicIds: subscribedTopicIdsOf(row.member, metadata, row.resolved ?? new Map()),
    ...(row.kafkaVersion === undefined ? {} : { kafkaVersion: row.kafkaVersion }),
  });
}

function show(r: ReturnType<typeof reconcile>): string {
  if (!r.ok) return `error ${r.errorCode}`;
  const m = r.member;
  const abbrev = { STABLE: 'S', UNREVOKED_PARTITIONS: 'UR', UNRELEASED_PARTITIONS: 'UL', UNKNOWN: 'UK' }[m.state];
  const fmt = (tp: ConsumerGroupMember['assignedPartitions']) => JSON.stringify(tp.toJSON());
  return `${abbrev}/e${m.memberEpoch}/p${m.previousMemberEpoch} ${fmt(m.assignedPartitions)} pending ${fmt(m.partitionsPendingRevocation)}`;
}

const stable10 = member('STABLE', 10, 10, { t1: [1, 2, 3], t2: [4, 5, 6] });
const all = (epoch: number) => () => epoch;

describe('CurrentAssignmentBuilder (CAB)', () => {
  it('CAB-01: STABLE to STABLE at the new epoch when the target is unchanged', () => {
    expect(show(reconcile({ member: stable10, targetEpoch: 11, target: { t1: [1, 2, 3], t2: [4, 5, 6] }, owner: all(10) }))).toBe(
      'S/e11/p10 {"t1":[1,2,3],"t2":[4,5,6]} pending {}',
    );
  });

  it('CAB-03: STABLE to UNREVOKED_PARTITIONS: revoke first, new partitions wait', () => {
    expect(show(reconcile({ member: stable10, targetEpoch: 11, target: { t1: [2, 3, 4], t2: [5, 6, 7] }, owned: null }))).toBe(
      'UR/e10/p10 {"t1":[2,3],"t2":[5,6]} pending {"t1":[1],"t2":[4]}',
    );
  });

  it('CAB-05: an owned list without the revoked partitions skips revocation: UNRELEASED_PARTITIONS', () => {
    const r = reconcile({ member: stable10, targetEpoch: 11, target: { t1: [1, 2, 3], t2: [4, 5, 7] }, owner: (t) => (t === 't2' ? 10 : -1), owned: {} });
    expect(show(r)).toBe('UL/e11/p10 {"t1":[1,2,3],"t2":[4,5]} pending {}');
  });

  it.each([
    ['no owned list', null],
    ['owned still holds t1-1', { t1: [1, 2, 3], t2: [5, 6] }],
    ['owned still holds t2-4', { t1: [2, 3], t2: [4, 5, 6] }],
  ])('CAB-07: stays in UNREVOKED_PARTITIONS while the member still owns revoked partitions (%s)', (_name, owned) => {
    const ur = member('UNREVOKED_PARTITIONS', 10, 10, { t1: [2, 3], t2: [5, 6] }, { t1: [1], t2: [4] });
    const r = reconcile({ member: ur, targetEpoch: 12, target: { t1: [3], t2: [6] }, owned });
    expect(r.ok && r.member).toBe(ur);
  });

  it('CAB-09: UNREVOKED_PARTITIONS to UNRELEASED_PARTITIONS once revoked', () => {
    const ur = member('UNREVOKED_PARTITIONS', 11, 10, { t1: [2, 3], t2: [5, 6] });
    const r = reconcile({ member: ur, targetEpoch: 11, target: { t1: [2, 3, 4], t2: [5, 6, 7] }, owner: all(10), owned: { t1: [2, 3], t2: [5, 6] } });
    expect(show(r)).toBe('UL/e11/p11 {"t1":[2,3],"t2":[5,6]} pending {}');
  });

  it('CAB-09 (4.1): leaving UNREVOKED_PARTITIONS bumps the epoch by one when revocation remains', () => {
    const ur = member('UNREVOKED_PARTITIONS', 10, 10, { t1: [2, 3], t2: [5, 6] }, { t1: [1] });
    const r = reconcile({ member: ur, targetEpoch: 12, target: { t1: [3], t2: [6] }, owned: { t1: [2, 3], t2: [5, 6] }, kafkaVersion: '4.1' });
    expect(show(r)).toBe('UR/e11/p10 {"t1":[3],"t2":[6]} pending {"t1":[2],"t2":[5]}');
    const r42 = reconcile({ member: ur, targetEpoch: 12, target: { t1: [3], t2: [6] }, owned: { t1: [2, 3], t2: [5, 6] } });
    expect(show(r42)).toBe('UR/e10/p10 {"t1":[3],"t2":[6]} pending {"t1":[2],"t2":[5]}');
  });

  it('CAB-11: UNRELEASED_PARTITIONS to STABLE at the new epoch', () => {
    const ul = member('UNRELEASED_PARTITIONS', 11, 11, { t1: [2, 3], t2: [5, 6] });
    expect(show(reconcile({ member: ul, targetEpoch: 12, target: { t1: [2, 3], t2: [5, 6] }, owner: all(10) }))).toBe('S/e12/p11 {"t1":[2,3],"t2":[5,6]} pending {}');
  });

  it('CAB-13: stays UNRELEASED_PARTITIONS while others still own its partitions', () => {
    const ul = member('UNRELEASED_PARTITIONS', 11, 11, { t1: [2, 3], t2: [5, 6] });
    const r = reconcile({ member: ul, targetEpoch: 11, target: { t1: [2, 3, 4], t2: [5, 6, 7] }, owner: all(10) });
    expect(r.ok && r.member).toBe(ul);
  });

  it('CAB-15: UNKNOWN: fenced unless it reports no partitions, then it advances', () => {
    const uk = member('UNKNOWN', 11, 11, { t1: [3], t2: [6] }, { t1: [2], t2: [5] });
    const fenced = reconcile({ member: uk, targetEpoch: 12, target: { t1: [3], t2: [6] }, owned: null });
    expect(fenced).toEqual({ ok: false, errorCode: ErrorCode.FENCED_MEMBER_EPOCH, errorMessage: UNKNOWN_STATE_MESSAGE });
    expect(show(reconcile({ member: uk, targetEpoch: 12, target: { t1: [3], t2: [6] }, owned: {}, owner: all(11) }))).toBe('S/e12/p11 {"t1":[3],"t2":[6]} pending {}');
  });

  it.each([
    ['same epoch, subscription changed', 10, { t1: [1, 2, 3], t2: [4, 5, 6] }],
    ['new epoch, stale target', 11, { t1: [1, 2, 3], t2: [4, 5, 6] }],
    ['new epoch, target without topic1', 11, { t2: [4, 5, 6] }],
  ])('CAB-17: topics no longer subscribed are revoked (%s)', (_name, targetEpoch, target) => {
    const m = { ...stable10, subscribedTopicNames: ['topic2'] };
    const r = reconcile({ member: m, targetEpoch, target, owned: { t1: [1, 2, 3], t2: [4, 5, 6] }, subscriptionChanged: true });
    expect(show(r)).toBe('UR/e10/p10 {"t2":[4,5,6]} pending {"t1":[1,2,3]}');
  });

  it('CAB-19: an unresolved regular expression matches nothing: its topics are revoked', () => {
    const m = member('STABLE', 10, 10, { 'foo-id': [1, 2, 3], 'bar-id': [4, 5, 6] }, {}, ['foo'], 'bar*');
    const r = reconcile({ member: m, targetEpoch: 10, target: { 'foo-id': [1, 2, 3], 'bar-id': [4, 5, 6] }, owned: { 'foo-id': [1, 2, 3], 'bar-id': [4, 5, 6] }, subscriptionChanged: true });
    expect(show(r)).toBe('UR/e10/p10 {"foo-id":[1,2,3]} pending {"bar-id":[4,5,6]}');
  });

  it('CAB-21: a resolved regular expression keeps its topics', () => {
    const m = member('STABLE', 10, 10, { 'foo-id': [1, 2, 3], 'bar-id': [4, 5, 6] }, {}, ['foo'], 'bar*');
    const resolved = new Map([['bar*', { topics: ['bar'], version: 1, timestampMs: 0 }]]);
    const r = reconcile({ member: m, targetEpoch: 10, target: { 'foo-id': [1, 2, 3], 'bar-id': [4, 5, 6] }, owned: { 'foo-id': [1, 2, 3], 'bar-id': [4, 5, 6] }, subscriptionChanged: true, resolved });
    expect(r.ok && r.member).toBe(m);
  });

  it('4.0/4.1 keep unsubscribed topics until the target drops them', () => {
    const m = { ...stable10, subscribedTopicNames: ['topic2'] };
    const r = reconcile({ member: m, targetEpoch: 10, target: { t1: [1, 2, 3], t2: [4, 5, 6] }, owned: null, subscriptionChanged: true, kafkaVersion: '4.1' });
    expect(r.ok && r.member).toBe(m);
  });

  it('a partition the member itself has pending revocation is not unreleased (KAFKA-19449)', () => {
    const ur = member('UNREVOKED_PARTITIONS', 10, 10, { t1: [2] }, { t1: [1] });
    const r = reconcile({ member: ur, targetEpoch: 11, target: { t1: [1, 2] }, owner: all(10), owned: { t1: [2] } });
    expect(show(r)).toBe('S/e11/p10 {"t1":[1,2]} pending {}');
  });
});
