/**
 * KafkaJS's assigner calling convention, described structurally (KafkaJS is not a dependency of
 * kgroup). `B` is the byte type KafkaJS uses (Node's Buffer); the pure adapter only needs to
 * read it as a Uint8Array and make one from a Uint8Array.
 */

/** What the adapter needs of KafkaJS's Cluster: the partitions of a topic (an empty list when unknown). */
export interface KafkaJsCluster {
  findTopicPartitionMetadata(topic: string): readonly { readonly partitionId: number }[];
}

/** What KafkaJS passes to a PartitionAssigner factory. */
export interface KafkaJsAssignerContext {
  readonly cluster: KafkaJsCluster;
  readonly groupId: string;
  readonly logger?: unknown;
}

/** A member as KafkaJS's ConsumerGroup hands it to the leader's assigner. */
export interface KafkaJsGroupMember<B extends Uint8Array> {
  readonly memberId: string;
  readonly memberMetadata: B;
}

/** One member's assignment, as KafkaJS sends it in SyncGroup. */
export interface KafkaJsGroupMemberAssignment<B extends Uint8Array> {
  memberId: string;
  memberAssignment: B;
}

/** The protocol a member advertises in JoinGroup. */
export interface KafkaJsGroupState<B extends Uint8Array> {
  name: string;
  metadata: B;
}

/** KafkaJS's Assigner. */
export interface KafkaJsAssigner<B extends Uint8Array> {
  name: string;
  version: number;
  assign(group: { members: KafkaJsGroupMember<B>[]; topics: string[] }): Promise<KafkaJsGroupMemberAssignment<B>[]>;
  protocol(subscription: { topics: string[] }): KafkaJsGroupState<B>;
}

/** KafkaJS's PartitionAssigner: a factory KafkaJS calls once per consumer. */
export type KafkaJsPartitionAssigner<B extends Uint8Array> = (context: KafkaJsAssignerContext) => KafkaJsAssigner<B>;

/** Settings of the adapter. */
export interface KafkaJsAssignerOptions {
  /**
   * ConsumerProtocol version of the subscriptions and assignments written (default 0, what
   * KafkaJS itself writes; any version is read).
   */
  readonly protocolVersion?: number;
  /**
   * KafkaJS members never report what they own, so a sticky assignor would start from scratch
   * each time. With this on (the default), the leader's adapter remembers the assignment it
   * made last and offers it to the assignor as each returning member's owned partitions.
   */
  readonly rememberAssignments?: boolean;
}
