/**
 * ConsumerGroupHeartbeat with member epoch -1 or -2 (Kafka's `consumerGroupLeave`, reference
 * §3.3). A dynamic member, or a static one leaving for good (-1), is fenced. A static member
 * leaving temporarily (-2) only moves to epoch -2: its partitions stay locked, nothing is
 * rebalanced, and its session timer keeps running until it rejoins or expires.
 */
import { ErrorCode } from '../../protocol/error-codes.js';
import { PackedTopicPartitions } from '../../protocol/topic-partitions.js';
import type { StepContext } from './context.js';
import { fenceMember } from './fence.js';
import { composeMember } from './group.js';
import { fencedInstance } from './member-lookup.js';
import { currentAssignmentRecord } from './records.js';
import { heartbeatError, type HeartbeatError } from './responses.js';
import type { NormalizedHeartbeat } from './schemas.js';
import type { ConsumerGroupHeartbeatResponse } from './types.js';

/** Handles a leave heartbeat; returns the response or the error to answer with. */
export function leaveHeartbeat(ctx: StepContext, req: NormalizedHeartbeat): ConsumerGroupHeartbeatResponse | HeartbeatError {
  const g = ctx.group;
  if (g === null) return heartbeatError(ErrorCode.GROUP_ID_NOT_FOUND, `Consumer group ${req.groupId} not found.`);
  const answer = (memberId: string, memberEpoch: number): ConsumerGroupHeartbeatResponse => ({
    errorCode: ErrorCode.NONE,
    errorMessage: null,
    memberId,
    memberEpoch,
    heartbeatIntervalMs: 0,
    assignment: null,
  });
  if (req.instanceId === null) {
    const member = g.members.get(req.memberId);
    if (member === undefined) return heartbeatError(ErrorCode.UNKNOWN_MEMBER_ID, `Member ${req.memberId} is not a member of group ${req.groupId}.`);
    fenceMember(ctx, member, 'left');
    return answer(req.memberId, req.memberEpoch);
  }
  const holderId = g.staticMembers.get(req.instanceId);
  const member = holderId === undefined ? undefined : g.members.get(holderId);
  if (member === undefined) return heartbeatError(ErrorCode.UNKNOWN_MEMBER_ID, `Instance id ${req.instanceId} is unknown.`);
  if (member.memberId !== req.memberId) return fencedInstance(req.memberId, req.instanceId, member.memberId);
  if (req.memberEpoch === -2) {
    ctx.record(
      currentAssignmentRecord(
        g.groupId,
        composeMember(member.memberId, member, {
          memberEpoch: -2,
          previousMemberEpoch: member.previousMemberEpoch,
          state: member.state,
          assignedPartitions: member.assignedPartitions,
          partitionsPendingRevocation: PackedTopicPartitions.EMPTY,
        }),
      ),
    );
    return answer(member.memberId, -2);
  }
  fenceMember(ctx, member, 'left');
  return answer(req.memberId, req.memberEpoch);
}
