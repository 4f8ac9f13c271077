/**
 * When heartbeats go out (Kafka's AbstractHeartbeatRequestManager.poll and
 * HeartbeatRequestState): at once in JOINING, ACKNOWLEDGING and LEAVING, otherwise when the
 * interval the coordinator gave has passed and any backoff has elapsed; at most one regular
 * heartbeat in flight (the leave heartbeat goes out regardless). Also the poll timer: without
 * a poll for max.poll.interval.ms the member leaves and goes STALE.
 */
import { backoffMs } from './backoff.js';
import type { MemberContext } from './context.js';
import { leaveWithoutHeartbeat, skipsLeaveHeartbeat } from './leave.js';
import { onHeartbeatRequestGenerated, transitionToSendingLeaveGroup } from './lifecycle.js';
import { EMPTY_SENT_FIELDS, buildHeartbeatRequest } from './request.js';
import { isNotInGroup } from './states.js';
import type { ConsumerMemberState } from './types.js';

/** The API version the member speaks (v1: member ids chosen by the consumer, regular expressions). */
export const CONSUMER_GROUP_HEARTBEAT_VERSION = 1;

/** Kafka's requestInFlight: a heartbeat whose answer matters is on the wire. */
export function requestInFlight(ctx: MemberContext): boolean {
  return ctx.s.heartbeat.inFlight.some((f) => !f.ignoreResponse);
}

/** Kafka's HeartbeatRequestState.canSendRequest: interval elapsed, nothing in flight, backoff over. */
function canSendRequest(ctx: MemberContext): boolean {
  const h = ctx.s.heartbeat;
  if (ctx.nowMs < h.timerDeadlineMs || requestInFlight(ctx)) return false;
  return h.lastSentMs === -1 || h.lastReceivedMs === -1 || ctx.nowMs - h.lastReceivedMs >= h.backoffMs;
}

/** Kafka's HeartbeatRequestState.reset: the next heartbeat may go out at once. */
export function resetRequestState(ctx: MemberContext): void {
  ctx.s.heartbeat = { ...ctx.s.heartbeat, lastSentMs: -1, lastReceivedMs: -1, attempts: 0, backoffMs: ctx.config.retryBackoffMs };
}

/** Kafka's onFailedAttempt: back off, and let the interval timer expire at once. */
export function onFailedAttempt(ctx: MemberContext): void {
  const h = ctx.s.heartbeat;
  const backoff = backoffMs(ctx, h.attempts);
  ctx.s.heartbeat = { ...ctx.s.heartbeat, lastReceivedMs: ctx.nowMs, backoffMs: backoff, attempts: h.attempts + 1, timerDeadlineMs: ctx.nowMs };
}

/** Kafka's onSuccessfulAttempt with the interval from the answer (the timer restarts only if it changed). */
export function onSuccessfulAttempt(ctx: MemberContext, intervalMs: number): void {
  const backoff = backoffMs(ctx, 0);
  const h = ctx.s.heartbeat;
  const changed = intervalMs !== h.intervalMs;
  ctx.s.heartbeat = {
    ...h,
    lastReceivedMs: ctx.nowMs,
    backoffMs: backoff,
    attempts: 0,
    intervalMs,
    timerDeadlineMs: changed ? ctx.nowMs + intervalMs : h.timerDeadlineMs,
  };
}

/** Kafka's resetHeartbeatState: the next request is a full one. */
export function resetSentFields(ctx: MemberContext): void {
  ctx.s.sentFields = EMPTY_SENT_FIELDS;
}

/** Builds and emits a heartbeat, then lets the states that end with it move on. */
function sendHeartbeat(ctx: MemberContext, ignoreResponse: boolean): void {
  const s = ctx.s;
  const request = buildHeartbeatRequest(ctx);
  const requestId = s.nextRequestId;
  s.nextRequestId = requestId + 1;
  ctx.outputs.push({ type: 'send', api: 'ConsumerGroupHeartbeat', apiVersion: CONSUMER_GROUP_HEARTBEAT_VERSION, requestId, request });
  const h = s.heartbeat;
  s.heartbeat = {
    ...h,
    lastSentMs: ctx.nowMs,
    timerDeadlineMs: ctx.nowMs + h.intervalMs,
    inFlight: [...h.inFlight, { requestId, deadlineMs: ctx.nowMs + ctx.config.requestTimeoutMs, ignoreResponse }],
  };
  onHeartbeatRequestGenerated(ctx);
}

/** The poll timer expired: send the leave heartbeat (answer ignored), go STALE, start afresh. */
function leaveOnPollTimeout(ctx: MemberContext): void {
  transitionToSendingLeaveGroup(ctx, true);
  // Answers to heartbeats of the old membership no longer matter.
  ctx.s.heartbeat = { ...ctx.s.heartbeat, inFlight: ctx.s.heartbeat.inFlight.map((f) => ({ ...f, ignoreResponse: true })) };
  sendHeartbeat(ctx, true);
  resetRequestState(ctx);
  resetSentFields(ctx);
}

/**
 * The end of the backoff after failed attempts (-Infinity when the last attempt succeeded).
 * Kafka lets JOINING and ACKNOWLEDGING heartbeats skip the backoff because rediscovering the
 * coordinator spaces them; the member does not model discovery, so it applies the backoff.
 */
function failureBackoffEndMs(s: ConsumerMemberState): number {
  const h = s.heartbeat;
  return h.attempts > 0 && h.lastReceivedMs !== -1 ? h.lastReceivedMs + h.backoffMs : -Infinity;
}

/**
 * The driver found (`known`) or lost the coordinator. Finding it again sends nothing by itself:
 * the heartbeat goes out in this same step if it is due, which it is at once after
 * NOT_COORDINATOR / COORDINATOR_NOT_AVAILABLE (they reset the backoff) and after a dropped
 * connection once the retry backoff has passed (Kafka's HB-13).
 */
export function setCoordinatorKnown(ctx: MemberContext, known: boolean): void {
  ctx.s.coordinator = known ? 'known' : 'unknown';
}

/** Kafka's markCoordinatorUnknown, when the member tracks the coordinator. */
export function markCoordinatorUnknown(ctx: MemberContext): void {
  if (ctx.s.coordinator !== 'assumed') ctx.s.coordinator = 'unknown';
}

/** Sends whatever heartbeat is due now (Kafka's heartbeat manager poll). */
export function pollHeartbeat(ctx: MemberContext): void {
  const s = ctx.s;
  if (isNotInGroup(s.state)) return;
  if (s.coordinator === 'unknown') {
    // Kafka's poll with no coordinator: nothing is sent and the poll timer is not checked;
    // a leave that cannot be sent ends the membership (onHeartbeatRequestSkipped).
    if (s.state === 'LEAVING') leaveWithoutHeartbeat(ctx);
    return;
  }
  if (ctx.nowMs >= s.pollDeadlineMs && s.state !== 'PREPARE_LEAVING' && s.state !== 'LEAVING') {
    leaveOnPollTimeout(ctx);
    return;
  }
  if (s.state === 'LEAVING' && skipsLeaveHeartbeat(ctx)) {
    leaveWithoutHeartbeat(ctx);
    return;
  }
  const urgent = (s.state === 'JOINING' || s.state === 'ACKNOWLEDGING') && !requestInFlight(ctx) && ctx.nowMs >= failureBackoffEndMs(s);
  if (s.state === 'LEAVING' || urgent || canSendRequest(ctx)) sendHeartbeat(ctx, false);
}

/** When the next heartbeat is due, or null when none will go out without another input. */
export function heartbeatDeadline(s: ConsumerMemberState): number | null {
  if (isNotInGroup(s.state) || s.coordinator === 'unknown') return null;
  const h = s.heartbeat;
  const inFlight = h.inFlight.some((f) => !f.ignoreResponse);
  if (s.state === 'LEAVING') return s.lastNowMs;
  if (inFlight) return null;
  if (s.state === 'JOINING' || s.state === 'ACKNOWLEDGING') return Math.max(s.lastNowMs, failureBackoffEndMs(s));
  const backoffOver = h.lastSentMs === -1 || h.lastReceivedMs === -1 ? -Infinity : h.lastReceivedMs + h.backoffMs;
  return Math.max(h.timerDeadlineMs, backoffOver);
}
