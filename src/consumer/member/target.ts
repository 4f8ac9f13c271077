/**
 * A successful heartbeat answer (Kafka's onHeartbeatSuccess and processAssignmentReceived):
 * the epoch it carries, and the assignment, which becomes the new target when it differs.
 */
import { UsageError } from '../../errors.js';
import { errorName } from '../../protocol/error-codes.js';
import type { ConsumerGroupHeartbeatResponse } from '../coordinator/types.js';
import { fromWire, updateWith } from './assignment.js';
import type { MemberContext } from './context.js';
import { maybeCompleteLeaveInProgress, targetAssignmentReconciled } from './lifecycle.js';
import { canHandleNewAssignment, isNotInGroup } from './states.js';
import type { PackedTopicPartitions } from '../../protocol/topic-partitions.js';

/** Kafka's processAssignmentReceived. */
export function processAssignmentReceived(ctx: MemberContext, received: PackedTopicPartitions): void {
  const s = ctx.s;
  const next = updateWith(s.targetAssignment, received);
  if (next !== null) s.targetAssignment = next;
  if (!targetAssignmentReconciled(ctx)) ctx.transition('RECONCILING');
  else if (s.state === 'RECONCILING' || s.state === 'JOINING') ctx.transition('STABLE');
}

/** Kafka's onHeartbeatSuccess. An answer carrying an error is the caller's mistake here. */
export function onHeartbeatSuccess(ctx: MemberContext, r: ConsumerGroupHeartbeatResponse): void {
  if (r.errorCode !== 0) throw new UsageError(`Unexpected error in Heartbeat response. Expected no error, but received: ${errorName(r.errorCode)}`);
  const s = ctx.s;
  if (s.state === 'LEAVING') return;
  if (s.state === 'UNSUBSCRIBED' && r.memberEpoch < 0 && maybeCompleteLeaveInProgress(ctx)) return;
  if (isNotInGroup(s.state)) return;
  if (r.memberEpoch < 0) {
    maybeCompleteLeaveInProgress(ctx);
    return;
  }
  ctx.updateMemberEpoch(r.memberEpoch);
  if (r.assignment === null || !canHandleNewAssignment(s.state)) return;
  processAssignmentReceived(ctx, fromWire(r.assignment.topicPartitions));
}
