/**
 * The heartbeat side of the member (Kafka's HeartbeatThread and Heartbeat timers), run on every
 * step while the member is in COMPLETING_REBALANCE or STABLE: the session timer (no answer for
 * session.timeout.ms: the coordinator is presumed gone), the poll timer (no poll for
 * max.poll.interval.ms: leave the group), and a heartbeat every heartbeat.interval.ms.
 */
import { ErrorCode } from '../../protocol/error-codes.js';
import type { HeartbeatResponse } from '../coordinator/types.js';
import type { MemberContext } from './context.js';
import { coordinatorUnknown, raiseError } from './failures.js';
import { sameGeneration } from './generation.js';
import { maybeLeaveGroup } from './leave.js';
import { hasNotJoinedGroup } from './states.js';
import type { InFlightRequest } from './types.js';

/** Kafka's exponential retry backoff, without the jitter (the core has no randomness). */
function backoffMs(ctx: MemberContext, attempts: number): number {
  const c = ctx.config;
  return Math.min(c.retryBackoffMaxMs, c.retryBackoffMs * 2 ** Math.min(attempts, 30));
}

/** Kafka's Heartbeat.receiveHeartbeat: the session is alive. */
function receiveHeartbeat(ctx: MemberContext): void {
  ctx.s.heartbeatAttempts = 0;
  ctx.s.sessionDeadlineMs = ctx.nowMs + ctx.config.sessionTimeoutMs;
}

/** Kafka's Heartbeat.failHeartbeat: try again after the backoff. */
export function failHeartbeat(ctx: MemberContext): void {
  ctx.s.heartbeatDueMs = ctx.nowMs + backoffMs(ctx, ctx.s.heartbeatAttempts);
  ctx.s.heartbeatAttempts += 1;
}

function sendHeartbeat(ctx: MemberContext): void {
  const g = ctx.s.generation;
  ctx.s.heartbeat = ctx.send('Heartbeat', {
    groupId: ctx.config.groupId,
    generationId: g.generationId,
    memberId: g.memberId,
    groupInstanceId: ctx.config.groupInstanceId,
  });
  ctx.s.heartbeatDueMs = ctx.nowMs + ctx.config.heartbeatIntervalMs;
}

/** Handles whichever of the member's timers are due now. */
export function runHeartbeatTimers(ctx: MemberContext): void {
  const s = ctx.s;
  if (s.closed || s.failed !== null || hasNotJoinedGroup(s.state)) return;
  if (ctx.nowMs >= s.sessionDeadlineMs) {
    coordinatorUnknown(ctx, 'session timed out without receiving a heartbeat response');
    // Rediscovery resets the session timer (Kafka's FindCoordinator handler); the driver's
    // rediscovery is taken as immediate. The heartbeat on the old connection is abandoned.
    s.sessionDeadlineMs = ctx.nowMs + ctx.config.sessionTimeoutMs;
    if (s.heartbeat !== null) {
      s.heartbeat = null;
      failHeartbeat(ctx);
    }
  }
  if (ctx.nowMs >= s.pollDeadlineMs) {
    maybeLeaveGroup(ctx, 'consumer poll timeout has expired.');
    s.awaitingPoll = true;
    return;
  }
  if (s.heartbeat === null && ctx.nowMs >= s.heartbeatDueMs) sendHeartbeat(ctx);
}

function resetOnError(ctx: MemberContext, code: number): void {
  const name = code === ErrorCode.ILLEGAL_GENERATION ? 'ILLEGAL_GENERATION' : code === ErrorCode.UNKNOWN_MEMBER_ID ? 'UNKNOWN_MEMBER_ID' : 'FENCED_INSTANCE_ID';
  // The member id survives ILLEGAL_GENERATION: it may still be valid.
  ctx.resetStateAndRejoin(`encountered ${name} from HEARTBEAT response`, code !== ErrorCode.ILLEGAL_GENERATION);
}

/** Kafka's HeartbeatResponseHandler and the heartbeat thread's reaction to it. */
export function handleHeartbeatResponse(ctx: MemberContext, sent: InFlightRequest, r: HeartbeatResponse): void {
  const s = ctx.s;
  s.heartbeat = null;
  const code = r.errorCode;
  switch (code) {
    case ErrorCode.NONE:
      receiveHeartbeat(ctx);
      return;
    case ErrorCode.COORDINATOR_NOT_AVAILABLE:
    case ErrorCode.NOT_COORDINATOR:
      coordinatorUnknown(ctx, `error response ${code === ErrorCode.NOT_COORDINATOR ? 'NOT_COORDINATOR' : 'COORDINATOR_NOT_AVAILABLE'}`);
      failHeartbeat(ctx);
      return;
    case ErrorCode.REBALANCE_IN_PROGRESS:
      // Heartbeats go on during a rebalance: the answer counts as received either way.
      if (s.state === 'STABLE') ctx.requestRejoin('group is already rebalancing');
      receiveHeartbeat(ctx);
      return;
    case ErrorCode.ILLEGAL_GENERATION:
    case ErrorCode.UNKNOWN_MEMBER_ID:
    case ErrorCode.FENCED_INSTANCE_ID:
      if (!sameGeneration(sent.generation, s.generation)) {
        receiveHeartbeat(ctx);
        return;
      }
      resetOnError(ctx, code);
      if (code === ErrorCode.FENCED_INSTANCE_ID) raiseError(ctx, 'Heartbeat', code, 'Heartbeat failed: FencedInstanceIdException');
      else failHeartbeat(ctx);
      return;
    default:
      // Kafka's heartbeat thread retries anything else after the backoff.
      failHeartbeat(ctx);
  }
}
