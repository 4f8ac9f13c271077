/**
 * The leader's part of a rebalance (Kafka's ConsumerCoordinator.onLeaderElected): decode every
 * member's subscription, watch the whole group's topics, run the selected assignor, verify its
 * output, and encode the assignments for SyncGroup. With KIP-814's skipAssignment (a static
 * leader that rejoined) it assigns nothing and the coordinator keeps the stored assignment.
 */
import { AssignmentError, verifyAssignment, type AssignmentViolation } from '../../assignors/verify.js';
import type { PartitionAssignor } from '../../assignors/types.js';
import { DecodeError } from '../../errors.js';
import { decodeSubscription, encodeAssignment } from '../../protocol/consumer-protocol.js';
import { compareStrings } from '../../protocol/topic-partitions.js';
import type { Assignment, GroupMember, TopicMetadata } from '../../protocol/types.js';
import type { JoinGroupResponse, SyncGroupRequestAssignment } from '../coordinator/types.js';
import type { MemberContext } from './context.js';
import { joinFailed } from './failures.js';
import { metadataSnapshot, sortedTopics } from './metadata.js';

/** The built-in assignor whose cooperative validity Kafka does not re-check (it accounts for generations itself). */
export const COOPERATIVE_STICKY_ASSIGNOR_NAME = 'cooperative-sticky';

/** Finds the configured assignor Kafka would use for `name`. */
export function lookupAssignor(ctx: MemberContext, name: string | null): PartitionAssignor | undefined {
  return ctx.config.assignors.find((a) => a.name === name);
}

/** The assignor failed: report it, send nothing, and rejoin at the next poll (Kafka throws from poll). */
function assignmentFailed(ctx: MemberContext, assignor: string, violations: readonly AssignmentViolation[], cause: unknown): null {
  const message = cause instanceof Error ? cause.message : String(cause);
  ctx.error({ kind: 'assignment-failed', fatal: false, assignor, violations, cause, message });
  joinFailed(ctx, 'IllegalStateException', 'after-poll');
  return null;
}

function decodeMembers(r: JoinGroupResponse): GroupMember[] {
  return r.members.map((m) => ({ memberId: m.memberId, groupInstanceId: m.groupInstanceId, subscription: decodeSubscription(m.metadata) }));
}

function topicMetadata(ctx: MemberContext): Map<string, TopicMetadata> {
  const topics = new Map<string, TopicMetadata>();
  for (const topic of ctx.s.groupSubscription) {
    const meta = ctx.s.metadata.get(topic);
    if (meta !== undefined) topics.set(topic, meta);
  }
  return topics;
}

function encodeAssignments(output: ReadonlyMap<string, Assignment>): SyncGroupRequestAssignment[] {
  const ids = [...output.keys()].sort(compareStrings);
  return ids.map((memberId) => ({ memberId, assignment: encodeAssignment(output.get(memberId) as Assignment) }));
}

function runAssignor(ctx: MemberContext, assignor: PartitionAssignor, members: readonly GroupMember[]): SyncGroupRequestAssignment[] | null {
  const input = { topics: topicMetadata(ctx), members };
  let output: ReadonlyMap<string, Assignment>;
  try {
    output = assignor.assign(input);
  } catch (e) {
    return assignmentFailed(ctx, assignor.name, e instanceof AssignmentError ? e.violations : [], e);
  }
  const cooperative = ctx.s.protocol === 'COOPERATIVE' && assignor.name !== COOPERATIVE_STICKY_ASSIGNOR_NAME;
  const violations = verifyAssignment(input, output, { cooperative });
  if (violations.length > 0) return assignmentFailed(ctx, assignor.name, violations, new AssignmentError(violations, assignor.name));
  ctx.s.assignmentSnapshot = metadataSnapshot(ctx.s);
  return encodeAssignments(output);
}

/**
 * Runs the leader's assignment for a JoinGroup answer that made this member leader. Returns the
 * SyncGroup assignments (empty with skipAssignment), or null when it failed (already reported).
 */
export function onLeaderElected(ctx: MemberContext, r: JoinGroupResponse): SyncGroupRequestAssignment[] | null {
  const assignor = lookupAssignor(ctx, r.protocolName);
  if (assignor === undefined) {
    ctx.error({ kind: 'illegal-state', fatal: true, message: `Coordinator selected invalid assignment protocol: ${String(r.protocolName)}` });
    return null;
  }
  let members: GroupMember[];
  try {
    members = decodeMembers(r);
  } catch (e) {
    if (e instanceof DecodeError) return assignmentFailed(ctx, assignor.name, [], e);
    throw e;
  }
  ctx.s.groupSubscription = sortedTopics(members.flatMap((m) => m.subscription.topics));
  ctx.s.isLeader = true;
  if (r.skipAssignment) {
    ctx.s.assignmentSnapshot = metadataSnapshot(ctx.s);
    return [];
  }
  return runAssignor(ctx, assignor, members);
}
