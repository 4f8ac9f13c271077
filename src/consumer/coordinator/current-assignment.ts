/**
 * Member reconciliation (TS counterpart of Kafka's `CurrentAssignmentBuilder`): given a member,
 * its target assignment at the target epoch, who owns what, and what the member says it owns,
 * compute the member's next state. Pure. Revocation comes first: while the member still owns
 * partitions it must give up, it neither advances its epoch nor receives new partitions; and it
 * never receives a partition another member still owns or has pending revocation.
 */
import { ErrorCode } from '../../protocol/error-codes.js';
import { PackedTopicPartitions, TopicPartitionsBuilder, compareStrings, type TopicPartitions } from '../../protocol/topic-partitions.js';
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

/** One reconciliation step towards the target (reference §4.3); `epochArg` applies only when revocation is pending. */
function computeNext(input: ReconcileInput, epochArg: number): ConsumerGroupMember {
  const { member, targetEpoch, target } = input;
  const trimUnsubscribed = (input.kafkaVersion ?? '4.2') === '4.2';
  const kept = new TopicPartitionsBuilder();
  const revoked = new TopicPartitionsBuilder();
  const added = new TopicPartitionsBuilder();
  let hasUnreleased = false;
  const topics = new Set<string>([...target.keys(), ...member.assignedPartitions.keys()]);
  for (const topicId of [...topics].sort(compareStrings)) {
    const subscribed = !trimUnsubscribed || input.subscribedTopicIds.has(topicId);
    const tgt = subscribed ? new Set(target.get(topicId) ?? []) : new Set<number>();
    const cur = member.assignedPartitions.get(topicId) ?? [];
    for (const p of cur) {
      if (tgt.has(p)) kept.add(topicId, p);
      else revoked.add(topicId, p);
    }
    const curSet = new Set(cur);
    for (const p of [...tgt].sort((a, b) => a - b)) {
      if (curSet.has(p)) continue;
      // KAFKA-19449: a partition the member itself still has pending revocation is not someone else's.
      const unreleased = input.currentPartitionEpoch(topicId, p) !== -1 && !member.partitionsPendingRevocation.hasPartition(topicId, p);
      if (unreleased) hasUnreleased = true;
      else added.add(topicId, p);
    }
  }
  return nextMember(input, epochArg, targetEpoch, kept.build(), revoked.build(), added.build(), hasUnreleased);
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
  const assigned = added.size > 0 ? union(kept, added) : kept;
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
    samePartitions(m.assignedPartitions, assigned) &&
    samePartitions(m.partitionsPendingRevocation, pending);
  if (same) return m;
  return { ...m, state, previousMemberEpoch: m.memberEpoch, memberEpoch: epoch, assignedPartitions: assigned, partitionsPendingRevocation: pending };
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
    pending = union(m.partitionsPendingRevocation, dropped);
  }
  if (samePartitions(assigned, m.assignedPartitions)) return m;
  if (pending.size > 0 && ownsRevokedPartitions(input.ownedTopicPartitions, pending)) {
    return { ...m, state: 'UNREVOKED_PARTITIONS', assignedPartitions: assigned, partitionsPendingRevocation: pending };
  }
  return { ...m, assignedPartitions: assigned };
}

function union(a: PackedTopicPartitions, b: PackedTopicPartitions): PackedTopicPartitions {
  const out = new TopicPartitionsBuilder();
  a.forEachPartition((t, p) => out.add(t, p));
  b.forEachPartition((t, p) => out.add(t, p));
  return out.build();
}

/** True when both sets hold the same partitions. */
export function samePartitions(a: PackedTopicPartitions, b: PackedTopicPartitions): boolean {
  if (a === b) return true;
  if (a.size !== b.size || a.partitionCount !== b.partitionCount) return false;
  for (let i = 0; i < a.size; i++) {
    if (a.topicAt(i) !== b.topicAt(i)) return false;
    const pa = a.partitionsAt(i);
    const pb = b.partitionsAt(i);
    for (let j = 0; j < pa.length; j++) if (pa[j] !== pb[j]) return false;
  }
  return true;
}
