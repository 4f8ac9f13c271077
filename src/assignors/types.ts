/**
 * The client-side (classic protocol) assignor contract of DESIGN.md: the leader of a classic
 * group runs an assignor over every member's subscription and the topic metadata.
 */
import type { Assignment, GroupMember, RebalanceProtocol, TopicMetadata } from '../protocol/types.js';
import type { TopicPartitions } from '../protocol/topic-partitions.js';

/** What an assignor is given. */
export interface AssignInput {
  /** Metadata of the topics the members subscribe to; a topic missing here (or with 0 partitions) is not assigned. */
  readonly topics: ReadonlyMap<string, TopicMetadata>;
  /** Every member with its decoded subscription. Order does not matter: kgroup assignors sort. */
  readonly members: readonly GroupMember[];
}

/** What a member tells its assignor when it builds the user data of its next subscription. */
export interface SubscriptionUserDataContext {
  /** The topics the member subscribes to. */
  readonly topics: readonly string[];
  /** What the member owns now (its last assignment). */
  readonly ownedPartitions: TopicPartitions;
  /** The generation of that assignment, -1 when it has none. */
  readonly generationId: number;
}

/** A partition assignor for the classic protocol. */
export interface PartitionAssignor {
  /** The protocol name members advertise in JoinGroup, e.g. `range` or `cooperative-sticky`. */
  readonly name: string;
  /** The rebalance protocols the assignor supports; the member uses the highest one all its assignors share. */
  readonly supportedProtocols: readonly RebalanceProtocol[];
  /** User data a member using this assignor puts in its subscription; absent or null for none. */
  subscriptionUserData?(ctx: SubscriptionUserDataContext): Uint8Array | null;
  /** Assigns partitions: returns an entry for every member (empty when it gets nothing). */
  assign(input: AssignInput): Map<string, Assignment>;
}
