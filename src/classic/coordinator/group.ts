/**
 * The group model's primitives (Kafka's ClassicGroup and ClassicGroupMember methods): reads of
 * the member table, and edits of it through the step's draft. They keep the derived counters
 * (awaiting joins, protocol votes, static ids) in step with the members.
 */
import { InvariantError } from '../../errors.js';
import { ErrorCode } from '../../protocol/error-codes.js';
import { compareStrings } from '../../protocol/topic-partitions.js';
import type { StepContext } from './context.js';
import { PMap } from '../../internal/pmap.js';
import { joinError, syncError } from './responses.js';
import type {
  ClassicGroup,
  ClassicGroupMember,
  JoinGroupRequestProtocol,
  JoinGroupResponse,
  JoinGroupResponseMember,
  ParkedRequest,
} from './types.js';

// ----- reads --------------------------------------------------------------------------------

/** The members in join order (the order of the leader's member list and of the records). */
export function membersInJoinOrder(g: ClassicGroup): ClassicGroupMember[] {
  const list = [...g.members.values()];
  list.sort((a, b) => a.joinSeq - b.joinSeq);
  return list;
}

/** Kafka's `hasAllMembersJoined`: every member has a parked JoinGroup and no id is pending. */
export function hasAllMembersJoined(g: ClassicGroup): boolean {
  return g.members.size === g.awaitingJoinCount && g.pendingJoinMembers.size === 0;
}

/** The group's rebalance timeout: the largest of its members' (0 without members). */
export function groupRebalanceTimeoutMs(g: ClassicGroup): number {
  let max = 0;
  g.members.forEach((m) => {
    if (m.rebalanceTimeoutMs > max) max = m.rebalanceTimeoutMs;
  });
  return max;
}

/**
 * Kafka's `supportsProtocols`: an Empty group takes any non-empty type and list; otherwise the
 * type must match and one of the names must be supported by every current member.
 */
export function supportsProtocols(g: ClassicGroup, protocolType: string, names: readonly string[]): boolean {
  if (g.state === 'Empty') return protocolType !== '' && names.length > 0;
  if (g.protocolType !== protocolType) return false;
  return names.some((n) => g.supportedProtocols.get(n) === g.members.size);
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Kafka's `matches`: the same protocols, in the same order, with the same metadata. */
export function protocolsMatch(member: ClassicGroupMember, protocols: readonly JoinGroupRequestProtocol[]): boolean {
  if (member.protocols.length !== protocols.length) return false;
  return member.protocols.every((p, i) => {
    const q = protocols[i] as JoinGroupRequestProtocol;
    return p.name === q.name && bytesEqual(p.metadata, q.metadata);
  });
}

/** The member's metadata for `protocolName` (empty if it does not list it). */
export function memberMetadata(member: ClassicGroupMember, protocolName: string | null): Uint8Array {
  const found = member.protocols.find((p) => p.name === protocolName);
  return found?.metadata ?? new Uint8Array(0);
}

/**
 * Kafka's `selectProtocol`: among the protocols every member supports, each member votes for
 * its most preferred; the most votes win. Ties (unspecified in Kafka, which iterates a hash
 * map) go to the name that sorts first.
 */
export function selectProtocol(g: ClassicGroup): string {
  if (g.members.size === 0) throw new InvariantError('cannot select a protocol for a group without members');
  const candidates = new Set<string>();
  g.supportedProtocols.forEach((count, name) => {
    if (count === g.members.size) candidates.add(name);
  });
  const votes = new Map<string, number>();
  g.members.forEach((m) => {
    const choice = m.protocols.find((p) => candidates.has(p.name));
    if (choice === undefined) throw new InvariantError(`member ${m.memberId} supports none of the candidate protocols`);
    votes.set(choice.name, (votes.get(choice.name) ?? 0) + 1);
  });
  let best: string | undefined;
  let bestVotes = -1;
  for (const [name, n] of votes) {
    if (n > bestVotes || (n === bestVotes && compareStrings(name, best as string) < 0)) {
      best = name;
      bestVotes = n;
    }
  }
  return best as string;
}

/** Kafka's `validateMember`: the instance id first (unknown, or mapped to another member), then the member id. */
export function validateMember(g: ClassicGroup, memberId: string, groupInstanceId: string | null | undefined): ErrorCode {
  if (groupInstanceId !== null && groupInstanceId !== undefined) {
    const existing = g.staticMembers.get(groupInstanceId);
    if (existing === undefined) return ErrorCode.UNKNOWN_MEMBER_ID;
    if (existing !== memberId) return ErrorCode.FENCED_INSTANCE_ID;
  }
  return g.members.has(memberId) ? ErrorCode.NONE : ErrorCode.UNKNOWN_MEMBER_ID;
}

/** The leader's view of the members: id, instance id and metadata for the selected protocol, in join order. */
export function currentMembersForLeader(g: ClassicGroup): JoinGroupResponseMember[] {
  return membersInJoinOrder(g).map((m) => ({
    memberId: m.memberId,
    groupInstanceId: m.groupInstanceId,
    metadata: memberMetadata(m, g.protocolName),
  }));
}

// ----- edits --------------------------------------------------------------------------------

function adjustProtocolCounts(g: { supportedProtocols: ReadonlyMap<string, number> }, protocols: readonly JoinGroupRequestProtocol[], delta: number): ReadonlyMap<string, number> {
  const counts = new Map(g.supportedProtocols);
  for (const p of protocols) {
    const n = (counts.get(p.name) ?? 0) + delta;
    if (n === 0) counts.delete(p.name);
    else counts.set(p.name, n);
  }
  return counts;
}

/** Stores `member` (a new version of an existing one, or a new one) without touching counters. */
export function putMember(ctx: StepContext, member: ClassicGroupMember): void {
  const g = ctx.edit();
  g.members = g.members.set(member.memberId, member);
}

/** Kafka's `add`: registers the member, its protocols, its static id; the first member leads. */
export function addMember(ctx: StepContext, member: ClassicGroupMember): void {
  const g = ctx.edit();
  if (member.groupInstanceId !== null) {
    if (g.staticMembers.has(member.groupInstanceId)) {
      throw new InvariantError(`static member ${member.groupInstanceId} is already a member`);
    }
    g.staticMembers = g.staticMembers.set(member.groupInstanceId, member.memberId);
  }
  if (g.members.size === 0) g.protocolType = member.protocolType;
  if (g.leaderId === null) g.leaderId = member.memberId;
  g.members = g.members.set(member.memberId, member);
  g.supportedProtocols = adjustProtocolCounts(g, member.protocols, 1);
  if (member.awaitingJoin !== null) g.awaitingJoinCount += 1;
  g.pendingJoinMembers = g.pendingJoinMembers.delete(member.memberId);
  g.nextJoinSeq = Math.max(g.nextJoinSeq, member.joinSeq + 1);
  ctx.event({ kind: 'member-added', memberId: member.memberId, groupInstanceId: member.groupInstanceId });
}

function earliestJoined(g: ClassicGroup, accept: (m: ClassicGroupMember) => boolean): ClassicGroupMember | undefined {
  let best: ClassicGroupMember | undefined;
  g.members.forEach((m) => {
    if (accept(m) && (best === undefined || m.joinSeq < best.joinSeq)) best = m;
  });
  return best;
}

function abandonParked(ctx: StepContext, member: ClassicGroupMember): void {
  if (member.awaitingJoin !== null) ctx.event({ kind: 'request-abandoned', requestId: member.awaitingJoin.requestId, api: 'JoinGroup' });
  if (member.awaitingSync !== null) ctx.event({ kind: 'request-abandoned', requestId: member.awaitingSync.requestId, api: 'SyncGroup' });
}

/**
 * Kafka's `remove`: drops a member (or a pending id). A departing leader hands over to the
 * earliest-joined remaining member (Kafka takes the first in hash-map order). Requests the member
 * still has parked are never answered, as in Kafka; a `request-abandoned` event reports them.
 */
export function removeMember(ctx: StepContext, memberId: string): void {
  const g = ctx.edit();
  const removed = g.members.get(memberId);
  if (removed !== undefined) {
    g.members = g.members.delete(memberId);
    g.supportedProtocols = adjustProtocolCounts(g, removed.protocols, -1);
    if (removed.awaitingJoin !== null) g.awaitingJoinCount -= 1;
    if (removed.groupInstanceId !== null) g.staticMembers = g.staticMembers.delete(removed.groupInstanceId);
    abandonParked(ctx, removed);
  }
  if (g.leaderId === memberId) g.leaderId = earliestJoined(g, () => true)?.memberId ?? null;
  g.pendingJoinMembers = g.pendingJoinMembers.delete(memberId);
  g.pendingSyncMembers = g.pendingSyncMembers.delete(memberId);
}

/** Parks (or clears, with null) the member's JoinGroup, keeping the awaiting count; returns the new member. */
export function setAwaitingJoin(ctx: StepContext, member: ClassicGroupMember, parked: ParkedRequest | null): ClassicGroupMember {
  const g = ctx.edit();
  if (member.awaitingJoin !== null && parked === null) g.awaitingJoinCount -= 1;
  if (member.awaitingJoin === null && parked !== null) g.awaitingJoinCount += 1;
  // Kafka replaces a parked JoinGroup with the newer one and never answers the first.
  if (member.awaitingJoin !== null && parked !== null) {
    ctx.event({ kind: 'request-abandoned', requestId: member.awaitingJoin.requestId, api: 'JoinGroup' });
  }
  const next = { ...member, awaitingJoin: parked };
  putMember(ctx, next);
  return next;
}

/** Parks the member's SyncGroup (a newer one replaces an older, which is never answered). */
export function setAwaitingSync(ctx: StepContext, member: ClassicGroupMember, parked: ParkedRequest | null): ClassicGroupMember {
  if (member.awaitingSync !== null && parked !== null) {
    ctx.event({ kind: 'request-abandoned', requestId: member.awaitingSync.requestId, api: 'SyncGroup' });
  }
  const next = { ...member, awaitingSync: parked };
  putMember(ctx, next);
  return next;
}

/** Answers the member's parked JoinGroup, if any, and clears it; returns the new member. */
export function answerJoin(ctx: StepContext, member: ClassicGroupMember, response: JoinGroupResponse): ClassicGroupMember {
  if (member.awaitingJoin === null) return member;
  ctx.respond('JoinGroup', member.awaitingJoin, response);
  return setAwaitingJoin(ctx, member, null);
}

/** Kafka's `updateMember`: new protocols and timeouts, and the parked JoinGroup. */
export function updateMember(
  ctx: StepContext,
  member: ClassicGroupMember,
  protocols: readonly JoinGroupRequestProtocol[],
  rebalanceTimeoutMs: number,
  sessionTimeoutMs: number,
  parked: ParkedRequest | null,
): ClassicGroupMember {
  const g = ctx.edit();
  g.supportedProtocols = adjustProtocolCounts(g, member.protocols, -1);
  g.supportedProtocols = adjustProtocolCounts(g, protocols, 1);
  const updated = setAwaitingJoin(ctx, { ...member, protocols, rebalanceTimeoutMs, sessionTimeoutMs }, parked);
  return updated;
}

/**
 * Kafka's `replaceStaticMember`: the old member's parked JoinGroup and SyncGroup are fenced,
 * and a member with the new id takes its place (protocols, timeouts, assignment, leadership,
 * position in join order).
 */
export function replaceStaticMember(ctx: StepContext, groupInstanceId: string, oldMemberId: string, newMemberId: string): ClassicGroupMember {
  let old = ctx.group.members.get(oldMemberId);
  if (old === undefined) throw new InvariantError(`cannot replace unknown member ${oldMemberId}`);
  old = answerJoin(ctx, old, joinError(ErrorCode.FENCED_INSTANCE_ID, oldMemberId));
  if (old.awaitingSync !== null) ctx.respond('SyncGroup', old.awaitingSync, syncError(ErrorCode.FENCED_INSTANCE_ID));
  const g = ctx.edit();
  g.members = g.members.delete(oldMemberId);
  const replacement: ClassicGroupMember = { ...old, memberId: newMemberId, awaitingJoin: null, awaitingSync: null, isNew: false };
  g.members = g.members.set(newMemberId, replacement);
  if (g.leaderId === oldMemberId) g.leaderId = newMemberId;
  g.staticMembers = g.staticMembers.set(groupInstanceId, newMemberId);
  ctx.event({ kind: 'member-removed', memberId: oldMemberId, reason: 'replaced' });
  ctx.event({ kind: 'member-added', memberId: newMemberId, groupInstanceId });
  return replacement;
}

/**
 * Kafka's `maybeElectNewJoinedLeader`: keep a leader that rejoined; otherwise the earliest-joined
 * member that rejoined leads (Kafka: the first in hash-map order). False when nobody rejoined.
 */
export function electNewJoinedLeader(ctx: StepContext): boolean {
  const g = ctx.group;
  if (g.leaderId === null) return false;
  const leader = g.members.get(g.leaderId);
  if (leader !== undefined && leader.awaitingJoin !== null) return true;
  const next = earliestJoined(g, (m) => m.awaitingJoin !== null);
  if (next === undefined) return false;
  ctx.edit().leaderId = next.memberId;
  return true;
}

/** Kafka's `initNextGeneration`: generation + 1, protocol selected, CompletingRebalance (Empty without members). */
export function initNextGeneration(ctx: StepContext): void {
  const g = ctx.edit();
  g.generationId += 1;
  if (g.members.size > 0) {
    g.protocolName = selectProtocol(g);
    ctx.transitionTo('CompletingRebalance');
  } else {
    g.protocolName = null;
    ctx.transitionTo('Empty');
  }
  g.pendingSyncMembers = PMap.empty();
}

/** A new group (Kafka's ClassicGroup constructor): Empty, generation 0, previous state Dead. */
export function newClassicGroup(groupId: string, nowMs: number): ClassicGroup {
  return {
    groupId,
    state: 'Empty',
    previousState: 'Dead',
    stateTimestampMs: nowMs,
    generationId: 0,
    protocolType: null,
    protocolName: null,
    leaderId: null,
    members: PMap.empty(),
    staticMembers: PMap.empty(),
    pendingJoinMembers: PMap.empty(),
    pendingSyncMembers: PMap.empty(),
    awaitingJoinCount: 0,
    supportedProtocols: new Map(),
    newMemberAdded: false,
    joinTimer: null,
    syncTimerGeneration: null,
    nextJoinSeq: 0,
  };
}
