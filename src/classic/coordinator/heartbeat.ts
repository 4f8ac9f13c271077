/**
 * Heartbeat (Kafka's `classicGroupHeartbeat`). A valid heartbeat changes no group state: it
 * re-arms the member's session timer, an output the driver keeps. So its cost does not depend
 * on the size of the group and the step returns the very state it was given.
 */
import { ErrorCode } from '../../protocol/error-codes.js';
import type { StepContext } from './context.js';
import { validateMember } from './group.js';
import type { RequestMeta } from './request-meta.js';
import { heartbeatTimerKey } from './timer-keys.js';
import type { ClassicGroupMember, HeartbeatRequest } from './types.js';

/** Handles a Heartbeat request. */
export function handleHeartbeat(ctx: StepContext, req: HeartbeatRequest, meta: RequestMeta): void {
  const errorCode = heartbeat(ctx, req);
  ctx.respond('Heartbeat', meta, { errorCode });
}

function heartbeat(ctx: StepContext, req: HeartbeatRequest): ErrorCode {
  const g = ctx.groupOrNull;
  if (g === null) return ErrorCode.UNKNOWN_MEMBER_ID;
  if (g.state === 'Dead') return ErrorCode.COORDINATOR_NOT_AVAILABLE;
  // Validation errors do not refresh the session.
  const error = validateMember(g, req.memberId, req.groupInstanceId);
  if (error !== ErrorCode.NONE) return error;
  if (req.generationId !== g.generationId) return ErrorCode.ILLEGAL_GENERATION;
  if (g.state === 'Empty') return ErrorCode.UNKNOWN_MEMBER_ID;
  const member = g.members.get(req.memberId) as ClassicGroupMember;
  ctx.schedule(heartbeatTimerKey(member.memberId), member.sessionTimeoutMs);
  return g.state === 'PreparingRebalance' ? ErrorCode.REBALANCE_IN_PROGRESS : ErrorCode.NONE;
}
