/**
 * Record constructors (Kafka's GroupCoordinatorRecordHelpers for consumer groups). Member
 * removal writes its tombstones in Kafka's order: current assignment, target assignment, member
 * metadata.
 */
import type { PackedTopicPartitions } from '../../protocol/topic-partitions.js';
import type { ConsumerGroupMember, ConsumerGroupRecord, ResolvedRegularExpression } from './types.js';

/** ConsumerGroupMetadata: the group epoch and the metadata hash. */
export function groupMetadataRecord(groupId: string, epoch: number, metadataHash: number): ConsumerGroupRecord {
  return { type: 'ConsumerGroupMetadata', groupId, value: { epoch, metadataHash } };
}

/** ConsumerGroupMemberMetadata: the member's subscription and client fields. */
export function memberMetadataRecord(groupId: string, m: ConsumerGroupMember): ConsumerGroupRecord {
  return {
    type: 'ConsumerGroupMemberMetadata',
    groupId,
    memberId: m.memberId,
    value: {
      instanceId: m.instanceId,
      rackId: m.rackId,
      clientId: m.clientId,
      clientHost: m.clientHost,
      subscribedTopicNames: m.subscribedTopicNames,
      subscribedTopicRegex: m.subscribedTopicRegex,
      rebalanceTimeoutMs: m.rebalanceTimeoutMs,
      serverAssignor: m.serverAssignor,
    },
  };
}

/** ConsumerGroupCurrentMemberAssignment: the member's epochs, state and partitions. */
export function currentAssignmentRecord(groupId: string, m: ConsumerGroupMember): ConsumerGroupRecord {
  return {
    type: 'ConsumerGroupCurrentMemberAssignment',
    groupId,
    memberId: m.memberId,
    value: {
      memberEpoch: m.memberEpoch,
      previousMemberEpoch: m.previousMemberEpoch,
      state: m.state,
      assignedPartitions: m.assignedPartitions,
      partitionsPendingRevocation: m.partitionsPendingRevocation,
    },
  };
}

/** ConsumerGroupTargetAssignmentMember. */
export function targetAssignmentRecord(groupId: string, memberId: string, topicPartitions: PackedTopicPartitions): ConsumerGroupRecord {
  return { type: 'ConsumerGroupTargetAssignmentMember', groupId, memberId, value: { topicPartitions } };
}

/** ConsumerGroupTargetAssignmentMetadata. */
export function targetAssignmentMetadataRecord(groupId: string, assignmentEpoch: number): ConsumerGroupRecord {
  return { type: 'ConsumerGroupTargetAssignmentMetadata', groupId, value: { assignmentEpoch } };
}

/** ConsumerGroupRegularExpression (a tombstone when `value` is null). */
export function regexRecord(groupId: string, regex: string, value: ResolvedRegularExpression | null): ConsumerGroupRecord {
  return { type: 'ConsumerGroupRegularExpression', groupId, regex, value };
}

/** The three tombstones that remove a member, in Kafka's order. */
export function memberTombstones(groupId: string, memberId: string): ConsumerGroupRecord[] {
  return [
    { type: 'ConsumerGroupCurrentMemberAssignment', groupId, memberId, value: null },
    { type: 'ConsumerGroupTargetAssignmentMember', groupId, memberId, value: null },
    { type: 'ConsumerGroupMemberMetadata', groupId, memberId, value: null },
  ];
}
