/**
 * The server-side (KIP-848) assignor contract, shaped after Kafka's
 * `ConsumerGroupPartitionAssignor`: the group coordinator runs the assignor over a group spec
 * (every member's subscription and current target assignment) and a topic describer, and gets
 * back a target assignment per member. Topics are named by their ids (Kafka Uuids, as strings).
 */
import { KgroupError } from '../../errors.js';
import type { TopicPartitions } from '../../protocol/topic-partitions.js';

/**
 * HOMOGENEOUS when every member subscribes to the same topics, HETEROGENEOUS otherwise (Kafka's
 * `SubscriptionType`; the coordinator computes it as Kafka's `ConsumerGroup.subscriptionType` does).
 */
export type SubscriptionType = 'HOMOGENEOUS' | 'HETEROGENEOUS';

/** What a member subscribes to (Kafka's `MemberSubscription`). */
export interface MemberSubscription {
  /** The member's rack, null when it sent none. */
  readonly rackId: string | null;
  /** The member's `group.instance.id`, null for a dynamic member. */
  readonly instanceId: string | null;
  /** The ids of the subscribed topics that exist in the metadata (names and resolved regex together). */
  readonly subscribedTopicIds: ReadonlySet<string>;
}

/** The group as the assignor sees it (Kafka's `GroupSpec`). */
export interface GroupSpec {
  /** Every member id, ascending by UTF-16 code unit (kgroup sorts, so that outputs never depend on input order). */
  readonly memberIds: readonly string[];
  readonly subscriptionType: SubscriptionType;
  /** The member's subscription; UsageError for an id that is not in `memberIds`. */
  memberSubscription(memberId: string): MemberSubscription;
  /**
   * The member's current target assignment, topic id -> ascending partitions (empty when it has
   * none). Treat it as immutable: an assignor returns it unchanged to say "no change".
   */
  memberAssignment(memberId: string): TopicPartitions;
  /** True when the partition is in some member's current target assignment. */
  isPartitionAssigned(topicId: string, partition: number): boolean;
}

/** The metadata of the subscribed topics (Kafka's `SubscribedTopicDescriber`). */
export interface SubscribedTopicDescriber {
  /** The topic's partition count, -1 when the topic does not exist. */
  numPartitions(topicId: string): number;
  /** The racks of the partition's replicas (empty when unknown). */
  racksForPartition(topicId: string, partition: number): ReadonlySet<string>;
}

/**
 * The new target assignment: member id -> topic id -> ascending partitions. A member missing
 * from the map gets an empty target.
 */
export type GroupAssignment = ReadonlyMap<string, TopicPartitions>;

/** A server-side partition assignor (Kafka's `ConsumerGroupPartitionAssignor`). */
export interface ServerAssignor {
  /** The name members select it by in `ServerAssignor` (`uniform`, `range`, or yours). */
  readonly name: string;
  /** Computes the target assignment. Throws {@link PartitionAssignorError} when it cannot. */
  assign(groupSpec: GroupSpec, describer: SubscribedTopicDescriber): GroupAssignment;
}

/**
 * An assignor could not compute an assignment (Kafka's `PartitionAssignorException`); the
 * coordinator answers the heartbeat with UNKNOWN_SERVER_ERROR and writes nothing.
 */
export class PartitionAssignorError extends KgroupError {
  override readonly name = 'PartitionAssignorError';
  readonly code = 'ASSIGNMENT' as const;
}
