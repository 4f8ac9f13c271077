/**
 * SyncGroup (Kafka's `classicGroupSync`): followers wait; the leader's assignment is recorded
 * and delivered to every waiting member, with empty bytes for members it left out.
 */
import { ErrorCode } from '../../protocol/error-codes.js';
import type { StepContext } from './context.js';
import { setAwaitingSync, validateMember } from './group.js';
import { maybePrepareRebalanceOrCompleteJoin, resetAndPropagateAssignmentWithError, setAndPropagateAssignment } from './rebalance.js';
import { groupMetadataRecord } from './records.js';
import type { RequestMeta } from './request-meta.js';
import { EMPTY_BYTES, syncError } from './responses.js';
import { SYNC_TIMER_KEY } from './timer-keys.js';
import type { ClassicGroup, ClassicGroupMember, SyncGroupRequest } from './types.js';

function isProtocolInconsistent(requested: string | null | undefined, current: string | null): boolean {
  return requested != null && current !== null && requested !== current;
}

/** Kafka's `validateSyncGroup`, with the group-level checks before it; NONE when the request may proceed. */
function validateSync(g: ClassicGroup | null, req: SyncGroupRequest): ErrorCode {
  if (g === null || g.state === 'Empty') return ErrorCode.UNKNOWN_MEMBER_ID;
  if (g.state === 'Dead') return ErrorCode.COORDINATOR_NOT_AVAILABLE;
  const error = validateMember(g, req.memberId, req.groupInstanceId);
  if (error !== ErrorCode.NONE) return error;
  if (req.generationId !== g.generationId) return ErrorCode.ILLEGAL_GENERATION;
  if (isProtocolInconsistent(req.protocolType, g.protocolType) || isProtocolInconsistent(req.protocolName, g.protocolName)) {
    return ErrorCode.INCONSISTENT_GROUP_PROTOCOL;
  }
  return ErrorCode.NONE;
}

/** Kafka's `removePendingSyncMember`: once every member synced, the pending-sync timer goes. */
function removePendingSyncMember(ctx: StepContext, memberId: string): void {
  const g = ctx.edit();
  g.pendingSyncMembers = g.pendingSyncMembers.delete(memberId);
  if (g.pendingSyncMembers.size === 0 && g.syncTimerGeneration !== null) {
    g.syncTimerGeneration = null;
    ctx.cancel(SYNC_TIMER_KEY);
  }
}

/** Handles a SyncGroup request. */
export function handleSyncGroup(ctx: StepContext, req: SyncGroupRequest, meta: RequestMeta): void {
  const error = validateSync(ctx.groupOrNull, req);
  if (error !== ErrorCode.NONE) return ctx.respond('SyncGroup', meta, syncError(error));
  const g = ctx.group;
  if (g.state === 'PreparingRebalance') return ctx.respond('SyncGroup', meta, syncError(ErrorCode.REBALANCE_IN_PROGRESS));
  const member = g.members.get(req.memberId) as ClassicGroupMember;
  if (g.state === 'Stable') {
    if (g.pendingSyncMembers.has(req.memberId)) removePendingSyncMember(ctx, req.memberId);
    return ctx.respond('SyncGroup', meta, {
      errorCode: ErrorCode.NONE,
      protocolType: g.protocolType,
      protocolName: g.protocolName,
      assignment: member.assignment,
    });
  }
  // CompletingRebalance: park until the leader's assignment is recorded.
  setAwaitingSync(ctx, member, { requestId: meta.requestId, apiVersion: meta.apiVersion });
  removePendingSyncMember(ctx, req.memberId);
  if (g.leaderId === req.memberId) completeSync(ctx, req);
}

/**
 * The leader's assignment: every member gets its bytes (empty when left out; entries for
 * unknown ids are ignored), the record is written, the parked syncs are answered, and the group
 * is Stable. Kafka does the last three once the record is appended; the driver appends the
 * record before it sends the responses that follow it.
 */
function completeSync(ctx: StepContext, req: SyncGroupRequest): void {
  const assignment = new Map<string, Uint8Array>();
  for (const a of req.assignments) assignment.set(a.memberId, a.assignment);
  const g = ctx.group;
  ctx.record(groupMetadataRecord(g, (id) => assignment.get(id) ?? EMPTY_BYTES));
  if (ctx.appendFailure !== null) {
    // The assignment was not persisted: every parked sync (the leader's too) gets the mapped
    // error, the assignments are wiped, and the group rebalances.
    resetAndPropagateAssignmentWithError(ctx, ctx.appendFailure);
    return maybePrepareRebalanceOrCompleteJoin(ctx);
  }
  setAndPropagateAssignment(ctx, assignment);
  ctx.transitionTo('Stable');
}
