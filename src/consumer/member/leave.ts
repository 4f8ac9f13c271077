/**
 * Leaving on purpose: Kafka's leaveGroup (unsubscribe: release the owned partitions with
 * onPartitionsRevoked, or onPartitionsLost when the member has no epoch, then send the leave
 * heartbeat) and close (commit, release, then leave without callbacks).
 */
import { PackedTopicPartitions } from '../../protocol/topic-partitions.js';
import { startCommit } from './commit.js';
import type { MemberContext } from './context.js';
import { clearAssignment, maybeCompleteLeaveInProgress, transitionToSendingLeaveGroup } from './lifecycle.js';
import { isNotInGroup } from './states.js';
import type { AfterCallback } from './types.js';

/** Kafka's subscriptions.unsubscribe(): no subscription and nothing owned. */
function unsubscribeLocally(ctx: MemberContext): void {
  ctx.s.subscription = { kind: 'none' };
  ctx.s.owned = PackedTopicPartitions.EMPTY;
}

/** Kafka's clearAssignmentAndLeaveGroup: the partitions are released; the leave heartbeat is next. */
export function clearAssignmentAndLeaveGroup(ctx: MemberContext): void {
  unsubscribeLocally(ctx);
  clearAssignment(ctx);
  transitionToSendingLeaveGroup(ctx, false);
}

/**
 * Kafka's release of the owned partitions before leaving: onPartitionsRevoked while the member
 * has an epoch, onPartitionsLost otherwise; nothing when it owns nothing. Returns true when a
 * callback is now outstanding (its confirmation runs `then`).
 */
export function releaseOwnedPartitions(ctx: MemberContext, then: AfterCallback): boolean {
  const owned = ctx.s.owned;
  if (owned.partitionCount === 0) return false;
  ctx.invokeCallback(ctx.s.memberEpoch > 0 ? 'onPartitionsRevoked' : 'onPartitionsLost', owned, then);
  return true;
}

/** Kafka's leaveGroup(runCallbacks). */
export function leaveGroup(ctx: MemberContext, runCallbacks: boolean): void {
  const s = ctx.s;
  if (isNotInGroup(s.state)) {
    if (s.state === 'FENCED') {
      clearAssignment(ctx);
      ctx.transition('UNSUBSCRIBED');
    }
    unsubscribeLocally(ctx);
    ctx.event({ kind: 'leave-completed' });
    return;
  }
  if (s.state === 'PREPARE_LEAVING' || s.state === 'LEAVING') return;
  ctx.transition('PREPARE_LEAVING');
  s.leaveInProgress = true;
  if (runCallbacks && releaseOwnedPartitions(ctx, { kind: 'leave' })) return;
  clearAssignmentAndLeaveGroup(ctx);
}

/** The unsubscribe's release callback is done (a failure does not stop the leave). */
export function onLeaveReleased(ctx: MemberContext): void {
  // Fencing or a fatal error may have ended the leave meanwhile; clearing is still right.
  clearAssignmentAndLeaveGroup(ctx);
}

/** The close's commit is done: release the owned partitions, then leave. */
export function closeAfterCommit(ctx: MemberContext): void {
  if (releaseOwnedPartitions(ctx, { kind: 'close' })) return;
  leaveGroup(ctx, false);
}

/** Kafka's close: commit (auto-commit), release the partitions, leave with the close's epoch. */
export function close(ctx: MemberContext): void {
  const s = ctx.s;
  if (ctx.config.enableAutoCommit && s.owned.partitionCount > 0) {
    startCommit(ctx, { kind: 'close' }, ctx.config.requestTimeoutMs);
    return;
  }
  closeAfterCommit(ctx);
}

/** A dynamic member closing with REMAIN_IN_GROUP sends no leave heartbeat: it just stops. */
export function skipsLeaveHeartbeat(ctx: MemberContext): boolean {
  return ctx.s.leaveGroupOperation === 'REMAIN_IN_GROUP' && ctx.config.groupInstanceId === null;
}

/** Kafka's onHeartbeatRequestSkipped for LEAVING: out of the group without a leave heartbeat. */
export function leaveWithoutHeartbeat(ctx: MemberContext): void {
  ctx.transition('UNSUBSCRIBED');
  maybeCompleteLeaveInProgress(ctx);
}
