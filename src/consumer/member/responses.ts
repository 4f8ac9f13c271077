/**
 * Routing heartbeat answers and failures to the request they belong to. An answer to a request
 * the member does not track (a duplicate, or one already timed out) is ignored; so is any answer
 * that arrives while the member is FENCED, STALE or FATAL: it belongs to a membership that ended.
 */
import { UsageError } from '../../errors.js';
import type { ConsumerGroupHeartbeatResponse } from '../coordinator/types.js';
import type { MemberContext } from './context.js';
import { onSuccessfulAttempt } from './heartbeat.js';
import { onErrorResponse, onTransportFailure } from './heartbeat-errors.js';
import { onHeartbeatSuccess } from './target.js';
import type { InFlightHeartbeat } from './types.js';

/** Removes request `requestId` from the in-flight list and returns it (undefined when unknown). */
function take(ctx: MemberContext, requestId: number): InFlightHeartbeat | undefined {
  const h = ctx.s.heartbeat;
  const found = h.inFlight.find((f) => f.requestId === requestId);
  if (found !== undefined) ctx.s.heartbeat = { ...h, inFlight: h.inFlight.filter((f) => f !== found) };
  return found;
}

function membershipEnded(ctx: MemberContext): boolean {
  const st = ctx.s.state;
  return st === 'FENCED' || st === 'STALE' || st === 'FATAL';
}

/** Handles a ConsumerGroupHeartbeat answer. */
export function handleResponse(ctx: MemberContext, requestId: number, r: ConsumerGroupHeartbeatResponse): void {
  if (typeof r !== 'object' || r === null || typeof r.errorCode !== 'number') throw new UsageError('response must be a ConsumerGroupHeartbeat response');
  const sent = take(ctx, requestId);
  if (sent === undefined) return;
  if (sent.ignoreResponse) {
    ctx.event({ kind: 'response-ignored', requestId, errorCode: r.errorCode });
    return;
  }
  if (membershipEnded(ctx)) return;
  if (r.errorCode === 0) {
    onSuccessfulAttempt(ctx, r.heartbeatIntervalMs);
    onHeartbeatSuccess(ctx, r);
  } else {
    onErrorResponse(ctx, r);
  }
}

/** Handles a heartbeat that got no answer. */
export function handleRequestFailed(ctx: MemberContext, requestId: number, reason: 'disconnected' | 'timeout' | 'unsupported-version'): void {
  const sent = take(ctx, requestId);
  if (sent === undefined || sent.ignoreResponse || membershipEnded(ctx)) return;
  onTransportFailure(ctx, reason);
}

/** Fails every heartbeat whose request timeout has passed. */
export function expireHeartbeats(ctx: MemberContext): void {
  for (const f of ctx.s.heartbeat.inFlight) if (ctx.nowMs >= f.deadlineMs) handleRequestFailed(ctx, f.requestId, 'timeout');
}
