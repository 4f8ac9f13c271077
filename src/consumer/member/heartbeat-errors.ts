/**
 * A heartbeat answer with an error, and a heartbeat that got no answer (Kafka's
 * AbstractHeartbeatRequestManager.onErrorResponse / onFailure, reference §6.9): every error
 * makes the next request a full one and counts as a failed attempt; then the error decides.
 */
import { ErrorCode, errorInfo, errorName } from '../../protocol/error-codes.js';
import type { ConsumerGroupHeartbeatResponse } from '../coordinator/types.js';
import type { MemberContext } from './context.js';
import { markCoordinatorUnknown, onFailedAttempt, resetRequestState, resetSentFields } from './heartbeat.js';
import { maybeCompleteLeaveInProgress, transitionToFatal, transitionToFenced } from './lifecycle.js';

const PROTOCOL_NOT_SUPPORTED =
  'The cluster does not support the new CONSUMER group protocol. Set group.protocol=classic on the consumer configs to revert to the CLASSIC protocol until the cluster is upgraded.';

// Kafka's exception classes whose names do not follow from the error name.
const EXCEPTIONS: ReadonlyMap<number, string> = new Map([
  [ErrorCode.UNKNOWN_SERVER_ERROR, 'UnknownServerException'],
  [ErrorCode.GROUP_AUTHORIZATION_FAILED, 'GroupAuthorizationException'],
  [ErrorCode.TOPIC_AUTHORIZATION_FAILED, 'TopicAuthorizationException'],
  [ErrorCode.UNSUPPORTED_VERSION, 'UnsupportedVersionException'],
  [ErrorCode.INVALID_REGULAR_EXPRESSION, 'InvalidRegularExpression'],
]);

/** The simple name of Kafka's exception for `code`, e.g. `GroupMaxSizeReachedException`. */
export function exceptionName(code: number): string {
  const special = EXCEPTIONS.get(code);
  if (special !== undefined) return special;
  const name = errorName(code);
  if (name.startsWith('UNKNOWN(')) return 'KafkaException';
  const camel = name
    .toLowerCase()
    .split('_')
    .map((w) => (w === '' ? '' : (w[0] as string).toUpperCase() + w.slice(1)))
    .join('');
  return `${camel}Exception`;
}

function messageFor(ctx: MemberContext, code: number, serverMessage: string | null): string {
  switch (code) {
    case ErrorCode.GROUP_AUTHORIZATION_FAILED:
      return `Not authorized to access group: ${ctx.config.groupId}`;
    case ErrorCode.UNSUPPORTED_VERSION:
      return PROTOCOL_NOT_SUPPORTED;
    case ErrorCode.INVALID_REGULAR_EXPRESSION:
      return `Invalid RE2J SubscriptionPattern provided in the call to subscribe. ${serverMessage ?? ''}`.trimEnd();
    default:
      return serverMessage ?? errorInfo(code)?.message ?? errorName(code);
  }
}

/** Kafka's handleFatalFailure: report, then FATAL. */
function fatal(ctx: MemberContext, code: number, message: string): void {
  ctx.error({ kind: 'group-error', fatal: true, errorCode: code, exception: exceptionName(code), message });
  transitionToFatal(ctx);
}

function react(ctx: MemberContext, r: ConsumerGroupHeartbeatResponse): void {
  const code = r.errorCode;
  switch (code) {
    case ErrorCode.NOT_COORDINATOR:
    case ErrorCode.COORDINATOR_NOT_AVAILABLE:
      ctx.event({ kind: 'coordinator-unknown', reason: errorName(code) });
      markCoordinatorUnknown(ctx);
      // The next heartbeat goes out as soon as the coordinator is found again.
      resetRequestState(ctx);
      return;
    case ErrorCode.COORDINATOR_LOAD_IN_PROGRESS:
      return;
    case ErrorCode.TOPIC_AUTHORIZATION_FAILED:
      // Surfaced, not fatal: the member recovers if the ACLs are added.
      ctx.error({ kind: 'group-error', fatal: false, errorCode: code, exception: exceptionName(code), message: messageFor(ctx, code, r.errorMessage) });
      return;
    case ErrorCode.FENCED_MEMBER_EPOCH:
    case ErrorCode.UNKNOWN_MEMBER_ID:
      transitionToFenced(ctx);
      resetRequestState(ctx);
      return;
    case ErrorCode.GROUP_ID_NOT_FOUND:
      // Kafka 4.2: the group is gone after the member left it; that completes the leave.
      if (ctx.s.state === 'UNSUBSCRIBED') return;
      return fatal(ctx, code, messageFor(ctx, code, r.errorMessage));
    default:
      // GROUP_AUTHORIZATION_FAILED, INVALID_REQUEST, GROUP_MAX_SIZE_REACHED, UNSUPPORTED_ASSIGNOR,
      // UNSUPPORTED_VERSION, INVALID_REGULAR_EXPRESSION, FENCED_INSTANCE_ID, UNRELEASED_INSTANCE_ID
      // and anything unknown: Kafka gives up.
      return fatal(ctx, code, messageFor(ctx, code, r.errorMessage));
  }
}

/** Handles an answer with an error code. */
export function onErrorResponse(ctx: MemberContext, r: ConsumerGroupHeartbeatResponse): void {
  resetSentFields(ctx);
  onFailedAttempt(ctx);
  react(ctx, r);
  // Kafka's onHeartbeatFailure: the leave heartbeat is not retried, so its answer ends the leave.
  if (ctx.s.state === 'UNSUBSCRIBED') maybeCompleteLeaveInProgress(ctx);
}

/** Handles a heartbeat that got no answer. */
export function onTransportFailure(ctx: MemberContext, reason: 'disconnected' | 'timeout' | 'unsupported-version'): void {
  resetSentFields(ctx);
  onFailedAttempt(ctx);
  if (reason === 'unsupported-version') {
    fatal(ctx, ErrorCode.UNSUPPORTED_VERSION, PROTOCOL_NOT_SUPPORTED);
  } else {
    ctx.event({ kind: 'coordinator-unknown', reason: reason === 'timeout' ? 'request timed out' : 'disconnected' });
    // Kafka's handleCoordinatorDisconnect forgets the coordinator on a dropped connection only.
    if (reason === 'disconnected') markCoordinatorUnknown(ctx);
  }
  if (ctx.s.state === 'UNSUBSCRIBED') maybeCompleteLeaveInProgress(ctx);
}
