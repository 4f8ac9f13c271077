/**
 * The membership transitions Kafka's AbstractMembershipManager shares between its handlers:
 * joining, fencing, fatal failure, the poll-timeout path to STALE, and the bookkeeping that
 * clears an assignment once its partitions were released.
 */
import { PackedTopicPartitions } from '../../protocol/topic-partitions.js';
import { NONE_ASSIGNMENT, sameLocalAssignment } from './assignment.js';
import type { MemberContext } from './context.js';
import type { AfterCallback } from './types.js';

/** Kafka's clearPendingAssignmentsAndLocalNamesCache. */
function clearPendingAssignments(ctx: MemberContext): void {
  ctx.s.targetAssignment = NONE_ASSIGNMENT;
  if (ctx.s.assignedTopicNames.size > 0) ctx.s.assignedTopicNames = new Map();
}

/** Kafka's clearAssignment: nothing owned, nothing reconciled, nothing pending. */
export function clearAssignment(ctx: MemberContext): void {
  ctx.s.owned = PackedTopicPartitions.EMPTY;
  ctx.s.currentAssignment = NONE_ASSIGNMENT;
  clearPendingAssignments(ctx);
}

/** Kafka's targetAssignmentReconciled: the reconciled assignment is the target (local epochs included). */
export function targetAssignmentReconciled(ctx: MemberContext): boolean {
  return sameLocalAssignment(ctx.s.currentAssignment, ctx.s.targetAssignment);
}

/** Kafka's maybeCompleteLeaveInProgress: the unsubscribe or close waiting for its leave finishes. */
export function maybeCompleteLeaveInProgress(ctx: MemberContext): boolean {
  if (!ctx.s.leaveInProgress) return false;
  ctx.s.leaveInProgress = false;
  ctx.event({ kind: 'leave-completed' });
  return true;
}

/**
 * Runs onPartitionsLost for the owned partitions (skipped when there are none, as Kafka skips
 * it), then `onDone`, which also runs when the application confirms the callback.
 */
export function signalPartitionsLost(ctx: MemberContext, then: AfterCallback, onDone: () => void): void {
  if (ctx.s.owned.partitionCount === 0) {
    onDone();
    return;
  }
  ctx.invokeCallback('onPartitionsLost', ctx.s.owned, then);
}

/** Kafka's transitionToJoining: epoch 0, same member id, pending target discarded. */
export function transitionToJoining(ctx: MemberContext): void {
  const s = ctx.s;
  if (s.state === 'FATAL') return;
  // A reconciliation running now belongs to the old membership: its result is discarded.
  if (s.reconciliation !== null) s.reconciliation = { ...s.reconciliation, rejoined: true };
  ctx.updateMemberEpoch(0);
  ctx.transition('JOINING');
  clearPendingAssignments(ctx);
}

/** onPartitionsLost of a fenced member is done: rejoin, unless the member moved on meanwhile. */
export function onFencedReleased(ctx: MemberContext): void {
  clearAssignment(ctx);
  if (ctx.s.state === 'FENCED') transitionToJoining(ctx);
}

/** onPartitionsLost after a fatal error is done. */
export function onFatalReleased(ctx: MemberContext): void {
  clearAssignment(ctx);
}

/** onPartitionsLost of a stale member is done: it rejoins once the application polled. */
export function onStaleReleased(ctx: MemberContext): void {
  clearAssignment(ctx);
  ctx.s.staleReleased = true;
  if (ctx.s.state === 'STALE' && ctx.s.stalePolled) transitionToJoining(ctx);
}

/** Kafka's leaveGroupEpoch: -1, or -2 for a static member unless close asked for LEAVE_GROUP. */
export function leaveGroupEpoch(ctx: MemberContext): number {
  if (ctx.s.leaveGroupOperation === 'LEAVE_GROUP') return -1;
  return ctx.config.groupInstanceId !== null ? -2 : -1;
}

/**
 * Kafka's transitionToSendingLeaveGroup: the leave epoch, nothing reconciled, LEAVING (through
 * PREPARE_LEAVING for a poll-timeout leave, which releases nothing before it leaves).
 */
export function transitionToSendingLeaveGroup(ctx: MemberContext, dueToExpiredPollTimer: boolean): void {
  const s = ctx.s;
  if (s.state === 'FATAL' || s.state === 'UNSUBSCRIBED') return;
  if (dueToExpiredPollTimer) {
    s.pollTimerExpired = true;
    ctx.transition('PREPARE_LEAVING');
  }
  ctx.updateMemberEpoch(leaveGroupEpoch(ctx));
  s.currentAssignment = NONE_ASSIGNMENT;
  ctx.transition('LEAVING');
}

/** Kafka's transitionToFenced (FENCED_MEMBER_EPOCH, UNKNOWN_MEMBER_ID). */
export function transitionToFenced(ctx: MemberContext): void {
  const s = ctx.s;
  if (s.state === 'PREPARE_LEAVING') {
    // Already leaving: pass through LEAVING for its effects, but send no leave and do not rejoin.
    transitionToSendingLeaveGroup(ctx, false);
    ctx.transition('UNSUBSCRIBED');
    maybeCompleteLeaveInProgress(ctx);
    return;
  }
  if (s.state === 'LEAVING') {
    ctx.transition('UNSUBSCRIBED');
    maybeCompleteLeaveInProgress(ctx);
    return;
  }
  if (s.state === 'UNSUBSCRIBED') return;
  ctx.transition('FENCED');
  ctx.updateMemberEpoch(0);
  signalPartitionsLost(ctx, { kind: 'fenced' }, () => onFencedReleased(ctx));
}

/** Kafka's transitionToFatal: terminal; partitions are lost unless the member was leaving. */
export function transitionToFatal(ctx: MemberContext): void {
  const previous = ctx.s.state;
  ctx.transition('FATAL');
  ctx.event({ kind: 'epoch-changed', memberEpoch: null });
  if (previous === 'UNSUBSCRIBED' && maybeCompleteLeaveInProgress(ctx)) return;
  if (previous === 'LEAVING' || previous === 'PREPARE_LEAVING') {
    maybeCompleteLeaveInProgress(ctx);
    return;
  }
  signalPartitionsLost(ctx, { kind: 'fatal' }, () => onFatalReleased(ctx));
}

/** Kafka's transitionToStale: out of the group after a poll timeout; release what was owned. */
function transitionToStale(ctx: MemberContext): void {
  ctx.transition('STALE');
  ctx.s.staleReleased = false;
  ctx.s.stalePolled = false;
  signalPartitionsLost(ctx, { kind: 'stale' }, () => onStaleReleased(ctx));
}

/** Kafka's onHeartbeatRequestGenerated: ACKNOWLEDGING and LEAVING end when their heartbeat goes out. */
export function onHeartbeatRequestGenerated(ctx: MemberContext): void {
  const s = ctx.s;
  if (s.state === 'ACKNOWLEDGING') ctx.transition(targetAssignmentReconciled(ctx) ? 'STABLE' : 'RECONCILING');
  else if (s.state === 'LEAVING') {
    if (s.pollTimerExpired) transitionToStale(ctx);
    else ctx.transition('UNSUBSCRIBED');
  }
}
