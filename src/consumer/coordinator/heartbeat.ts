/**
 * ConsumerGroupHeartbeat with member epoch >= 0 (Kafka's `consumerGroupHeartbeat`, reference
 * §3.2), in Kafka's order: look the member up, apply the request's fields, update regular
 * expressions, maybe bump the group epoch, compute the target assignment when it lags, reconcile
 * the member, re-arm its session and answer. Any error rolls the whole step back.
 */
import { ErrorCode } from '../../protocol/error-codes.js';
import { PackedTopicPartitions, TopicPartitionsBuilder } from '../../protocol/topic-partitions.js';
import type { StepContext } from './context.js';
import { equalTopicPartitions } from '../../protocol/topic-partitions-ops.js';
import { reconcileMember } from './current-assignment.js';
import { composeMember, currentPartitionEpoch, isReconciledTo } from './group.js';
import { maybeBumpGroupEpoch, maybeScheduleRegexRefresh, updateRegularExpressions } from './group-epoch.js';
import { lookUpMember } from './member-lookup.js';
import { currentAssignmentRecord, memberMetadataRecord } from './records.js';
import { heartbeatError, isHeartbeatError, okResponse, type HeartbeatError } from './responses.js';
import type { NormalizedHeartbeat } from './schemas.js';
import { subscribedTopicIdsOf } from './subscription.js';
import { preferredAssignor, subscriptionTypeOfGroup } from './subscription-type.js';
import { buildTargetAssignment } from './target-assignment.js';
import { rebalanceTimerKey, sessionTimerKey } from './timer-keys.js';
import type { ConsumerGroup, ConsumerGroupHeartbeatResponse, ConsumerGroupMember } from './types.js';
import { BUILTIN_ASSIGNORS } from './builtin-assignors.js';

/** Where the request came from (Kafka's request context). */
export interface ClientInfo {
  readonly clientId: string;
  readonly clientHost: string;
}

/** Step 5: the member with the request's fields applied (the same object when nothing changed). */
function updatedMember(m: ConsumerGroupMember, req: NormalizedHeartbeat, client: ClientInfo): ConsumerGroupMember {
  const names = req.subscribedTopicNames;
  const instanceId = req.instanceId ?? m.instanceId;
  const rackId = req.rackId ?? m.rackId;
  const rebalanceTimeoutMs = req.rebalanceTimeoutMs === -1 ? m.rebalanceTimeoutMs : req.rebalanceTimeoutMs;
  const serverAssignor = req.serverAssignor ?? m.serverAssignor;
  const subscribedTopicNames = names === null || sameNames(names, m.subscribedTopicNames) ? m.subscribedTopicNames : names;
  const subscribedTopicRegex = req.subscribedTopicRegex ?? m.subscribedTopicRegex;
  // A steady-state heartbeat changes nothing: check before allocating a new member.
  const unchanged =
    instanceId === m.instanceId &&
    rackId === m.rackId &&
    rebalanceTimeoutMs === m.rebalanceTimeoutMs &&
    serverAssignor === m.serverAssignor &&
    subscribedTopicNames === m.subscribedTopicNames &&
    subscribedTopicRegex === m.subscribedTopicRegex &&
    client.clientId === m.clientId &&
    client.clientHost === m.clientHost;
  if (unchanged) return m;
  const { clientId, clientHost } = client;
  return composeMember(m.memberId, { instanceId, rackId, rebalanceTimeoutMs, serverAssignor, subscribedTopicNames, subscribedTopicRegex, clientId, clientHost }, m);
}

function sameNames(a: readonly string[], b: readonly string[]): boolean {
  return a === b || (a.length === b.length && a.every((x, i) => x === b[i]));
}

/** Step 1-2: the group exists (or is being joined) and has room. */
function checkGroup(ctx: StepContext, req: NormalizedHeartbeat): HeartbeatError | undefined {
  const g = ctx.group;
  if (g === null) {
    return req.memberEpoch === 0 ? undefined : heartbeatError(ErrorCode.GROUP_ID_NOT_FOUND, `Consumer group ${req.groupId} not found.`);
  }
  const max = ctx.config.maxSize;
  if (g.members.size >= max && (req.memberId === '' || !g.members.has(req.memberId))) {
    return heartbeatError(ErrorCode.GROUP_MAX_SIZE_REACHED, `The consumer group has reached its maximum capacity of ${max} members.`);
  }
  return undefined;
}

/** Step 9: the target epoch and the member's target, computing a new target assignment when A < G. */
function targetFor(ctx: StepContext, memberId: string): { epoch: number; target: PackedTopicPartitions } | HeartbeatError {
  let g = ctx.group as ConsumerGroup;
  if (g.groupEpoch > g.assignmentEpoch) {
    const assignor = preferredAssignor(g, ctx.config.assignors);
    const result = buildTargetAssignment({
      group: g,
      targetEpoch: g.groupEpoch,
      assignor,
      subscriptionType: subscriptionTypeOfGroup(g),
      metadata: ctx.metadata,
      trusted: BUILTIN_ASSIGNORS.has(assignor),
    });
    if (!result.ok) return heartbeatError(result.errorCode, result.errorMessage);
    for (const r of result.records) ctx.record(r);
    g = ctx.group as ConsumerGroup;
  }
  return { epoch: g.assignmentEpoch, target: g.targetAssignment.get(memberId) ?? PackedTopicPartitions.EMPTY };
}

function ownedOf(req: NormalizedHeartbeat): PackedTopicPartitions | null {
  if (req.topicPartitions === null) return null;
  const b = new TopicPartitionsBuilder();
  for (const t of req.topicPartitions) for (const p of t.partitions) if (p >= 0) b.add(t.topicId, p);
  return b.build();
}

/** Step 10: reconcile and record the member when it changed; arm or disarm its rebalance timer. */
function reconcile(ctx: StepContext, member: ConsumerGroupMember, req: NormalizedHeartbeat, subscriptionChanged: boolean): ConsumerGroupMember | HeartbeatError {
  const before = ctx.group as ConsumerGroup;
  // The steady state: nothing to compute and nothing to look up.
  if (!subscriptionChanged && before.groupEpoch === before.assignmentEpoch && isReconciledTo(member, before.assignmentEpoch)) return member;
  const target = targetFor(ctx, member.memberId);
  if (isHeartbeatError(target)) return target;
  if (!subscriptionChanged && isReconciledTo(member, target.epoch)) return member;
  const g = ctx.group as ConsumerGroup;
  const result = reconcileMember({
    member,
    targetEpoch: target.epoch,
    target: target.target,
    currentPartitionEpoch: (t, p) => currentPartitionEpoch(g, t, p),
    ownedTopicPartitions: ownedOf(req),
    hasSubscriptionChanged: subscriptionChanged,
    subscribedTopicIds: subscribedTopicIdsOf(member, ctx.metadata, g.resolvedRegularExpressions),
    kafkaVersion: ctx.config.kafkaVersion,
  });
  if (!result.ok) return heartbeatError(result.errorCode, result.errorMessage);
  const next = result.member;
  if (next !== member) {
    ctx.record(currentAssignmentRecord(g.groupId, next));
    updateRebalanceTimer(ctx, next);
  }
  return next;
}

/** Arms the rebalance timer while the member must revoke, disarms it otherwise. */
export function updateRebalanceTimer(ctx: StepContext, m: ConsumerGroupMember): void {
  const key = rebalanceTimerKey(m.memberId);
  if (m.state === 'UNREVOKED_PARTITIONS') {
    ctx.schedule(key, m.rebalanceTimeoutMs);
    ctx.setSoft({ rebalanceTimeoutEpochs: ctx.soft.rebalanceTimeoutEpochs.set(m.memberId, m.memberEpoch) });
  } else if (ctx.soft.rebalanceTimeoutEpochs.has(m.memberId)) {
    ctx.cancel(key);
    ctx.setSoft({ rebalanceTimeoutEpochs: ctx.soft.rebalanceTimeoutEpochs.delete(m.memberId) });
  }
}

/** The v0 join without a member id gets one from the configured source. */
function withMemberId(ctx: StepContext, req: NormalizedHeartbeat): NormalizedHeartbeat {
  if (req.memberId !== '') return req;
  const sequence = ctx.soft.memberIdSequence + 1;
  ctx.setSoft({ memberIdSequence: sequence });
  return { ...req, memberId: ctx.config.memberIdSource(sequence) };
}

/** Handles a regular heartbeat (epoch >= 0); returns the response or the error to answer with. */
export function regularHeartbeat(ctx: StepContext, raw: NormalizedHeartbeat, client: ClientInfo): ConsumerGroupHeartbeatResponse | HeartbeatError {
  const groupError = checkGroup(ctx, raw);
  if (groupError !== undefined) return groupError;
  const req = withMemberId(ctx, raw);
  const before = ctx.group;
  const found = lookUpMember(ctx, req);
  if (isHeartbeatError(found)) return found;
  const member = found.member;
  const updated = updatedMember(member, req, client);
  if (updated !== member) ctx.record(memberMetadataRecord(req.groupId, updated));
  if (found.isNew) ctx.event({ kind: 'member-added', memberId: updated.memberId, instanceId: updated.instanceId });
  const namesChanged = updated.subscribedTopicNames !== member.subscribedTopicNames;
  const regex = updateRegularExpressions(ctx, before, member, updated);
  if (isHeartbeatError(regex)) return regex;
  const bump = (before?.groupEpoch ?? 0) === 0 || namesChanged || regex === 'REGEX_UPDATED_AND_RESOLVED';
  maybeBumpGroupEpoch(ctx, bump);
  maybeScheduleRegexRefresh(ctx);
  const subscriptionChanged = namesChanged || regex !== 'NO_CHANGE';
  const next = reconcile(ctx, updated, req, subscriptionChanged);
  if (isHeartbeatError(next)) return next;
  ctx.schedule(sessionTimerKey(next.memberId), ctx.config.sessionTimeoutMs);
  const full = req.rebalanceTimeoutMs !== -1 && (req.subscribedTopicNames !== null || req.subscribedTopicRegex !== null) && req.topicPartitions !== null;
  const changed = !equalTopicPartitions(member.assignedPartitions, next.assignedPartitions);
  const assignment = req.memberEpoch === 0 || full || changed ? next.assignedPartitions : null;
  return okResponse(next.memberId, next.memberEpoch, ctx.config.heartbeatIntervalMs, assignment);
}
