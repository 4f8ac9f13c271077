/**
 * The rebalance engine shared by the handlers and the timers (Kafka's prepareRebalance,
 * maybeCompleteJoinPhase, completeClassicGroupJoin and the assignment propagation).
 */
import { ErrorCode } from '../../protocol/error-codes.js';
import type { StepContext } from './context.js';
import {
  answerJoin,
  currentMembersForLeader,
  electNewJoinedLeader,
  groupRebalanceTimeoutMs,
  hasAllMembersJoined,
  initNextGeneration,
  membersInJoinOrder,
  putMember,
  removeMember,
  updateMember,
} from './group.js';
import { PMap } from '../../internal/pmap.js';
import { groupMetadataRecord } from './records.js';
import { EMPTY_BYTES, joinError } from './responses.js';
import { canRebalance } from './states.js';
import { heartbeatTimerKey, JOIN_TIMER_KEY, SYNC_TIMER_KEY } from './timer-keys.js';
import type { RequestMeta } from './request-meta.js';
import type { ClassicGroupMember, JoinGroupRequest, JoinTimer, MemberRemovalReason } from './types.js';

/** Re-arms the member's session timer (`timeoutMs` defaults to its session timeout). */
export function rescheduleHeartbeat(ctx: StepContext, member: ClassicGroupMember, timeoutMs: number = member.sessionTimeoutMs): void {
  ctx.schedule(heartbeatTimerKey(member.memberId), timeoutMs);
}

/** Removes a member for `reason`, cancelling its session timer. */
export function evictMember(ctx: StepContext, memberId: string, reason: MemberRemovalReason): void {
  removeMember(ctx, memberId);
  ctx.cancel(heartbeatTimerKey(memberId));
  ctx.event({ kind: 'member-removed', memberId, reason });
}

/** Kafka's `maybePrepareRebalanceOrCompleteJoin`. */
export function maybePrepareRebalanceOrCompleteJoin(ctx: StepContext): void {
  if (canRebalance(ctx.group.state)) prepareRebalance(ctx);
  else maybeCompleteJoinPhase(ctx);
}

/** Kafka's `maybeCompleteJoinPhase`: never during the initial rebalance, only once everyone rejoined. */
export function maybeCompleteJoinPhase(ctx: StepContext): void {
  const g = ctx.group;
  if (g.state !== 'PreparingRebalance' || g.previousState === 'Empty') return;
  if (hasAllMembersJoined(g)) completeJoin(ctx);
}

function cancelSyncTimer(ctx: StepContext): void {
  const g = ctx.edit();
  g.pendingSyncMembers = PMap.empty();
  if (g.syncTimerGeneration !== null) {
    g.syncTimerGeneration = null;
    ctx.cancel(SYNC_TIMER_KEY);
  }
}

function armJoinTimer(ctx: StepContext, delayMs: number, timer: JoinTimer): void {
  ctx.edit().joinTimer = timer;
  ctx.schedule(JOIN_TIMER_KEY, delayMs);
}

/**
 * Kafka's `prepareRebalance`: parked syncs are told REBALANCE_IN_PROGRESS, the sync timer goes,
 * and the join phase starts: delayed when the group was Empty (KIP-134), otherwise completed at
 * once if everyone already rejoined, else bounded by the rebalance timeout.
 */
export function prepareRebalance(ctx: StepContext): void {
  if (ctx.group.state === 'CompletingRebalance') resetAndPropagateAssignmentWithError(ctx, ErrorCode.REBALANCE_IN_PROGRESS);
  cancelSyncTimer(ctx);
  const initial = ctx.group.state === 'Empty';
  if (initial) {
    const delayMs = ctx.config.initialRebalanceDelayMs;
    const remainingMs = Math.max(groupRebalanceTimeoutMs(ctx.group) - delayMs, 0);
    armJoinTimer(ctx, delayMs, { kind: 'initial', delayMs, remainingMs });
  }
  ctx.transitionTo('PreparingRebalance');
  if (initial) return;
  if (hasAllMembersJoined(ctx.group)) completeJoin(ctx);
  else armJoinTimer(ctx, groupRebalanceTimeoutMs(ctx.group), { kind: 'rebalance' });
}

/**
 * Kafka's `tryCompleteInitialRebalanceElseSchedule`: while new members keep arriving and time
 * remains, extend the delay (by at most the configured delay; the remaining time shrinks by
 * the previous delay, as in Kafka); otherwise complete the join phase.
 */
export function onInitialDelayExpired(ctx: StepContext, delayMs: number, remainingMs: number): void {
  const g = ctx.edit();
  if (g.newMemberAdded && remainingMs !== 0) {
    g.newMemberAdded = false;
    const newDelayMs = Math.min(ctx.config.initialRebalanceDelayMs, remainingMs);
    const newRemainingMs = Math.max(remainingMs - delayMs, 0);
    armJoinTimer(ctx, newDelayMs, { kind: 'initial', delayMs: newDelayMs, remainingMs: newRemainingMs });
    return;
  }
  completeJoin(ctx);
}

function removeNotRejoinedDynamicMembers(ctx: StepContext): void {
  for (const m of membersInJoinOrder(ctx.group)) {
    if (m.awaitingJoin === null && m.groupInstanceId === null) evictMember(ctx, m.memberId, 'not-rejoined');
  }
}

/**
 * Kafka's `completeClassicGroupJoin`: dynamic members that did not rejoin are removed; if
 * nobody rejoined the phase is extended; otherwise a new generation starts and every parked
 * JoinGroup is answered (the leader gets the member list), or the group becomes Empty.
 */
export function completeJoin(ctx: StepContext): void {
  if (ctx.group.joinTimer !== null) {
    ctx.edit().joinTimer = null;
    ctx.cancel(JOIN_TIMER_KEY);
  }
  removeNotRejoinedDynamicMembers(ctx);
  if (ctx.group.state === 'Dead') return;
  if (!electNewJoinedLeader(ctx) && ctx.group.members.size > 0) {
    armJoinTimer(ctx, groupRebalanceTimeoutMs(ctx.group), { kind: 'rebalance' });
    return;
  }
  initNextGeneration(ctx);
  if (ctx.group.state === 'Empty') {
    ctx.record(groupMetadataRecord(ctx.group, () => EMPTY_BYTES));
    return;
  }
  answerAllJoins(ctx);
  const g = ctx.edit();
  g.syncTimerGeneration = g.generationId;
  ctx.schedule(SYNC_TIMER_KEY, groupRebalanceTimeoutMs(g));
}

function answerAllJoins(ctx: StepContext): void {
  const g = ctx.group;
  const leaderView = currentMembersForLeader(g);
  let pendingSync = PMap.empty<true>();
  for (const m of membersInJoinOrder(g)) {
    const isLeader = m.memberId === g.leaderId;
    const answered = answerJoin(ctx, m, {
      errorCode: ErrorCode.NONE,
      generationId: g.generationId,
      protocolType: g.protocolType,
      protocolName: g.protocolName,
      leader: g.leaderId ?? '',
      skipAssignment: false,
      memberId: m.memberId,
      members: isLeader ? leaderView : [],
    });
    rescheduleHeartbeat(ctx, answered);
    if (answered.isNew) putMember(ctx, { ...answered, isNew: false });
    pendingSync = pendingSync.set(m.memberId, true);
  }
  ctx.edit().pendingSyncMembers = pendingSync;
}

/**
 * Kafka's `propagateAssignment`: answers every parked SyncGroup with the member's assignment
 * (or `errorCode` and no protocol) and re-arms its session, which was not counting while it waited.
 */
export function propagateAssignment(ctx: StepContext, errorCode: ErrorCode): void {
  const g = ctx.group;
  const ok = errorCode === ErrorCode.NONE;
  for (const m of membersInJoinOrder(g)) {
    if (m.awaitingSync === null) continue;
    ctx.respond('SyncGroup', m.awaitingSync, {
      errorCode,
      protocolType: ok ? g.protocolType : null,
      protocolName: ok ? g.protocolName : null,
      assignment: m.assignment,
    });
    const next = { ...m, awaitingSync: null };
    putMember(ctx, next);
    rescheduleHeartbeat(ctx, next);
  }
}

/** Kafka's `resetAndPropagateAssignmentWithError`: wipe every assignment and fail the parked syncs. */
export function resetAndPropagateAssignmentWithError(ctx: StepContext, errorCode: ErrorCode): void {
  for (const m of ctx.group.members.values()) {
    if (m.assignment.length > 0) putMember(ctx, { ...m, assignment: EMPTY_BYTES });
  }
  propagateAssignment(ctx, errorCode);
}

/** Kafka's `setAndPropagateAssignment`: each member gets its bytes (empty when the leader left it out). */
export function setAndPropagateAssignment(ctx: StepContext, assignment: ReadonlyMap<string, Uint8Array>): void {
  for (const m of [...ctx.group.members.values()]) {
    putMember(ctx, { ...m, assignment: assignment.get(m.memberId) ?? EMPTY_BYTES });
  }
  propagateAssignment(ctx, ErrorCode.NONE);
}

/**
 * Kafka's `removeMemberAndUpdateClassicGroup` (session expiry): a parked JoinGroup is answered
 * UNKNOWN_MEMBER_ID, the member goes, and the group rebalances or completes its join phase.
 */
export function removeMemberAndUpdateGroup(ctx: StepContext, member: ClassicGroupMember, reason: MemberRemovalReason): void {
  answerJoin(ctx, member, joinError(ErrorCode.UNKNOWN_MEMBER_ID, ''));
  removeMember(ctx, member.memberId);
  ctx.event({ kind: 'member-removed', memberId: member.memberId, reason });
  const g = ctx.group;
  if (g.state === 'Stable' || g.state === 'CompletingRebalance') maybePrepareRebalanceOrCompleteJoin(ctx);
  else if (g.state === 'PreparingRebalance' && hasAllMembersJoined(g)) completeJoin(ctx);
}

/** Kafka's `updateMemberThenRebalanceOrCompleteJoin`: store the new metadata, park the join, rebalance. */
export function updateMemberThenRebalance(ctx: StepContext, member: ClassicGroupMember, req: JoinGroupRequest, meta: RequestMeta): void {
  const parked = { requestId: meta.requestId, apiVersion: meta.apiVersion };
  updateMember(ctx, member, req.protocols, req.rebalanceTimeoutMs ?? req.sessionTimeoutMs, req.sessionTimeoutMs, parked);
  maybePrepareRebalanceOrCompleteJoin(ctx);
}
