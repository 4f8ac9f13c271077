/**
 * The coordinator's pure step: `stepConsumerGroup(state, input, nowMs) -> { state, outputs }`.
 * The envelope of an input is the driver's responsibility (a wrong one throws UsageError); a
 * request body is the peer's, so whatever it holds is answered with a Kafka error code.
 */
import { UsageError } from '../../errors.js';
import { ErrorCode } from '../../protocol/error-codes.js';
import { applyConsumerGroupConfigUpdate } from './config.js';
import { StepContext } from './context.js';
import { describeGroups } from './describe.js';
import { regularHeartbeat, type ClientInfo } from './heartbeat.js';
import { leaveHeartbeat } from './leave.js';
import { handleMetadata } from './metadata-input.js';
import { errorResponse, isHeartbeatError } from './responses.js';
import { handleOffsetCommit, handleOffsetFetch, offsetCommitError } from './offsets.js';
import { CONSUMER_GROUP_API_VERSIONS, validateDescribe, validateHeartbeat, validateOffsetCommit, validateOffsetFetch } from './schemas.js';
import { handleTimer } from './timers.js';
import type { ConsumerGroupCoordinatorInput, ConsumerGroupCoordinatorState, ConsumerGroupRequestInput, ConsumerGroupStepResult } from './types.js';

function checkEnvelope(input: ConsumerGroupRequestInput): void {
  if (!Object.hasOwn(CONSUMER_GROUP_API_VERSIONS, input.api)) throw new UsageError(`unknown API ${JSON.stringify(input.api)}`);
  const id = input.requestId;
  if (typeof id !== 'string' && !(typeof id === 'number' && Number.isFinite(id))) throw new UsageError('requestId must be a string or a finite number');
  if (!Number.isInteger(input.apiVersion)) throw new UsageError('apiVersion must be an integer');
  for (const k of ['clientId', 'clientHost'] as const) {
    if (input[k] !== undefined && typeof input[k] !== 'string') throw new UsageError(`${k} must be a string`);
  }
}

function handleHeartbeatRequest(ctx: StepContext, input: Extract<ConsumerGroupRequestInput, { api: 'ConsumerGroupHeartbeat' }>): void {
  const reply = (r: Parameters<typeof ctx.respond<'ConsumerGroupHeartbeat'>>[3]) => ctx.respond('ConsumerGroupHeartbeat', input.requestId, input.apiVersion, r);
  const [lowest, highest] = CONSUMER_GROUP_API_VERSIONS.ConsumerGroupHeartbeat;
  if (input.apiVersion < lowest || input.apiVersion > highest) return reply(errorResponse({ errorCode: ErrorCode.UNSUPPORTED_VERSION, errorMessage: null }));
  const v = validateHeartbeat(input.body, input.apiVersion, ctx.config);
  if (!v.ok) return reply(errorResponse(v));
  // This machine coordinates one group: a request for another one was routed to the wrong place.
  if (v.body.groupId !== ctx.config.groupId) return reply(errorResponse({ errorCode: ErrorCode.NOT_COORDINATOR, errorMessage: null }));
  const client: ClientInfo = { clientId: input.clientId ?? '', clientHost: input.clientHost ?? '' };
  const mark = ctx.mark();
  const epoch = v.body.memberEpoch;
  const result = epoch === -1 || epoch === -2 ? leaveHeartbeat(ctx, v.body) : regularHeartbeat(ctx, v.body, client);
  if (isHeartbeatError(result)) {
    ctx.rollback(mark);
    return reply(errorResponse(result));
  }
  reply(result);
}

function handleDescribeRequest(ctx: StepContext, input: Extract<ConsumerGroupRequestInput, { api: 'ConsumerGroupDescribe' }>): void {
  const [lowest, highest] = CONSUMER_GROUP_API_VERSIONS.ConsumerGroupDescribe;
  const v = input.apiVersion < lowest || input.apiVersion > highest ? null : validateDescribe(input.body);
  if (v === null || !v.ok) {
    const errorCode = v === null ? ErrorCode.UNSUPPORTED_VERSION : ErrorCode.INVALID_REQUEST;
    const ids = Array.isArray((input.body as { groupIds?: unknown } | null)?.groupIds) ? (input.body.groupIds as unknown[]).filter((x): x is string => typeof x === 'string') : [];
    const groups = ids.map((groupId) => ({ errorCode, errorMessage: null, groupId, groupState: 'Dead' as const, groupEpoch: -1, assignmentEpoch: -1, assignorName: '', members: [] }));
    return ctx.respond('ConsumerGroupDescribe', input.requestId, input.apiVersion, { groups });
  }
  ctx.respond('ConsumerGroupDescribe', input.requestId, input.apiVersion, describeGroups(ctx, v.body));
}

function inRange(api: keyof typeof CONSUMER_GROUP_API_VERSIONS, apiVersion: number): boolean {
  const [lowest, highest] = CONSUMER_GROUP_API_VERSIONS[api];
  return apiVersion >= lowest && apiVersion <= highest;
}

function handleOffsetCommitRequest(ctx: StepContext, input: Extract<ConsumerGroupRequestInput, { api: 'OffsetCommit' }>): void {
  const reply = (r: Parameters<typeof ctx.respond<'OffsetCommit'>>[3]) => ctx.respond('OffsetCommit', input.requestId, input.apiVersion, r);
  const supported = inRange('OffsetCommit', input.apiVersion);
  const v = validateOffsetCommit(input.body, supported ? input.apiVersion : CONSUMER_GROUP_API_VERSIONS.OffsetCommit[1]);
  // OffsetCommit has no top-level error: the partitions of a well-formed body carry it.
  if (!v.ok) return reply({ topics: [] });
  if (!supported) return reply(offsetCommitError(v.body, ErrorCode.UNSUPPORTED_VERSION));
  if (v.body.groupId !== ctx.config.groupId) return reply(offsetCommitError(v.body, ErrorCode.NOT_COORDINATOR));
  reply(handleOffsetCommit(ctx, v.body, input.apiVersion));
}

function handleOffsetFetchRequest(ctx: StepContext, input: Extract<ConsumerGroupRequestInput, { api: 'OffsetFetch' }>): void {
  const reply = (r: Parameters<typeof ctx.respond<'OffsetFetch'>>[3]) => ctx.respond('OffsetFetch', input.requestId, input.apiVersion, r);
  if (!inRange('OffsetFetch', input.apiVersion)) return reply({ errorCode: ErrorCode.UNSUPPORTED_VERSION, topics: [] });
  const v = validateOffsetFetch(input.body, input.apiVersion);
  if (!v.ok) return reply({ errorCode: v.errorCode, topics: [] });
  if (v.body.groupId !== ctx.config.groupId) return reply({ errorCode: ErrorCode.NOT_COORDINATOR, topics: [] });
  reply(handleOffsetFetch(ctx, v.body));
}

/**
 * Applies one input at time `nowMs` and returns the next state and the outputs. Pure: the same
 * state, input and time give the same result, and `state` is never modified. A steady-state
 * heartbeat returns the state it was given.
 */
export function stepConsumerGroup(state: ConsumerGroupCoordinatorState, input: ConsumerGroupCoordinatorInput, nowMs: number): ConsumerGroupStepResult {
  if (!Number.isFinite(nowMs)) throw new UsageError('nowMs must be a finite number');
  if (typeof input !== 'object' || input === null) throw new UsageError('input must be an object');
  const ctx = new StepContext(state, nowMs);
  switch (input.type) {
    case 'request':
      checkEnvelope(input);
      if (input.api === 'ConsumerGroupHeartbeat') handleHeartbeatRequest(ctx, input);
      else if (input.api === 'ConsumerGroupDescribe') handleDescribeRequest(ctx, input);
      else if (input.api === 'OffsetCommit') handleOffsetCommitRequest(ctx, input);
      else handleOffsetFetchRequest(ctx, input);
      break;
    case 'timer':
      if (typeof input.key !== 'string') throw new UsageError('timer key must be a string');
      handleTimer(ctx, input.key);
      break;
    case 'metadata':
      handleMetadata(ctx, input.topics);
      break;
    case 'configure':
      ctx.setConfig(applyConsumerGroupConfigUpdate(ctx.config, input.config));
      break;
    default:
      throw new UsageError(`unknown input type ${JSON.stringify((input as { type?: unknown }).type)}`);
  }
  return ctx.finish();
}
