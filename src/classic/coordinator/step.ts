/**
 * The coordinator's pure step: `step(state, input, nowMs) -> { state, outputs }`. The envelope
 * of an input is the driver's responsibility (a wrong one throws UsageError); a request body is
 * the peer's, so whatever it holds is answered with a Kafka error code, never thrown.
 */
import { UsageError } from '../../errors.js';
import { ErrorCode } from '../../protocol/error-codes.js';
import { StepContext } from './context.js';
import { handleHeartbeat } from './heartbeat.js';
import { handleJoinGroup } from './join.js';
import { handleLeaveGroup } from './leave.js';
import { handleConfigure, handleUnload } from './lifecycle.js';
import { handleOffsetCommit } from './offset-commit.js';
import { handleOffsetFetch } from './offset-fetch.js';
import type { RequestMeta } from './request-meta.js';
import { appendErrorToResponseError, joinError, syncError } from './responses.js';
import { CLASSIC_API_VERSIONS, parseRequestBody } from './schemas.js';
import { handleSyncGroup } from './sync.js';
import { handleTimer } from './timers.js';
import type {
  ClassicAppendFailed,
  ClassicApi,
  ClassicApiTypes,
  ClassicCoordinatorInput,
  ClassicCoordinatorState,
  ClassicRequestInput,
  ClassicStepResult,
} from './types.js';

type Handler<A extends ClassicApi> = (ctx: StepContext, body: ClassicApiTypes[A]['request'], meta: RequestMeta) => void;

const HANDLERS: { [A in ClassicApi]: Handler<A> } = {
  JoinGroup: handleJoinGroup,
  SyncGroup: handleSyncGroup,
  Heartbeat: handleHeartbeat,
  LeaveGroup: handleLeaveGroup,
  OffsetCommit: handleOffsetCommit,
  OffsetFetch: handleOffsetFetch,
};

function field(raw: unknown, name: string): unknown {
  return typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>)[name] : undefined;
}

/** The error answer of `api` for a request that does not get as far as its handler. */
function errorResponse<A extends ClassicApi>(api: A, errorCode: ErrorCode, raw: unknown): ClassicApiTypes[A]['response'] {
  switch (api) {
    case 'JoinGroup': {
      const memberId = field(raw, 'memberId');
      return joinError(errorCode, typeof memberId === 'string' ? memberId : '');
    }
    case 'SyncGroup':
      return syncError(errorCode);
    case 'Heartbeat':
      return { errorCode };
    case 'LeaveGroup':
      return { errorCode, members: [] };
    case 'OffsetCommit': {
      // OffsetCommit has no top-level error: every partition of a well-formed body carries it.
      const body = parseRequestBody('OffsetCommit', raw, CLASSIC_API_VERSIONS.OffsetCommit[1]);
      const topics = body.ok ? body.body.topics : [];
      return { topics: topics.map((t) => ({ name: t.name, partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, errorCode })) })) };
    }
    case 'OffsetFetch':
      return { errorCode, topics: [] };
  }
  throw new UsageError(`unknown API ${String(api)}`);
}

function checkEnvelope(input: ClassicRequestInput): void {
  if (!Object.hasOwn(HANDLERS, input.api)) throw new UsageError(`unknown API ${JSON.stringify(input.api)}`);
  const id = input.requestId;
  if (typeof id !== 'string' && !(typeof id === 'number' && Number.isFinite(id))) throw new UsageError('requestId must be a string or a finite number');
  if (!Number.isInteger(input.apiVersion)) throw new UsageError('apiVersion must be an integer');
}

function optionalString(value: unknown, name: string): string {
  if (value === undefined) return '';
  if (typeof value !== 'string') throw new UsageError(`${name} must be a string`);
  return value;
}

function handleRequest<A extends ClassicApi>(ctx: StepContext, input: ClassicRequestInput & { api: A }): void {
  checkEnvelope(input);
  const meta: RequestMeta = {
    requestId: input.requestId,
    apiVersion: input.apiVersion,
    clientId: optionalString(input.clientId, 'clientId'),
    clientHost: optionalString(input.clientHost, 'clientHost'),
  };
  const api = input.api;
  const [lowest, highest] = CLASSIC_API_VERSIONS[api];
  const reject = (code: ErrorCode) => ctx.respond(api, meta, errorResponse(api, code, input.body));
  if (input.apiVersion < lowest || input.apiVersion > highest) return reject(ErrorCode.UNSUPPORTED_VERSION);
  const parsed = parseRequestBody(api, input.body, input.apiVersion);
  if (!parsed.ok) return reject(parsed.errorCode);
  if (parsed.body.groupId === '') return reject(ErrorCode.INVALID_GROUP_ID);
  // This machine coordinates one group: a request for another one was routed to the wrong place.
  if (parsed.body.groupId !== ctx.config.groupId) return reject(ErrorCode.NOT_COORDINATOR);
  (HANDLERS[api] as Handler<A>)(ctx, parsed.body, meta);
}

/**
 * Re-runs the failed step from the state before it with the append failure set: each place
 * that wrote a record takes Kafka's failure path (see docs/classic-coordinator.md). A step that
 * wrote no record cannot have failed to append one (UsageError).
 */
function handleAppendFailed(ctx: StepContext, input: ClassicAppendFailed): void {
  const request = input.request as unknown;
  if (typeof request !== 'object' || request === null || (request as { type?: unknown }).type !== 'request') {
    throw new UsageError('append-failed needs the request whose step failed');
  }
  if (typeof input.errorCode !== 'number' || !Number.isInteger(input.errorCode) || input.errorCode === ErrorCode.NONE) {
    throw new UsageError('append-failed needs a non-zero integer errorCode');
  }
  ctx.appendFailure = appendErrorToResponseError(input.errorCode);
  handleRequest(ctx, input.request);
  if (ctx.appendFailuresHandled === 0) throw new UsageError(`request ${String(input.request.requestId)} wrote no record, so no append of it can fail`);
}

/**
 * Applies one input at time `nowMs` and returns the next state and the outputs. Pure: the same
 * state, input and time give the same result, and `state` is never modified. When nothing
 * changed (a heartbeat, a fetch), the returned state is the one given.
 */
export function step(state: ClassicCoordinatorState, input: ClassicCoordinatorInput, nowMs: number): ClassicStepResult {
  if (!Number.isFinite(nowMs)) throw new UsageError('nowMs must be a finite number');
  if (typeof input !== 'object' || input === null) throw new UsageError('input must be an object');
  const ctx = new StepContext(state, nowMs);
  switch (input.type) {
    case 'request':
      handleRequest(ctx, input);
      break;
    case 'timer':
      if (typeof input.key !== 'string') throw new UsageError('timer key must be a string');
      handleTimer(ctx, input.key);
      break;
    case 'configure':
      handleConfigure(ctx, input.config);
      break;
    case 'unload':
      handleUnload(ctx);
      break;
    case 'append-failed':
      handleAppendFailed(ctx, input);
      break;
    default:
      throw new UsageError(`unknown input type ${JSON.stringify((input as { type?: unknown }).type)}`);
  }
  return ctx.finish();
}
