/**
 * Finding the member a heartbeat is about (Kafka's `getOrMaybeSubscribe{Dynamic,Static}
 * ConsumerGroupMember` and `throwIfConsumerGroupMemberEpochIsInvalid`, reference §3.4-§3.5).
 * A static join whose instance id was released (-2) replaces the old member: its copy under
 * the new member id keeps the subscription and partitions, with epoch 0.
 */
import { ErrorCode } from '../../protocol/error-codes.js';
import type { StepContext } from './context.js';
import { composeMember, newMember } from './group.js';
import { currentAssignmentRecord, memberMetadataRecord, memberTombstones, targetAssignmentRecord } from './records.js';
import { heartbeatError, type HeartbeatError } from './responses.js';
import type { NormalizedHeartbeat } from './schemas.js';
import type { ConsumerGroup, ConsumerGroupMember, TopicIdPartitions } from './types.js';

/** The member to update, and whether it is new to the group. */
export interface LookedUpMember {
  readonly member: ConsumerGroupMember;
  readonly isNew: boolean;
}

/** True when every owned partition is in `member`'s assigned partitions (null owned: false). */
function isSubset(owned: readonly TopicIdPartitions[] | null, member: ConsumerGroupMember): boolean {
  if (owned === null) return false;
  return owned.every((t) => t.partitions.every((p) => member.assignedPartitions.hasPartition(t.topicId, p)));
}

/** Kafka's epoch check; 4.2 accepts epoch 0 (a rejoin under an existing id, KAFKA-19233). */
export function checkMemberEpoch(member: ConsumerGroupMember, req: NormalizedHeartbeat, acceptRejoin: boolean): HeartbeatError | undefined {
  const received = req.memberEpoch;
  if (received === 0 && acceptRejoin) return undefined;
  const known = member.memberEpoch;
  if (received > known) {
    return heartbeatError(
      ErrorCode.FENCED_MEMBER_EPOCH,
      `The consumer group member has a greater member epoch (${received}) than the one known by the group coordinator (${known}). The member must abandon all its partitions and rejoin.`,
    );
  }
  if (received < known && (received !== member.previousMemberEpoch || !isSubset(req.topicPartitions, member))) {
    return heartbeatError(
      ErrorCode.FENCED_MEMBER_EPOCH,
      `The consumer group member has a smaller member epoch (${received}) than the one known by the group coordinator (${known}). The member must abandon all its partitions and rejoin.`,
    );
  }
  return undefined;
}

function unknownMember(memberId: string, groupId: string): HeartbeatError {
  return heartbeatError(ErrorCode.UNKNOWN_MEMBER_ID, `Member ${memberId} is not a member of group ${groupId}.`);
}

/** A dynamic member: by member id, created on join. */
function dynamicMember(g: ConsumerGroup | null, req: NormalizedHeartbeat, acceptRejoin: boolean): LookedUpMember | HeartbeatError {
  const existing = g?.members.get(req.memberId);
  if (existing === undefined) {
    if (req.memberEpoch !== 0) return unknownMember(req.memberId, req.groupId);
    return { member: newMember(req.memberId), isNew: true };
  }
  return checkMemberEpoch(existing, req, acceptRejoin) ?? { member: existing, isNew: false };
}

/** Replaces static member `old` by a copy under `memberId` (records: old tombstones, then the copy's). */
function replaceStaticMember(ctx: StepContext, g: ConsumerGroup, old: ConsumerGroupMember, memberId: string): ConsumerGroupMember {
  const target = g.targetAssignment.get(old.memberId);
  const copy = composeMember(memberId, old, { memberEpoch: 0, previousMemberEpoch: 0, state: old.state, assignedPartitions: old.assignedPartitions, partitionsPendingRevocation: old.partitionsPendingRevocation });
  for (const r of memberTombstones(g.groupId, old.memberId)) ctx.record(r);
  ctx.record(memberMetadataRecord(g.groupId, copy));
  if (target !== undefined) ctx.record(targetAssignmentRecord(g.groupId, memberId, target));
  ctx.record(currentAssignmentRecord(g.groupId, copy));
  ctx.event({ kind: 'member-removed', memberId: old.memberId, reason: 'replaced' });
  return copy;
}

/** A static member: by instance id (reference §3.4). */
function staticMember(ctx: StepContext, g: ConsumerGroup | null, req: NormalizedHeartbeat, instanceId: string, acceptRejoin: boolean): LookedUpMember | HeartbeatError {
  const holderId = g?.staticMembers.get(instanceId);
  const holder = holderId === undefined ? undefined : g?.members.get(holderId);
  if (req.memberEpoch === 0) {
    if (holder === undefined || g === null) {
      const existing = g?.members.get(req.memberId);
      if (existing === undefined) return { member: newMember(req.memberId), isNew: true };
      return checkMemberEpoch(existing, req, acceptRejoin) ?? { member: existing, isNew: false };
    }
    if (holder.memberEpoch !== -2) {
      return heartbeatError(
        ErrorCode.UNRELEASED_INSTANCE_ID,
        `Static member ${req.memberId} with instance id ${instanceId} cannot join the group because the instance id is owned by ${holder.memberId} member.`,
      );
    }
    return { member: replaceStaticMember(ctx, g, holder, req.memberId), isNew: true };
  }
  if (holder === undefined) return heartbeatError(ErrorCode.UNKNOWN_MEMBER_ID, `Instance id ${instanceId} is unknown.`);
  if (holder.memberId !== req.memberId) return fencedInstance(req.memberId, instanceId, holder.memberId);
  return checkMemberEpoch(holder, req, acceptRejoin) ?? { member: holder, isNew: false };
}

/** Kafka's FENCED_INSTANCE_ID answer. */
export function fencedInstance(memberId: string, instanceId: string, holderId: string): HeartbeatError {
  return heartbeatError(ErrorCode.FENCED_INSTANCE_ID, `Static member ${memberId} with instance id ${instanceId} was fenced by member ${holderId}.`);
}

/** Looks up (or creates, on join) the member of a regular heartbeat. */
export function lookUpMember(ctx: StepContext, req: NormalizedHeartbeat): LookedUpMember | HeartbeatError {
  const acceptRejoin = ctx.config.kafkaVersion === '4.2';
  const g = ctx.group;
  return req.instanceId === null ? dynamicMember(g, req, acceptRejoin) : staticMember(ctx, g, req, req.instanceId, acceptRejoin);
}
