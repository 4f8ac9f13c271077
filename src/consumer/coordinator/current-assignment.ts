/**
 * Member reconciliation (TS counterpart of Kafka's `CurrentAssignmentBuilder`): given a member,
 * its target assignment at the target epoch, who owns what, and what the member says it owns,
 * compute the member's next state. Pure. Revocation comes first: while the member still owns
 * partitions it must give up, it neither advances its epoch nor receives new partitions; and it
 * never receives a partition another member still owns or has pending revocation.
 */
import { ErrorCode } from '../../protocol/error-codes.js';
import { diffTopicPartitions, equalTopicPartitions, unionTopicPartitions } from '../../protocol/topic-partitions-ops.js';
import { PackedTopicPartitions, TopicPartitionsBuilder, packedArrays, type TopicPartitions } from '../../protocol/topic-partitions.js';
import { composeMember } from './group.js';
import type { ConsumerGroupMember, KafkaVersion } from './types.js';

/** The inputs of one reconciliation step (reference §4.1). */
export interface ReconcileInput {
  /** The member after the request's field updates. */
  readonly member: ConsumerGroupMember;
  /** T: the epoch of the target assignment. */
  readonly targetEpoch: number;
  /** The member's target at T (topic id -> partitions). */
  readonly target: TopicPartitions;
  /** The epoch of the member owning a partition (assigned or pending revocation), -1 when free. */
  readonly currentPartitionEpoch: (topicId: string, partition: number) => number;
  /** What the request says the member owns; null when the request did not say (assume it owns everything). */
  readonly ownedTopicPartitions: TopicPartitions | null;
  /** The request changed the member's subscription (names or regular expression). */
  readonly hasSubscriptionChanged: boolean;
  /** Ids of the topics the member subscribes to that exist (names, plus its regex when resolved). */
  readonly subscribedTopicIds: ReadonlySet<string>;
  /** Default '4.2'. */
  readonly kafkaVersion?: KafkaVersion;
}

/** The outcome: the next member (the same object when nothing changed), or the member is fenced. */
export type ReconcileResult =
  | { readonly ok: true; readonly member: ConsumerGroupMember }
  | { readonly ok: false; readonly errorCode: typeof ErrorCode.FENCED_MEMBER_EPOCH; readonly errorMessage: string };

/** Kafka's message for a member in the UNKNOWN state that still reports partitions. */
export const UNKNOWN_STATE_MESSAGE = 'The consumer group member is in a unknown state. The member must abandon all its partitions and rejoin.';

/** True when `owned` is unknown (null) or holds some partition of `set`: the member still owns revoked partitions. */
export function ownsRevokedPartitions(owned: TopicPartitions | null, set: PackedTopicPartitions): boolean {
  if (owned === null) return true;
  for (const [topicId, partitions] of owned) {
    if (!set.has(topicId)) continue;
    for (const p of partitions) if (set.hasPartition(topicId, p)) return true;
  }
  return false;
}

/** Applies reconciliation to `input.member` (reference §4.2). */
export function reconcileMember(input: ReconcileInput): ReconcileResult {
  const { member, targetEpoch } = input;
  const v42 = (input.kafkaVersion ?? '4.2') === '4.2';
  switch (member.state) {
    case 'STABLE':
      if (member.memberEpoch !== targetEpoch) return ok(computeNext(input, member.memberEpoch));
      if (input.hasSubscriptionChanged && v42) return ok(trimToSubscription(input));
      return ok(member);
    case 'UNREVOKED_PARTITIONS':
      if (ownsRevokedPartitions(input.ownedTopicPartitions, member.partitionsPendingRevocation)) {
        return ok(input.hasSubscriptionChanged && v42 ? trimToSubscription(input) : member);
      }
      // Kafka 4.0/4.1 advanced the epoch by one on leaving UNREVOKED_PARTITIONS (KAFKA-19974).
      return ok(computeNext(input, v42 ? member.memberEpoch : member.memberEpoch + 1));
    case 'UNRELEASED_PARTITIONS':
      return ok(computeNext(input, member.memberEpoch));
    case 'UNKNOWN': {
      const owned = input.ownedTopicPartitions;
      if (owned === null || [...owned.values()].some((p) => p.length > 0)) {
        return { ok: false, errorCode: ErrorCode.FENCED_MEMBER_EPOCH, errorMessage: UNKNOWN_STATE_MESSAGE };
      }
      return ok(computeNext(input, targetEpoch));
    }
  }
}

function ok(member: ConsumerGroupMember): ReconcileResult {
  return { ok: true, member };
}

/** The target without the topics the member no longer subscribes to (the same set when there are none). */
function subscribedPart(target: PackedTopicPartitions, subscribed: ReadonlySet<string>): PackedTopicPartitions {
  const { topics } = packedArrays(target);
  if (topics.every((t) => subscribed.has(t))) return target;
  const b = new TopicPartitionsBuilder();
  target.forEachPartition((t, p) => subscribed.has(t) && b.add(t, p));
  return b.build();
}

/** One reconciliation step towards the target (reference §4.3); `epochArg` applies only when revocation is pending. */
function computeNext(input: ReconcileInput, epochArg: number): ConsumerGroupMember {
  const { member, targetEpoch } = input;
  const current = member.assignedPartitions;
  const target = PackedTopicPartitions.from(input.target);
  const trimUnsubscribed = (input.kafkaVersion ?? '4.2') === '4.2';
  const wanted = trimUnsubscribed ? subscribedPart(target, input.subscribedTopicIds) : target;
  const { kept, added, revoked } = diffTopicPartitions(current, wanted);
  const assignable = new TopicPartitionsBuilder();
  let hasUnreleased = false;
  added.forEachPartition((topicId, p) => {
    // KAFKA-19449: a partition the member itself still has pending revocation is not someone else's.
    const unreleased = input.currentPartitionEpoch(topicId, p) !== -1 && !member.partitionsPendingRevocation.hasPartition(topicId, p);
    if (unreleased) hasUnreleased = true;
    else assignable.add(topicId, p);
  });
  // Nothing revoked: the member keeps the very same set, which spares later comparisons.
  return nextMember(input, epochArg, targetEpoch, revoked.size === 0 ? current : kept, revoked, assignable.build(), hasUnreleased);
}

function nextMember(
  input: ReconcileInput,
  epochArg: number,
  targetEpoch: number,
  kept: PackedTopicPartitions,
  revoked: PackedTopicPartitions,
  added: PackedTopicPartitions,
  hasUnreleased: boolean,
): ConsumerGroupMember {
  const m = input.member;
  if (revoked.size > 0 && ownsRevokedPartitions(input.ownedTopicPartitions, revoked)) {
    return withState(m, 'UNREVOKED_PARTITIONS', epochArg, kept, revoked);
  }
  const assigned = added.size > 0 ? unionTopicPartitions(kept, added) : kept;
  return withState(m, hasUnreleased ? 'UNRELEASED_PARTITIONS' : 'STABLE', targetEpoch, assigned, PackedTopicPartitions.EMPTY);
}

/**
 * The member after Kafka's `updateMemberEpoch` (previous := current, even when the epoch does
 * not change) and the new partitions; the same object when every field is unchanged.
 */
function withState(
  m: ConsumerGroupMember,
  state: ConsumerGroupMember['state'],
  epoch: number,
  assigned: PackedTopicPartitions,
  pending: PackedTopicPartitions,
): ConsumerGroupMember {
  const same =
    m.state === state &&
    m.memberEpoch === epoch &&
    m.previousMemberEpoch === m.memberEpoch &&
    equalTopicPartitions(m.assignedPartitions, assigned) &&
    equalTopicPartitions(m.partitionsPendingRevocation, pending);
  if (same) return m;
  return composeMember(m.memberId, m, { state, previousMemberEpoch: m.memberEpoch, memberEpoch: epoch, assignedPartitions: assigned, partitionsPendingRevocation: pending });
}

/** Drops topics the member no longer subscribes to, without moving to a new epoch (reference §4.4, 4.2+). */
function trimToSubscription(input: ReconcileInput): ConsumerGroupMember {
  const m = input.member;
  const subscribed = input.subscribedTopicIds;
  let assigned: PackedTopicPartitions;
  let pending: PackedTopicPartitions;
  if (subscribed.size === 0 && m.partitionsPendingRevocation.size === 0) {
    assigned = PackedTopicPartitions.EMPTY;
    pending = m.assignedPartitions;
  } else {
    const keep = new TopicPartitionsBuilder();
    const drop = new TopicPartitionsBuilder();
    m.assignedPartitions.forEachPartition((t, p) => (subscribed.has(t) ? keep : drop).add(t, p));
    const dropped = drop.build();
    if (dropped.size === 0) return m;
    assigned = keep.build();
    pending = unionTopicPartitions(m.partitionsPendingRevocation, dropped);
  }
  if (equalTopicPartitions(assigned, m.assignedPartitions)) return m;
  if (pending.size > 0 && ownsRevokedPartitions(input.ownedTopicPartitions, pending)) {
    return composeMember(m.memberId, m, { memberEpoch: m.memberEpoch, previousMemberEpoch: m.previousMemberEpoch, state: 'UNREVOKED_PARTITIONS', assignedPartitions: assigned, partitionsPendingRevocation: pending });
  }
  return composeMember(m.memberId, m, { memberEpoch: m.memberEpoch, previousMemberEpoch: m.previousMemberEpoch, state: m.state, assignedPartitions: assigned, partitionsPendingRevocation: m.partitionsPendingRevocation });
}
