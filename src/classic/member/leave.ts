/**
 * Leaving: Kafka's onLeavePrepare (give up owned partitions: lost when the member is not in a
 * stable generation, revoked otherwise) and maybeLeaveGroup (a dynamic member that is in the
 * group sends LeaveGroup; a static member sends none and lets its session expire), used by
 * close, unsubscribe and the poll timeout.
 */
import type { LeaveGroupResponse } from '../coordinator/types.js';
import type { MemberContext } from './context.js';
import { truncateReason } from './generation.js';
import { NOTHING, setOwned } from './owned.js';
import { errorName } from '../../protocol/error-codes.js';

/** Kafka's maybeLeaveGroup: sends LeaveGroup if it should, then resets to NO_GENERATION / UNJOINED. */
export function maybeLeaveGroup(ctx: MemberContext, reason: string): void {
  const s = ctx.s;
  const sent = ctx.config.groupInstanceId === null && s.state !== 'UNJOINED' && s.generation.memberId !== '';
  if (sent) {
    s.leave = ctx.send('LeaveGroup', {
      groupId: ctx.config.groupId,
      members: [{ memberId: s.generation.memberId, groupInstanceId: null, reason: truncateReason(reason) }],
    });
  }
  ctx.event({ kind: 'left-group', reason, sent });
  // The rounds and heartbeats of the old membership are abandoned: their answers are ignored.
  s.join = null;
  s.sync = null;
  s.heartbeat = null;
  s.retryAtMs = null;
  ctx.resetStateAndRejoin('consumer pro-actively leaving the group', true);
}

/** The end of a leave, once any callback is confirmed. */
export function finishLeave(ctx: MemberContext, reason: string, closing: boolean): void {
  setOwned(ctx, NOTHING);
  maybeLeaveGroup(ctx, reason);
  if (closing) {
    ctx.s.closed = true;
    ctx.s.commit = null;
  }
}

/** Kafka's onLeavePrepare followed by maybeLeaveGroup (and closing, for close). */
export function leaveGroup(ctx: MemberContext, reason: string, closing: boolean): void {
  const s = ctx.s;
  if (s.owned.partitionCount === 0) {
    finishLeave(ctx, reason, closing);
    return;
  }
  const notInGeneration = s.generation.generationId === -1 || s.generation.memberId === '';
  const rebalancing = s.state === 'PREPARING_REBALANCE' || s.state === 'COMPLETING_REBALANCE';
  const callback = notInGeneration || rebalancing ? 'onPartitionsLost' : 'onPartitionsRevoked';
  ctx.invokeCallback(callback, s.owned, { kind: 'leave', reason, closing });
}

/** Kafka's LeaveGroupResponseHandler: the outcome is only reported. */
export function handleLeaveGroupResponse(ctx: MemberContext, r: LeaveGroupResponse): void {
  ctx.s.leave = null;
  let outcome: string;
  if (r.members.length > 1) outcome = 'IllegalStateException';
  else if (r.errorCode !== 0) outcome = errorName(r.errorCode);
  else outcome = errorName(r.members[0]?.errorCode ?? 0);
  ctx.event({ kind: 'leave-group-result', outcome });
}
