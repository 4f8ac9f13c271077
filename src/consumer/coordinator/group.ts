/**
 * The consumer group model and how each record changes it (Kafka's `replay` for consumer group
 * records). State changes only through these functions: the handlers emit records and apply
 * them here, and a replay of the log applies the same functions, so the two cannot disagree.
 */
import { InvariantError } from '../../errors.js';
import { PIntMap } from '../../internal/pintmap.js';
import { PMap } from '../../internal/pmap.js';
import { PackedTopicPartitions } from '../../protocol/topic-partitions.js';
import { diffTopicPartitions, unionTopicPartitions } from '../../protocol/topic-partitions-ops.js';
import { carrySortedMemberIds } from './member-order.js';
import { carryTargetMemos } from './target-index.js';
import type {
  ConsumerGroup,
  ConsumerGroupCurrentMemberAssignmentValue,
  ConsumerGroupMember,
  ConsumerGroupMemberMetadataValue,
  ConsumerGroupRecord,
  OffsetAndMetadata,
} from './types.js';

/** A new, empty group (Kafka creates it in memory and the first records materialize it). */
export function newConsumerGroup(groupId: string): ConsumerGroup {
  return {
    groupId,
    groupEpoch: 0,
    assignmentEpoch: 0,
    metadataHash: 0,
    members: PMap.empty(),
    staticMembers: PMap.empty(),
    targetAssignment: PMap.empty(),
    partitionOwners: PMap.empty(),
    subscribedTopicNames: PMap.empty(),
    subscribedRegularExpressions: PMap.empty(),
    resolvedRegularExpressions: PMap.empty(),
    serverAssignors: PMap.empty(),
    stableMemberCounts: PMap.empty(),
    hasPartitionMetadataRecord: false,
  };
}

/**
 * A member from its id, its metadata and its assignment (the two records that describe it).
 * Every member object is built here, with its fields in one order: spreading mixed sources gave
 * members many shapes, and V8 copies those through a slow path on every heartbeat that moves one.
 */
export function composeMember(
  memberId: string,
  meta: ConsumerGroupMemberMetadataValue,
  assignment: ConsumerGroupCurrentMemberAssignmentValue,
): ConsumerGroupMember {
  return {
    memberId,
    memberEpoch: assignment.memberEpoch,
    previousMemberEpoch: assignment.previousMemberEpoch,
    state: assignment.state,
    instanceId: meta.instanceId,
    rackId: meta.rackId,
    clientId: meta.clientId,
    clientHost: meta.clientHost,
    subscribedTopicNames: meta.subscribedTopicNames,
    subscribedTopicRegex: meta.subscribedTopicRegex,
    rebalanceTimeoutMs: meta.rebalanceTimeoutMs,
    serverAssignor: meta.serverAssignor,
    assignedPartitions: assignment.assignedPartitions,
    partitionsPendingRevocation: assignment.partitionsPendingRevocation,
  };
}

/** A member with Kafka's builder defaults (reference §2.2). */
export function newMember(memberId: string): ConsumerGroupMember {
  return composeMember(
    memberId,
    { instanceId: null, rackId: null, clientId: '', clientHost: '', subscribedTopicNames: [], subscribedTopicRegex: '', rebalanceTimeoutMs: -1, serverAssignor: null },
    { memberEpoch: 0, previousMemberEpoch: -1, state: 'STABLE', assignedPartitions: PackedTopicPartitions.EMPTY, partitionsPendingRevocation: PackedTopicPartitions.EMPTY },
  );
}

/** The key of a partition in `partitionOwners`. */
export function partitionKey(topicId: string, partition: number): string {
  return `${partition}:${topicId}`;
}

/** The epoch of the member owning the partition (assigned or pending revocation), -1 when free. */
export function currentPartitionEpoch(g: ConsumerGroup, topicId: string, partition: number): number {
  const owner = g.partitionOwners.get(partitionKey(topicId, partition));
  return owner === undefined ? -1 : (g.members.get(owner)?.memberEpoch ?? -1);
}

/** True when the member is STABLE at `epoch` (Kafka's `isReconciledTo`). */
export function isReconciledTo(m: ConsumerGroupMember, epoch: number): boolean {
  return m.state === 'STABLE' && m.memberEpoch === epoch;
}

function bump(map: PMap<number>, key: string, delta: number): PMap<number> {
  const n = (map.get(key) ?? 0) + delta;
  return n <= 0 ? map.delete(key) : map.set(key, n);
}

type Draft = { -readonly [K in keyof ConsumerGroup]: ConsumerGroup[K] };

/** Replaces member `before` by `after` (either may be undefined) and keeps every index current. */
function replaceMember(g: Draft, memberId: string, before: ConsumerGroupMember | undefined, after: ConsumerGroupMember | undefined): void {
  const members = after === undefined ? g.members.delete(memberId) : g.members.set(memberId, after);
  carrySortedMemberIds(g.members, members, memberId, before === undefined ? 'added' : after === undefined ? 'removed' : 'updated');
  g.members = members;
  if (before?.instanceId != null && g.staticMembers.get(before.instanceId) === memberId) g.staticMembers = g.staticMembers.delete(before.instanceId);
  if (after?.instanceId != null) g.staticMembers = g.staticMembers.set(after.instanceId, memberId);
  updateSubscriptionCounts(g, before, after);
  updatePartitionOwners(g, memberId, before, after);
  if (before !== undefined && before.state === 'STABLE') g.stableMemberCounts = bump(g.stableMemberCounts, String(before.memberEpoch), -1);
  if (after !== undefined && after.state === 'STABLE') g.stableMemberCounts = bump(g.stableMemberCounts, String(after.memberEpoch), 1);
}

function updateSubscriptionCounts(g: Draft, before: ConsumerGroupMember | undefined, after: ConsumerGroupMember | undefined): void {
  const namesBefore = before?.subscribedTopicNames ?? [];
  const namesAfter = after?.subscribedTopicNames ?? [];
  if (namesBefore !== namesAfter) {
    for (const n of namesBefore) g.subscribedTopicNames = bump(g.subscribedTopicNames, n, -1);
    for (const n of namesAfter) g.subscribedTopicNames = bump(g.subscribedTopicNames, n, 1);
  }
  const rb = before?.subscribedTopicRegex ?? '';
  const ra = after?.subscribedTopicRegex ?? '';
  if (rb !== ra) {
    if (rb !== '') g.subscribedRegularExpressions = bump(g.subscribedRegularExpressions, rb, -1);
    if (ra !== '') g.subscribedRegularExpressions = bump(g.subscribedRegularExpressions, ra, 1);
  }
  const ab = before?.serverAssignor ?? null;
  const aa = after?.serverAssignor ?? null;
  if (ab !== aa) {
    if (ab !== null) g.serverAssignors = bump(g.serverAssignors, ab, -1);
    if (aa !== null) g.serverAssignors = bump(g.serverAssignors, aa, 1);
  }
}

/** What a member holds: its assigned partitions and those pending revocation. */
function held(m: ConsumerGroupMember | undefined): PackedTopicPartitions {
  if (m === undefined) return PackedTopicPartitions.EMPTY;
  return m.partitionsPendingRevocation.size === 0 ? m.assignedPartitions : unionTopicPartitions(m.assignedPartitions, m.partitionsPendingRevocation);
}

/**
 * Kafka 4.2's ownership bookkeeping (reference §2.3), keyed by owner rather than by epoch:
 * Kafka re-registers every partition of a member at its new epoch on each update, so the epoch
 * it stores is always its owner's current epoch, and kgroup derives it instead
 * (`currentPartitionEpoch`). A member moving to a new epoch with the same partitions then
 * costs nothing, and a change touches only the partitions it moves: those the member let go
 * are released (unless someone else took them since), those it gains are claimed. Claiming a
 * partition whose owner is at a higher epoch is a broken invariant.
 */
function updatePartitionOwners(g: Draft, memberId: string, before: ConsumerGroupMember | undefined, after: ConsumerGroupMember | undefined): void {
  const heldBefore = held(before);
  const heldAfter = held(after);
  if (heldBefore === heldAfter) return;
  const { added, revoked } = diffTopicPartitions(heldBefore, heldAfter);
  let owners = g.partitionOwners;
  revoked.forEachPartition((t, p) => {
    const key = partitionKey(t, p);
    if (owners.get(key) === memberId) owners = owners.delete(key);
  });
  if (after !== undefined) {
    added.forEachPartition((t, p) => {
      const key = partitionKey(t, p);
      const owner = owners.get(key);
      const epoch = owner === undefined || owner === memberId ? -1 : (g.members.get(owner)?.memberEpoch ?? -1);
      if (epoch > after.memberEpoch) {
        throw new InvariantError(`partition ${p} of topic ${t} is owned at epoch ${epoch}; member ${memberId} cannot take it at epoch ${after.memberEpoch}`);
      }
      owners = owners.set(key, memberId);
    });
  }
  g.partitionOwners = owners;
}

function withMetadata(m: ConsumerGroupMember, v: ConsumerGroupMemberMetadataValue): ConsumerGroupMember {
  return composeMember(m.memberId, v, m);
}

function withAssignment(m: ConsumerGroupMember, v: ConsumerGroupCurrentMemberAssignmentValue): ConsumerGroupMember {
  return composeMember(m.memberId, m, v);
}

/** The member after a CurrentMemberAssignment tombstone: Kafka resets epochs and partitions. */
function withoutAssignment(m: ConsumerGroupMember): ConsumerGroupMember {
  return composeMember(m.memberId, m, {
    memberEpoch: -1,
    previousMemberEpoch: -1,
    state: m.state,
    assignedPartitions: PackedTopicPartitions.EMPTY,
    partitionsPendingRevocation: PackedTopicPartitions.EMPTY,
  });
}

function applyMemberRecord(g: Draft, memberId: string, change: (m: ConsumerGroupMember | undefined) => ConsumerGroupMember | undefined): void {
  const before = g.members.get(memberId);
  const after = change(before);
  if (before === after) return;
  replaceMember(g, memberId, before, after);
}

/**
 * A writable copy of `g`, every field listed: each record copies the group, and V8 copies an
 * object of this many fields through a slow generic path when it is spread.
 */
function draftOf(g: ConsumerGroup): Draft {
  return {
    groupId: g.groupId,
    groupEpoch: g.groupEpoch,
    assignmentEpoch: g.assignmentEpoch,
    metadataHash: g.metadataHash,
    members: g.members,
    staticMembers: g.staticMembers,
    targetAssignment: g.targetAssignment,
    partitionOwners: g.partitionOwners,
    subscribedTopicNames: g.subscribedTopicNames,
    subscribedRegularExpressions: g.subscribedRegularExpressions,
    resolvedRegularExpressions: g.resolvedRegularExpressions,
    serverAssignors: g.serverAssignors,
    stableMemberCounts: g.stableMemberCounts,
    hasPartitionMetadataRecord: g.hasPartitionMetadataRecord,
  };
}

/**
 * Applies one record to a group (null when the group does not exist yet) and returns the new
 * group; the input is never modified. A ConsumerGroupMetadata tombstone deletes the group.
 */
export function applyRecord(group: ConsumerGroup | null, record: ConsumerGroupRecord): ConsumerGroup | null {
  if (record.type === 'ConsumerGroupMetadata' && record.value === null) return null;
  // Offsets live beside the group (see `applyOffsetRecord`): the group itself does not change.
  if (record.type === 'OffsetCommit') return group;
  const g = draftOf(group ?? newConsumerGroup(record.groupId));
  switch (record.type) {
    case 'ConsumerGroupMetadata':
      g.groupEpoch = (record.value as NonNullable<typeof record.value>).epoch;
      g.metadataHash = (record.value as NonNullable<typeof record.value>).metadataHash;
      break;
    case 'ConsumerGroupPartitionMetadata':
      g.hasPartitionMetadataRecord = record.value !== null;
      break;
    case 'ConsumerGroupTargetAssignmentMetadata':
      g.assignmentEpoch = record.value === null ? 0 : record.value.assignmentEpoch;
      break;
    case 'ConsumerGroupTargetAssignmentMember': {
      const before = g.targetAssignment;
      g.targetAssignment = record.value === null ? before.delete(record.memberId) : before.set(record.memberId, record.value.topicPartitions);
      carryTargetMemos(before, g.targetAssignment, record.memberId, record.value?.topicPartitions);
      break;
    }
    case 'ConsumerGroupMemberMetadata': {
      const v = record.value;
      applyMemberRecord(g, record.memberId, (m) => (v === null ? undefined : withMetadata(m ?? newMember(record.memberId), v)));
      break;
    }
    case 'ConsumerGroupCurrentMemberAssignment': {
      const v = record.value;
      applyMemberRecord(g, record.memberId, (m) => (v === null ? m && withoutAssignment(m) : withAssignment(m ?? newMember(record.memberId), v)));
      break;
    }
    case 'ConsumerGroupRegularExpression':
      g.resolvedRegularExpressions = record.value === null ? g.resolvedRegularExpressions.delete(record.regex) : g.resolvedRegularExpressions.set(record.regex, record.value);
      break;
  }
  return g;
}

/** The committed offsets of a group: topic name -> partition -> offset. */
export type OffsetStore = PMap<ReadonlyMap<number, OffsetAndMetadata>>;

/**
 * Applies one OffsetCommit record (a tombstone removes the offset); other records leave the
 * store as it is. A topic's offsets are a persistent map: one record copies one short path,
 * whatever the topic's size.
 */
export function applyOffsetRecord(offsets: OffsetStore, record: ConsumerGroupRecord): OffsetStore {
  if (record.type !== 'OffsetCommit') return offsets;
  const byPartition = PIntMap.from(offsets.get(record.topic) ?? PIntMap.empty<OffsetAndMetadata>());
  const next = record.value === null ? byPartition.delete(record.partition) : byPartition.set(record.partition, record.value);
  return next.size === 0 ? offsets.delete(record.topic) : offsets.set(record.topic, next);
}
