/**
 * SyncGroup: the request (the leader's assignments, nothing for a follower) and Kafka's
 * SyncGroupResponseHandler. A successful answer makes the member STABLE and runs onJoinComplete.
 */
import { CONSUMER_PROTOCOL_TYPE } from '../../protocol/consumer-protocol.js';
import { ErrorCode } from '../../protocol/error-codes.js';
import type { SyncGroupRequestAssignment, SyncGroupResponse } from '../coordinator/types.js';
import type { MemberContext } from './context.js';
import { exceptionName, hasGenerationReset, sameGeneration } from './generation.js';
import { coordinatorUnknown, joinFailed, raiseError } from './failures.js';
import { onJoinComplete } from './join-complete.js';
import type { InFlightRequest } from './types.js';

/** Sends SyncGroup for the current generation. */
export function sendSyncGroup(ctx: MemberContext, assignments: readonly SyncGroupRequestAssignment[]): void {
  const g = ctx.s.generation;
  ctx.s.sync = ctx.send('SyncGroup', {
    groupId: ctx.config.groupId,
    generationId: g.generationId,
    memberId: g.memberId,
    groupInstanceId: ctx.config.groupInstanceId,
    protocolType: CONSUMER_PROTOCOL_TYPE,
    protocolName: g.protocolName,
    assignments,
  });
}

function inconsistent(ctx: MemberContext, message: string): void {
  joinFailed(ctx, exceptionName(ErrorCode.INCONSISTENT_GROUP_PROTOCOL), 'after-poll');
  raiseError(ctx, 'SyncGroup', ErrorCode.INCONSISTENT_GROUP_PROTOCOL, message);
}

function syncSucceeded(ctx: MemberContext, r: SyncGroupResponse): void {
  const s = ctx.s;
  if (r.protocolType !== null && r.protocolType !== CONSUMER_PROTOCOL_TYPE) {
    inconsistent(ctx, `SyncGroup answered protocol type ${JSON.stringify(r.protocolType)}, expected "consumer"`);
    return;
  }
  if (hasGenerationReset(s.generation) || s.state !== 'COMPLETING_REBALANCE') {
    // The generation was reset meanwhile: Kafka fails the round as ILLEGAL_GENERATION to rejoin at once.
    joinFailed(ctx, exceptionName(ErrorCode.ILLEGAL_GENERATION), 'immediately');
    return;
  }
  if (r.protocolName !== null && r.protocolName !== s.generation.protocolName) {
    inconsistent(ctx, `SyncGroup answered protocol ${JSON.stringify(r.protocolName)}, expected ${JSON.stringify(s.generation.protocolName)}`);
    return;
  }
  ctx.transition('STABLE');
  s.rejoinReason = '';
  s.rejoinNeeded = false;
  onJoinComplete(ctx, r.assignment);
}

/** Kafka's SyncGroupResponseHandler. */
export function handleSyncGroupResponse(ctx: MemberContext, sent: InFlightRequest, r: SyncGroupResponse): void {
  ctx.s.sync = null;
  const code = r.errorCode;
  switch (code) {
    case ErrorCode.NONE:
      syncSucceeded(ctx, r);
      return;
    case ErrorCode.REBALANCE_IN_PROGRESS:
      joinFailed(ctx, exceptionName(code), 'immediately');
      return;
    case ErrorCode.UNKNOWN_MEMBER_ID:
    case ErrorCode.ILLEGAL_GENERATION:
      if (sameGeneration(sent.generation, ctx.s.generation)) {
        const api = code === ErrorCode.UNKNOWN_MEMBER_ID ? 'UNKNOWN_MEMBER_ID' : 'ILLEGAL_GENERATION';
        ctx.resetStateAndRejoin(`encountered ${api} from SYNC_GROUP response`, code === ErrorCode.UNKNOWN_MEMBER_ID);
      }
      joinFailed(ctx, exceptionName(code), 'immediately');
      return;
    case ErrorCode.COORDINATOR_NOT_AVAILABLE:
    case ErrorCode.NOT_COORDINATOR:
      coordinatorUnknown(ctx, `error response ${code === ErrorCode.NOT_COORDINATOR ? 'NOT_COORDINATOR' : 'COORDINATOR_NOT_AVAILABLE'}`);
      joinFailed(ctx, exceptionName(code), 'after-backoff');
      return;
    default: {
      const known = code === ErrorCode.GROUP_AUTHORIZATION_FAILED || code === ErrorCode.FENCED_INSTANCE_ID;
      joinFailed(ctx, known ? exceptionName(code) : 'KafkaException', 'after-poll');
      raiseError(ctx, 'SyncGroup', code, known ? `SyncGroup failed: ${exceptionName(code)}` : `Unexpected error from SyncGroup: ${exceptionName(code)}`);
    }
  }
}
