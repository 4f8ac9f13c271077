/**
 * JoinGroup: building the request (one protocol per assignor, in configuration order, each
 * with its ConsumerProtocol v3 subscription) and handling the answer (Kafka's
 * JoinGroupResponseHandler), plus the join loop's reaction to a failed round.
 */
import { ErrorCode } from '../../protocol/error-codes.js';
import { CONSUMER_PROTOCOL_TYPE, encodeSubscription } from '../../protocol/consumer-protocol.js';
import type { JoinGroupRequest, JoinGroupRequestProtocol, JoinGroupResponse } from '../coordinator/types.js';
import type { MemberContext } from './context.js';
import { coordinatorUnknown, joinFailed, raiseError } from './failures.js';
import { exceptionName, sameGeneration, truncateReason } from './generation.js';
import { onLeaderElected } from './leader.js';
import { sendSyncGroup } from './sync.js';
import type { InFlightRequest } from './types.js';

/** Kafka's JOIN_GROUP_TIMEOUT_LAPSE: JoinGroup may block for the rebalance timeout, plus this. */
const JOIN_GROUP_TIMEOUT_LAPSE_MS = 5_000;

function protocols(ctx: MemberContext): JoinGroupRequestProtocol[] {
  const s = ctx.s;
  const topics = s.subscription;
  return ctx.config.assignors.map((assignor) => {
    const userData =
      assignor.subscriptionUserData?.({
        topics,
        ownedPartitions: s.lastAssignment.partitions,
        generationId: s.lastAssignment.generationId,
      }) ?? null;
    const metadata = encodeSubscription({
      topics,
      userData,
      ownedPartitions: s.owned,
      generationId: s.generation.generationId,
      rackId: ctx.config.rackId,
    });
    return { name: assignor.name, metadata };
  });
}

/** Kafka's initiateJoinGroup + sendJoinGroupRequest. */
export function sendJoinGroup(ctx: MemberContext): void {
  const s = ctx.s;
  const c = ctx.config;
  ctx.transition('PREPARING_REBALANCE');
  s.joinedSubscription = s.subscription;
  const request: JoinGroupRequest = {
    groupId: c.groupId,
    sessionTimeoutMs: c.sessionTimeoutMs,
    rebalanceTimeoutMs: c.maxPollIntervalMs,
    memberId: s.generation.memberId,
    groupInstanceId: c.groupInstanceId,
    protocolType: CONSUMER_PROTOCOL_TYPE,
    protocols: protocols(ctx),
    reason: truncateReason(s.rejoinReason),
  };
  s.join = ctx.send('JoinGroup', request, Math.max(c.requestTimeoutMs, c.maxPollIntervalMs + JOIN_GROUP_TIMEOUT_LAPSE_MS));
}

function joinSucceeded(ctx: MemberContext, r: JoinGroupResponse): void {
  const s = ctx.s;
  if (r.protocolType !== null && r.protocolType !== CONSUMER_PROTOCOL_TYPE) {
    joinFailed(ctx, exceptionName(ErrorCode.INCONSISTENT_GROUP_PROTOCOL), 'after-poll');
    raiseError(ctx, 'JoinGroup', ErrorCode.INCONSISTENT_GROUP_PROTOCOL, `JoinGroup answered protocol type ${JSON.stringify(r.protocolType)}, expected "consumer"`);
    return;
  }
  if (s.state !== 'PREPARING_REBALANCE') {
    // The member left the round while the JoinGroup was out (a heartbeat error reset its
    // generation, say): Kafka fails the round with the retriable UnjoinedGroupException instead
    // of going on to SyncGroup, and tries again after the backoff.
    joinFailed(ctx, 'UnjoinedGroupException', 'after-backoff');
    return;
  }
  s.generation = Object.freeze({ generationId: r.generationId, memberId: r.memberId, protocolName: r.protocolName });
  ctx.transition('COMPLETING_REBALANCE');
  // Kafka enables the heartbeat thread here, which resets all three timers.
  s.sessionDeadlineMs = ctx.nowMs + ctx.config.sessionTimeoutMs;
  s.pollDeadlineMs = ctx.nowMs + ctx.config.maxPollIntervalMs;
  s.heartbeatDueMs = ctx.nowMs + ctx.config.heartbeatIntervalMs;
  if (r.memberId === r.leader) {
    const assignments = onLeaderElected(ctx, r);
    if (assignments !== null) sendSyncGroup(ctx, assignments);
  } else {
    sendSyncGroup(ctx, []);
  }
}

/** Kafka's JoinGroupResponseHandler. */
export function handleJoinGroupResponse(ctx: MemberContext, sent: InFlightRequest, r: JoinGroupResponse): void {
  const s = ctx.s;
  s.join = null;
  const code = r.errorCode;
  switch (code) {
    case ErrorCode.NONE:
      joinSucceeded(ctx, r);
      return;
    case ErrorCode.COORDINATOR_LOAD_IN_PROGRESS:
      joinFailed(ctx, exceptionName(code), 'after-backoff');
      return;
    case ErrorCode.UNKNOWN_MEMBER_ID:
      if (sameGeneration(sent.generation, s.generation)) ctx.resetStateAndRejoin('encountered UNKNOWN_MEMBER_ID from JOIN_GROUP response', true);
      joinFailed(ctx, exceptionName(code), 'immediately');
      return;
    case ErrorCode.COORDINATOR_NOT_AVAILABLE:
    case ErrorCode.NOT_COORDINATOR:
      coordinatorUnknown(ctx, `error response ${code === ErrorCode.NOT_COORDINATOR ? 'NOT_COORDINATOR' : 'COORDINATOR_NOT_AVAILABLE'}`);
      joinFailed(ctx, exceptionName(code), 'after-backoff');
      return;
    case ErrorCode.MEMBER_ID_REQUIRED:
      s.generation = Object.freeze({ generationId: -1, memberId: r.memberId, protocolName: null });
      ctx.requestRejoin(`need to re-join with the given member-id: ${r.memberId}`);
      joinFailed(ctx, 'MemberIdRequiredException', 'immediately');
      return;
    case ErrorCode.REBALANCE_IN_PROGRESS:
      joinFailed(ctx, exceptionName(code), 'immediately');
      return;
    default:
      joinFatal(ctx, code);
  }
}

// Errors Kafka raises to the application by name; any other is "unexpected".
const JOIN_RAISED: ReadonlySet<number> = new Set([
  ErrorCode.FENCED_INSTANCE_ID,
  ErrorCode.INCONSISTENT_GROUP_PROTOCOL,
  ErrorCode.INVALID_SESSION_TIMEOUT,
  ErrorCode.INVALID_GROUP_ID,
  ErrorCode.GROUP_AUTHORIZATION_FAILED,
  ErrorCode.GROUP_MAX_SIZE_REACHED,
  ErrorCode.UNSUPPORTED_VERSION,
]);

function joinFatal(ctx: MemberContext, code: number): void {
  const known = JOIN_RAISED.has(code);
  const message = known ? `JoinGroup failed: ${exceptionName(code)}` : `Unexpected error in join group response: ${exceptionName(code)}`;
  joinFailed(ctx, known ? exceptionName(code) : 'KafkaException', 'after-poll');
  raiseError(ctx, 'JoinGroup', code, message);
}
