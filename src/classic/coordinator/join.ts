/**
 * JoinGroup (Kafka's `classicGroupJoin` and the methods it calls). A join either answers at
 * once, or parks until the join phase completes; see docs/classic-coordinator.md.
 */
import { ErrorCode } from '../../protocol/error-codes.js';
import type { StepContext } from './context.js';
import {
  addMember,
  currentMembersForLeader,
  newClassicGroup,
  protocolsMatch,
  removeMember,
  supportsProtocols,
  validateMember,
} from './group.js';
import { maybePrepareRebalanceOrCompleteJoin, rescheduleHeartbeat, updateMemberThenRebalance } from './rebalance.js';
import { emptyGroupMetadataRecord } from './records.js';
import type { RequestMeta } from './request-meta.js';
import { joinError } from './responses.js';
import { replaceStaticMemberOnJoin } from './static-join.js';
import { heartbeatTimerKey } from './timer-keys.js';
import type { ClassicGroup, ClassicGroupMember, JoinGroupRequest, JoinGroupResponse } from './types.js';

/** JoinGroup v4+ (KIP-394) answers a dynamic member without an id with MEMBER_ID_REQUIRED. */
const MEMBER_ID_REQUIRED_VERSION = 4;

/** Handles a JoinGroup request. */
export function handleJoinGroup(ctx: StepContext, req: JoinGroupRequest, meta: RequestMeta): void {
  const { minSessionTimeoutMs, maxSessionTimeoutMs } = ctx.config;
  if (req.sessionTimeoutMs < minSessionTimeoutMs || req.sessionTimeoutMs > maxSessionTimeoutMs) {
    ctx.respond('JoinGroup', meta, joinError(ErrorCode.INVALID_SESSION_TIMEOUT, req.memberId));
    return;
  }
  const isUnknownMember = req.memberId === '';
  let isNewGroup = false;
  if (ctx.groupOrNull === null) {
    if (!isUnknownMember) {
      ctx.respond('JoinGroup', meta, joinError(ErrorCode.UNKNOWN_MEMBER_ID, req.memberId));
      return;
    }
    ctx.setGroup(newClassicGroup(ctx.config.groupId, ctx.nowMs));
    isNewGroup = true;
  }
  const recordsBefore = ctx.recordCount;
  if (!acceptJoiningMember(ctx.group, req.memberId, ctx.config.maxSize)) {
    rejectOverSize(ctx, req.memberId, meta);
  } else if (isUnknownMember) {
    joinNewMember(ctx, req, meta);
  } else {
    joinExistingMember(ctx, req, meta);
  }
  // A group created by this request is committed to the log even if nothing else was written.
  if (isNewGroup && ctx.recordCount === recordsBefore) {
    ctx.record(emptyGroupMetadataRecord(ctx.group));
    if (ctx.appendFailure !== null) failNewGroup(ctx, meta, ctx.appendFailure);
  }
}

/**
 * The new group's record could not be appended: the group never existed (Kafka's snapshot
 * revert drops it). A request already answered (MEMBER_ID_REQUIRED) keeps its answer; a parked
 * one (a static member's first join, or a join below v4) gets the mapped error.
 */
function failNewGroup(ctx: StepContext, meta: RequestMeta, errorCode: ErrorCode): void {
  const answered = (o: { type: string; requestId?: unknown }) => o.type === 'response' && o.requestId === meta.requestId;
  const wasAnswered = ctx.outputs.some(answered);
  ctx.revertStep(answered);
  if (!wasAnswered) ctx.respond('JoinGroup', meta, joinError(errorCode, ''));
}

/**
 * Kafka's `acceptJoiningMember` (KIP-389). While preparing a rebalance the number of parked
 * joins is what counts, so when a group is over size the last members to rejoin are turned away.
 */
function acceptJoiningMember(g: ClassicGroup, memberId: string, maxSize: number): boolean {
  switch (g.state) {
    case 'Empty':
    case 'Dead':
      return true;
    case 'PreparingRebalance':
      return g.members.get(memberId)?.awaitingJoin != null || g.awaitingJoinCount < maxSize;
    case 'CompletingRebalance':
    case 'Stable':
      return g.members.has(memberId) || g.members.size < maxSize;
  }
}

function rejectOverSize(ctx: StepContext, memberId: string, meta: RequestMeta): void {
  const g = ctx.group;
  if (g.members.has(memberId) || g.pendingJoinMembers.has(memberId)) {
    const wasMember = g.members.has(memberId);
    removeMember(ctx, memberId);
    // Kafka leaves the timer to fire on a missing member; cancelling it is equivalent and tidier.
    ctx.cancel(heartbeatTimerKey(memberId));
    if (wasMember) ctx.event({ kind: 'member-removed', memberId, reason: 'max-size' });
  }
  ctx.respond('JoinGroup', meta, joinError(ErrorCode.GROUP_MAX_SIZE_REACHED, ''));
}

function protocolNames(req: JoinGroupRequest): string[] {
  return req.protocols.map((p) => p.name);
}

function generateMemberId(ctx: StepContext, prefix: string): string {
  const g = ctx.group;
  for (;;) {
    // A generated id never collides with a live or pending one (the sequence restarts after a failover).
    const id = ctx.config.memberIdSource(prefix, ctx.nextSequence());
    if (id !== '' && !g.members.has(id) && !g.pendingJoinMembers.has(id)) return id;
  }
}

function joinNewMember(ctx: StepContext, req: JoinGroupRequest, meta: RequestMeta): void {
  if (ctx.group.state === 'Dead') {
    ctx.respond('JoinGroup', meta, joinError(ErrorCode.COORDINATOR_NOT_AVAILABLE, ''));
    return;
  }
  if (!supportsProtocols(ctx.group, req.protocolType, protocolNames(req))) {
    ctx.respond('JoinGroup', meta, joinError(ErrorCode.INCONSISTENT_GROUP_PROTOCOL, ''));
    return;
  }
  const instanceId = req.groupInstanceId ?? null;
  const newMemberId = generateMemberId(ctx, instanceId ?? meta.clientId);
  if (instanceId !== null) {
    const existing = ctx.group.staticMembers.get(instanceId);
    if (existing !== undefined) replaceStaticMemberOnJoin(ctx, req, meta, existing, newMemberId);
    else addMemberThenRebalance(ctx, req, meta, newMemberId);
  } else if (meta.apiVersion >= MEMBER_ID_REQUIRED_VERSION) {
    const g = ctx.edit();
    g.pendingJoinMembers = g.pendingJoinMembers.set(newMemberId, true);
    ctx.schedule(heartbeatTimerKey(newMemberId), req.sessionTimeoutMs);
    ctx.respond('JoinGroup', meta, joinError(ErrorCode.MEMBER_ID_REQUIRED, newMemberId));
  } else {
    addMemberThenRebalance(ctx, req, meta, newMemberId);
  }
}

/** Kafka's `addMemberThenRebalanceOrCompleteJoin`. */
function addMemberThenRebalance(ctx: StepContext, req: JoinGroupRequest, meta: RequestMeta, memberId: string): void {
  const g = ctx.edit();
  const member: ClassicGroupMember = {
    memberId,
    groupInstanceId: req.groupInstanceId ?? null,
    clientId: meta.clientId,
    clientHost: meta.clientHost,
    rebalanceTimeoutMs: req.rebalanceTimeoutMs ?? req.sessionTimeoutMs,
    sessionTimeoutMs: req.sessionTimeoutMs,
    protocolType: req.protocolType,
    protocols: req.protocols,
    assignment: new Uint8Array(0),
    awaitingJoin: { requestId: meta.requestId, apiVersion: meta.apiVersion },
    awaitingSync: null,
    isNew: true,
    joinSeq: g.nextJoinSeq,
  };
  // A member joining during the initial rebalance extends its delay (KIP-134).
  if (g.state === 'PreparingRebalance' && g.previousState === 'Empty') g.newMemberAdded = true;
  addMember(ctx, member);
  // A parked new member cannot heartbeat; the new-member join timeout bounds how long it may wait.
  rescheduleHeartbeat(ctx, member, ctx.config.newMemberJoinTimeoutMs);
  maybePrepareRebalanceOrCompleteJoin(ctx);
}

function currentGenerationResponse(g: ClassicGroup, memberId: string, members: JoinGroupResponse['members']): JoinGroupResponse {
  return {
    errorCode: ErrorCode.NONE,
    generationId: g.generationId,
    protocolType: g.protocolType,
    protocolName: g.protocolName,
    leader: g.leaderId ?? '',
    skipAssignment: false,
    memberId,
    members,
  };
}

function joinExistingMember(ctx: StepContext, req: JoinGroupRequest, meta: RequestMeta): void {
  const g = ctx.group;
  const memberId = req.memberId;
  if (g.state === 'Dead') return ctx.respond('JoinGroup', meta, joinError(ErrorCode.COORDINATOR_NOT_AVAILABLE, memberId));
  if (!supportsProtocols(g, req.protocolType, protocolNames(req))) {
    return ctx.respond('JoinGroup', meta, joinError(ErrorCode.INCONSISTENT_GROUP_PROTOCOL, memberId));
  }
  if (g.pendingJoinMembers.has(memberId)) {
    // Kafka throws here (a pending id is never static); the client sees UNKNOWN_SERVER_ERROR.
    if (req.groupInstanceId != null) return ctx.respond('JoinGroup', meta, joinError(ErrorCode.UNKNOWN_SERVER_ERROR, memberId));
    return addMemberThenRebalance(ctx, req, meta, memberId);
  }
  const error = validateMember(g, memberId, req.groupInstanceId);
  if (error !== ErrorCode.NONE) return ctx.respond('JoinGroup', meta, joinError(error, memberId));
  const member = g.members.get(memberId) as ClassicGroupMember;
  switch (g.state) {
    case 'PreparingRebalance':
      return updateMemberThenRebalance(ctx, member, req, meta);
    case 'CompletingRebalance':
      if (!protocolsMatch(member, req.protocols)) return updateMemberThenRebalance(ctx, member, req, meta);
      // Same metadata (the member missed the first response): answer for the current generation.
      return ctx.respond('JoinGroup', meta, currentGenerationResponse(g, memberId, g.leaderId === memberId ? currentMembersForLeader(g) : []));
    case 'Stable':
      // The leader's rejoin always rebalances: it lets the leader react to metadata only it sees.
      if (g.leaderId === memberId || !protocolsMatch(member, req.protocols)) return updateMemberThenRebalance(ctx, member, req, meta);
      return ctx.respond('JoinGroup', meta, currentGenerationResponse(g, memberId, []));
    case 'Empty':
      return ctx.respond('JoinGroup', meta, joinError(ErrorCode.UNKNOWN_MEMBER_ID, memberId));
  }
}
