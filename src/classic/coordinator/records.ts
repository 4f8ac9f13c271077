/**
 * Record constructors (Kafka's GroupCoordinatorRecordHelpers for classic groups).
 */
import { InvariantError } from '../../errors.js';
import { memberMetadata, membersInJoinOrder } from './group.js';
import type { ClassicGroup, ClassicGroupRecord, GroupMetadataMember, OffsetAndMetadata } from './types.js';

/**
 * A GroupMetadata record for the group as it is, with `assignment` for every member (Kafka's
 * `newGroupMetadataRecord`). Members are written in join order.
 */
export function groupMetadataRecord(g: ClassicGroup, assignment: (memberId: string) => Uint8Array | undefined): ClassicGroupRecord {
  const members: GroupMetadataMember[] = membersInJoinOrder(g).map((m) => {
    if (g.protocolName === null) throw new InvariantError('cannot record members of a group without a protocol');
    const bytes = assignment(m.memberId);
    if (bytes === undefined) throw new InvariantError(`cannot record member ${m.memberId} without an assignment`);
    return {
      memberId: m.memberId,
      groupInstanceId: m.groupInstanceId,
      clientId: m.clientId,
      clientHost: m.clientHost,
      rebalanceTimeoutMs: m.rebalanceTimeoutMs,
      sessionTimeoutMs: m.sessionTimeoutMs,
      subscription: memberMetadata(m, g.protocolName),
      assignment: bytes,
    };
  });
  return {
    type: 'GroupMetadata',
    groupId: g.groupId,
    value: {
      protocolType: g.protocolType ?? '',
      generation: g.generationId,
      protocol: g.protocolName,
      leader: g.leaderId,
      currentStateTimestampMs: g.stateTimestampMs,
      members,
    },
  };
}

/** The record that commits a newly created group (Kafka's `newEmptyGroupMetadataRecord`): generation 0, nothing else. */
export function emptyGroupMetadataRecord(g: ClassicGroup): ClassicGroupRecord {
  return {
    type: 'GroupMetadata',
    groupId: g.groupId,
    value: { protocolType: '', generation: 0, protocol: null, leader: null, currentStateTimestampMs: g.stateTimestampMs, members: [] },
  };
}

/** An OffsetCommit record. */
export function offsetCommitRecord(groupId: string, topic: string, partition: number, offset: OffsetAndMetadata): ClassicGroupRecord {
  return {
    type: 'OffsetCommit',
    groupId,
    topic,
    partition,
    value: {
      offset: offset.offset,
      leaderEpoch: offset.leaderEpoch,
      metadata: offset.metadata,
      commitTimestampMs: offset.commitTimestampMs,
      expireTimestampMs: offset.expireTimestampMs,
    },
  };
}
