/**
 * A JoinGroup with memberId "" from a known group.instance.id (KIP-345): the returning static
 * member replaces its old incarnation. In a Stable group whose selected protocol would not
 * change, it gets its old assignment back without a rebalance (KIP-814 tells a v9+ leader to
 * skip the assignment; an older leader is told the old leader id so it acts as a follower).
 */
import { ErrorCode } from '../../protocol/error-codes.js';
import type { StepContext } from './context.js';
import { answerJoin, currentMembersForLeader, replaceStaticMember, selectProtocol, updateMember } from './group.js';
import { maybeCompleteJoinPhase, maybePrepareRebalanceOrCompleteJoin, prepareRebalance, rescheduleHeartbeat } from './rebalance.js';
import { groupMetadataRecord } from './records.js';
import type { RequestMeta } from './request-meta.js';
import { InvariantError } from '../../errors.js';
import type { ClassicGroupMember, JoinGroupRequest } from './types.js';

/** JoinGroup v9+ carries SkipAssignment (KIP-814). */
const SKIP_ASSIGNMENT_VERSION = 9;

/** Kafka's `updateStaticMemberThenRebalanceOrCompleteJoin`. */
export function replaceStaticMemberOnJoin(ctx: StepContext, req: JoinGroupRequest, meta: RequestMeta, oldMemberId: string, newMemberId: string): void {
  const instanceId = req.groupInstanceId as string;
  const previousLeader = ctx.group.leaderId;
  const replaced = replaceStaticMember(ctx, instanceId, oldMemberId, newMemberId);
  // The old id's timer will fire on a missing member and do nothing; the new id gets its own.
  rescheduleHeartbeat(ctx, replaced);
  const parked = { requestId: meta.requestId, apiVersion: meta.apiVersion };
  const member = updateMember(ctx, replaced, req.protocols, req.rebalanceTimeoutMs ?? req.sessionTimeoutMs, req.sessionTimeoutMs, parked);
  switch (ctx.group.state) {
    case 'Stable':
      if ((ctx.group.protocolName ?? '') === selectProtocol(ctx.group)) return rejoinWithoutRebalance(ctx, member, previousLeader);
      return maybePrepareRebalanceOrCompleteJoin(ctx);
    case 'CompletingRebalance':
      // The leader may already hold the old id in its member list: only a new generation is safe.
      return prepareRebalance(ctx);
    case 'PreparingRebalance':
      return maybeCompleteJoinPhase(ctx);
    case 'Empty':
    case 'Dead':
      throw new InvariantError(`a static member cannot be replaced in a ${ctx.group.state} group`);
  }
}

/**
 * Persists the new member id (GroupMetadata record), then answers with the current generation.
 * Kafka answers once the record is appended; here the record precedes the response in the same
 * step's outputs, and the driver appends before it sends.
 */
function rejoinWithoutRebalance(ctx: StepContext, member: ClassicGroupMember, previousLeader: string | null): void {
  const g = ctx.group;
  ctx.record(groupMetadataRecord(g, (id) => g.members.get(id)?.assignment));
  if (ctx.appendFailure !== null) return failReplacement(ctx, member, previousLeader, ctx.appendFailure);
  const parked = member.awaitingJoin;
  const common = {
    errorCode: ErrorCode.NONE,
    generationId: g.generationId,
    protocolType: g.protocolType,
    protocolName: g.protocolName,
    memberId: member.memberId,
  };
  if (parked !== null && parked.apiVersion >= SKIP_ASSIGNMENT_VERSION) {
    const isLeader = g.leaderId === member.memberId;
    answerJoin(ctx, member, { ...common, leader: g.leaderId ?? '', skipAssignment: isLeader, members: isLeader ? currentMembersForLeader(g) : [] });
  } else {
    answerJoin(ctx, member, { ...common, leader: previousLeader ?? '', skipAssignment: false, members: [] });
  }
}

/**
 * The new member id could not be persisted: Kafka swaps the old member back (its id, timeouts
 * and protocols), re-arms its session, and answers the join with the mapped error, memberId "",
 * the current generation and the leader as it was. Requests the replacement already answered
 * (the old member's fenced ones) keep their answers.
 */
function failReplacement(ctx: StepContext, member: ClassicGroupMember, previousLeader: string | null, errorCode: ErrorCode): void {
  const parked = member.awaitingJoin;
  if (parked === null) throw new InvariantError('a replacing static member has no parked join');
  ctx.revertStep((o) => o.type === 'response' && o.requestId !== parked.requestId);
  const g = ctx.group;
  const instanceId = member.groupInstanceId as string;
  const old = g.members.get(g.staticMembers.get(instanceId) as string) as ClassicGroupMember;
  rescheduleHeartbeat(ctx, old);
  ctx.respond('JoinGroup', parked, {
    errorCode,
    generationId: g.generationId,
    protocolType: g.protocolType,
    protocolName: g.protocolName,
    memberId: '',
    leader: previousLeader ?? '',
    skipAssignment: false,
    members: [],
  });
}
