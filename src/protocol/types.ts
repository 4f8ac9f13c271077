/**
 * The shared vocabulary of the classic protocol's assignors and codec (DESIGN.md, "Assignors:
 * the public contract").
 */
import type { TopicPartitions } from './topic-partitions.js';

/** The rebalance protocols of the classic group protocol (KIP-429). Kafka's ids: EAGER 0, COOPERATIVE 1. */
export type RebalanceProtocol = 'EAGER' | 'COOPERATIVE';

/** Kafka's numeric id of each rebalance protocol; the consumer picks the highest common one. */
export const REBALANCE_PROTOCOL_ID: Readonly<Record<RebalanceProtocol, number>> = Object.freeze({ EAGER: 0, COOPERATIVE: 1 });

/** What a member subscribes to, as carried by ConsumerProtocolSubscription v0-v3. */
export interface Subscription {
  /** Subscribed topic names. The encoder writes them sorted. */
  readonly topics: readonly string[];
  /** Assignor-specific bytes; null or absent when the assignor sends none. */
  readonly userData?: Uint8Array | null;
  /** Partitions the member owns now (v1+; cooperative members send them, eager members send none). */
  readonly ownedPartitions?: TopicPartitions;
  /** The member's generation (v2+); -1 or absent when unknown. */
  readonly generationId?: number;
  /** The member's rack, `client.rack` (v3+); null or absent when unset. */
  readonly rackId?: string | null;
}

/** A member's share of the group, as carried by ConsumerProtocolAssignment. */
export interface Assignment {
  /** The partitions given to the member. */
  readonly partitions: TopicPartitions;
  /** Assignor-specific bytes; none of the built-in assignors sends any. */
  readonly userData?: Uint8Array | null;
}

/** One member of the group as the leader's assignor sees it. */
export interface GroupMember {
  /** The member id the coordinator gave the member. */
  readonly memberId: string;
  /** `group.instance.id` of a static member; null or absent for a dynamic one. */
  readonly groupInstanceId?: string | null;
  /** The member's decoded subscription. */
  readonly subscription: Subscription;
}

/** What an assignor knows of one topic. */
export interface TopicMetadata {
  /** Number of partitions; partition ids are 0..partitions-1. */
  readonly partitions: number;
  /** Racks of each partition's replicas, indexed by partition id (KIP-881 rack-aware assignment). */
  readonly partitionRacks?: readonly (readonly string[])[];
}

/** The rebalance callbacks of Kafka's ConsumerRebalanceListener, by their Java names. */
export type RebalanceCallbackName = 'onPartitionsRevoked' | 'onPartitionsAssigned' | 'onPartitionsLost';
