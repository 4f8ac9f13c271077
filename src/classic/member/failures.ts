/**
 * What the member does when a round or a request fails: the join loop's retry (Kafka's
 * joinGroupIfNeeded), errors raised to the application, and a coordinator marked unknown.
 */
import { ErrorCode } from '../../protocol/error-codes.js';
import type { MemberContext } from './context.js';
import { exceptionName } from './generation.js';

/** How the join loop goes on after a failed round (Kafka's joinGroupIfNeeded). */
export type JoinRetry = 'immediately' | 'after-backoff' | 'after-poll';

/**
 * A join round failed: request a rejoin (with Kafka's "rebalance failed due to ..." reason,
 * except after MEMBER_ID_REQUIRED, which set its own) and schedule the next attempt.
 */
export function joinFailed(ctx: MemberContext, exception: string, retry: JoinRetry): void {
  if (exception !== 'MemberIdRequiredException') ctx.requestRejoin(`rebalance failed due to ${exception}`);
  if (retry === 'after-backoff') ctx.s.retryAtMs = ctx.nowMs + ctx.config.retryBackoffMs;
  if (retry === 'after-poll') ctx.s.awaitingPoll = true;
}

/**
 * An error Kafka raises to the application. FENCED_INSTANCE_ID is fatal: another instance with
 * the same group.instance.id took over, and the member stops. Any other is reported and the
 * join loop waits for the next poll, as Kafka's throws from poll and tries again at the next.
 */
export function raiseError(ctx: MemberContext, api: 'JoinGroup' | 'SyncGroup' | 'Heartbeat' | 'OffsetCommit', errorCode: number, message: string): void {
  const fatal = errorCode === ErrorCode.FENCED_INSTANCE_ID;
  ctx.error({ kind: 'group-error', fatal, api, errorCode, exception: exceptionName(errorCode), message });
  if (!fatal) ctx.s.awaitingPoll = true;
}

/** Marks the coordinator unknown (the driver rediscovers it). */
export function coordinatorUnknown(ctx: MemberContext, reason: string): void {
  ctx.event({ kind: 'coordinator-unknown', reason });
}

