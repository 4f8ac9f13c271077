/**
 * Routing answers and failures to the request they belong to. An answer whose request id is
 * not the one in flight (an abandoned round, a duplicate) is ignored, as Kafka ignores the
 * results of requests it no longer waits for.
 */
import type { MemberContext } from './context.js';
import { handleOffsetCommitResponse, settleCommit } from './commit.js';
import { coordinatorUnknown, joinFailed } from './failures.js';
import { failHeartbeat, handleHeartbeatResponse } from './heartbeat.js';
import { handleJoinGroupResponse } from './join.js';
import { handleLeaveGroupResponse } from './leave.js';
import { handleSyncGroupResponse } from './sync.js';
import type { ClassicMemberResponseInput, InFlightRequest } from './types.js';

function matches(request: InFlightRequest | null | undefined, requestId: number): request is InFlightRequest {
  return request !== null && request !== undefined && request.requestId === requestId;
}

/** Handles a coordinator answer. */
export function handleResponse(ctx: MemberContext, input: ClassicMemberResponseInput): void {
  const s = ctx.s;
  switch (input.api) {
    case 'JoinGroup':
      if (matches(s.join, input.requestId)) handleJoinGroupResponse(ctx, s.join, input.response);
      return;
    case 'SyncGroup':
      if (matches(s.sync, input.requestId)) handleSyncGroupResponse(ctx, s.sync, input.response);
      return;
    case 'Heartbeat':
      if (matches(s.heartbeat, input.requestId)) handleHeartbeatResponse(ctx, s.heartbeat, input.response);
      return;
    case 'OffsetCommit':
      if (matches(s.commit?.request, input.requestId)) handleOffsetCommitResponse(ctx, s.commit.request, input.response);
      return;
    case 'LeaveGroup':
      if (matches(s.leave, input.requestId)) handleLeaveGroupResponse(ctx, input.response);
      return;
  }
}

/** A request got no answer: Kafka marks the coordinator unknown and treats the failure as retriable. */
export function handleRequestFailed(ctx: MemberContext, requestId: number, reason: 'disconnected' | 'timeout'): void {
  const s = ctx.s;
  const exception = reason === 'timeout' ? 'TimeoutException' : 'DisconnectException';
  const why = reason === 'timeout' ? 'request timed out' : 'disconnected';
  if (matches(s.join, requestId) || matches(s.sync, requestId)) {
    s.join = null;
    s.sync = null;
    coordinatorUnknown(ctx, why);
    joinFailed(ctx, exception, 'after-backoff');
  } else if (matches(s.heartbeat, requestId)) {
    s.heartbeat = null;
    coordinatorUnknown(ctx, why);
    failHeartbeat(ctx);
  } else if (matches(s.commit?.request, requestId)) {
    coordinatorUnknown(ctx, why);
    settleCommit(ctx, 'retry', exception);
  } else if (matches(s.leave, requestId)) {
    s.leave = null;
    ctx.event({ kind: 'leave-group-result', outcome: exception });
  }
}

/** Fails every request whose client-side timeout has passed. */
export function expireRequests(ctx: MemberContext): void {
  const s = ctx.s;
  const all = [s.join, s.sync, s.heartbeat, s.commit?.request ?? null, s.leave];
  for (const r of all) if (r !== null && ctx.nowMs >= r.deadlineMs) handleRequestFailed(ctx, r.requestId, 'timeout');
}
