/**
 * LeaveGroup (Kafka's `classicGroupLeave`): v0-v2 name one member, v3+ a batch with a result
 * per member; a static member may be removed by instance id alone (memberId "").
 */
import { ErrorCode } from '../../protocol/error-codes.js';
import type { StepContext } from './context.js';
import { answerJoin, validateMember } from './group.js';
import { evictMember, maybeCompleteJoinPhase, maybePrepareRebalanceOrCompleteJoin } from './rebalance.js';
import type { RequestMeta } from './request-meta.js';
import { joinError } from './responses.js';
import { heartbeatTimerKey } from './timer-keys.js';
import type { LeaveGroupMemberIdentity, LeaveGroupRequest, LeaveGroupResponse, LeaveGroupResponseMember } from './types.js';

/** LeaveGroup v3+ (KIP-345) answers per member. */
const BATCH_VERSION = 3;

/** Handles a LeaveGroup request (already normalized to a member list). */
export function handleLeaveGroup(ctx: StepContext, req: LeaveGroupRequest, meta: RequestMeta): void {
  const identities = req.members ?? [];
  const g = ctx.groupOrNull;
  if (g !== null && g.state === 'Dead') {
    return ctx.respond('LeaveGroup', meta, { errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE, members: [] });
  }
  const results = identities.map((identity) => ({
    memberId: identity.memberId,
    groupInstanceId: identity.groupInstanceId ?? null,
    errorCode: g === null ? ErrorCode.UNKNOWN_MEMBER_ID : leaveOne(ctx, identity),
  }));
  if (results.some((r) => r.errorCode === ErrorCode.NONE)) afterLeave(ctx);
  ctx.respond('LeaveGroup', meta, leaveResponse(results, meta.apiVersion));
}

function leaveResponse(results: LeaveGroupResponseMember[], apiVersion: number): LeaveGroupResponse {
  if (apiVersion >= BATCH_VERSION) return { errorCode: ErrorCode.NONE, members: results };
  // v0-v2 carry one top-level error: the first member error.
  const failed = results.find((r) => r.errorCode !== ErrorCode.NONE);
  return { errorCode: failed?.errorCode ?? ErrorCode.NONE, members: [] };
}

function leaveOne(ctx: StepContext, identity: LeaveGroupMemberIdentity): ErrorCode {
  const g = ctx.group;
  if (identity.memberId === '') {
    const instanceId = identity.groupInstanceId ?? null;
    const memberId = instanceId === null ? undefined : g.staticMembers.get(instanceId);
    if (memberId === undefined) return ErrorCode.UNKNOWN_MEMBER_ID;
    removeCurrentMember(ctx, memberId);
    return ErrorCode.NONE;
  }
  if (g.pendingJoinMembers.has(identity.memberId)) {
    const edit = ctx.edit();
    edit.pendingJoinMembers = edit.pendingJoinMembers.delete(identity.memberId);
    ctx.cancel(heartbeatTimerKey(identity.memberId));
    return ErrorCode.NONE;
  }
  const error = validateMember(g, identity.memberId, identity.groupInstanceId);
  if (error !== ErrorCode.NONE) return error;
  removeCurrentMember(ctx, identity.memberId);
  return ErrorCode.NONE;
}

/** Kafka's `removeCurrentMemberFromClassicGroup`: a parked JoinGroup is answered UNKNOWN_MEMBER_ID first. */
function removeCurrentMember(ctx: StepContext, memberId: string): void {
  const member = ctx.group.members.get(memberId);
  if (member !== undefined) answerJoin(ctx, member, joinError(ErrorCode.UNKNOWN_MEMBER_ID, ''));
  evictMember(ctx, memberId, 'left');
}

function afterLeave(ctx: StepContext): void {
  switch (ctx.group.state) {
    case 'Stable':
    case 'CompletingRebalance':
      return maybePrepareRebalanceOrCompleteJoin(ctx);
    case 'PreparingRebalance':
      return maybeCompleteJoinPhase(ctx);
    case 'Empty':
    case 'Dead':
      return;
  }
}
