/**
 * The vocabulary of the KIP-848 consumer group coordinator (Kafka 4.2): requests and responses
 * (Kafka's field names, camelCase), the inputs and outputs of `stepConsumerGroup`, the records,
 * and the group model. Topics in assignments are named by topic id (a Kafka Uuid, as a string).
 */
import type { CoordinatorEffect, RequestEnvelope, RequestId, ResponseEnvelope, TimerFired } from '../../internal/envelope.js';
import type { PMap } from '../../internal/pmap.js';
import type { ErrorCode } from '../../protocol/error-codes.js';
import type { PackedTopicPartitions } from '../../protocol/topic-partitions.js';
import type { ServerAssignor } from '../../assignors/server/types.js';
import type { ConsumerGroupStateName } from './states.js';
import type {
  OffsetAndMetadata,
  OffsetCommitRequest,
  OffsetCommitResponse,
  OffsetCommitValue,
  OffsetFetchRequest,
  OffsetFetchResponse,
} from '../../classic/coordinator/types.js';

export type { OffsetAndMetadata, OffsetCommitRequest, OffsetCommitResponse, OffsetCommitValue, OffsetFetchResponse };

/** The id a caller gives a request; its response carries the same id. */
export type { RequestId };

/** The APIs the coordinator answers. */
export type ConsumerGroupApi = 'ConsumerGroupHeartbeat' | 'ConsumerGroupDescribe' | 'OffsetCommit' | 'OffsetFetch';

// ---------------------------------------------------------------------------------------------
// Requests and responses
// ---------------------------------------------------------------------------------------------

/** Partitions of one topic, by topic id (ConsumerGroupHeartbeat's TopicPartitions entry). */
export interface TopicIdPartitions {
  readonly topicId: string;
  readonly partitions: readonly number[];
}

/** ConsumerGroupHeartbeat v0-v1 (API key 68). Absent and null mean the same: "unchanged". */
export interface ConsumerGroupHeartbeatRequest {
  readonly groupId: string;
  /** v1+: chosen by the consumer (a UUID string) and kept for its whole life; v0: "" on the first join. */
  readonly memberId: string;
  /** 0 joins, -1 leaves, -2 leaves temporarily (static members), > 0 the current epoch. */
  readonly memberEpoch: number;
  readonly instanceId?: string | null;
  readonly rackId?: string | null;
  /** -1 (the default) means unchanged. */
  readonly rebalanceTimeoutMs?: number;
  readonly subscribedTopicNames?: readonly string[] | null;
  /** v1+; "" clears the regular expression. */
  readonly subscribedTopicRegex?: string | null;
  readonly serverAssignor?: string | null;
  /** Every partition the member owns now; null when unchanged (unknown). */
  readonly topicPartitions?: readonly TopicIdPartitions[] | null;
}

/** ConsumerGroupHeartbeat response. */
export interface ConsumerGroupHeartbeatResponse {
  readonly errorCode: ErrorCode;
  readonly errorMessage: string | null;
  readonly memberId: string | null;
  readonly memberEpoch: number;
  readonly heartbeatIntervalMs: number;
  /** Null when unchanged; otherwise every partition the member may own now, topics ascending. */
  readonly assignment: { readonly topicPartitions: readonly TopicIdPartitions[] } | null;
}

/** ConsumerGroupDescribe v0-v1 (API key 69), for this machine's group. */
export interface ConsumerGroupDescribeRequest {
  readonly groupIds: readonly string[];
  readonly includeAuthorizedOperations?: boolean;
}

/** One member in a ConsumerGroupDescribe response. */
export interface DescribedConsumerGroupMember {
  readonly memberId: string;
  readonly instanceId: string | null;
  readonly rackId: string | null;
  readonly memberEpoch: number;
  readonly clientId: string;
  readonly clientHost: string;
  readonly subscribedTopicNames: readonly string[];
  readonly subscribedTopicRegex: string | null;
  /** Current assignment, topics with their names. */
  readonly assignment: readonly { readonly topicId: string; readonly topicName: string; readonly partitions: readonly number[] }[];
  readonly targetAssignment: readonly { readonly topicId: string; readonly topicName: string; readonly partitions: readonly number[] }[];
}

/** One group in a ConsumerGroupDescribe response. */
export interface DescribedConsumerGroup {
  readonly errorCode: ErrorCode;
  readonly errorMessage: string | null;
  readonly groupId: string;
  /** Kafka's state names: Empty, Assigning, Reconciling, Stable, Dead. */
  readonly groupState: ConsumerGroupStateName | 'Dead';
  readonly groupEpoch: number;
  readonly assignmentEpoch: number;
  readonly assignorName: string;
  readonly members: readonly DescribedConsumerGroupMember[];
}

/** ConsumerGroupDescribe response. */
export interface ConsumerGroupDescribeResponse {
  readonly groups: readonly DescribedConsumerGroup[];
}

/**
 * OffsetFetch v0-v9 for this machine's group. From v9 a member of a consumer group sends its
 * member id and epoch; absent (null) and -1 mean "not a member" (the admin client, old clients).
 */
export interface ConsumerOffsetFetchRequest extends OffsetFetchRequest {
  readonly memberId?: string | null;
  readonly memberEpoch?: number;
}

/** Maps each API to its request and response types. */
export interface ConsumerGroupApiTypes {
  ConsumerGroupHeartbeat: { request: ConsumerGroupHeartbeatRequest; response: ConsumerGroupHeartbeatResponse };
  ConsumerGroupDescribe: { request: ConsumerGroupDescribeRequest; response: ConsumerGroupDescribeResponse };
  OffsetCommit: { request: OffsetCommitRequest; response: OffsetCommitResponse };
  OffsetFetch: { request: ConsumerOffsetFetchRequest; response: OffsetFetchResponse };
}

// ---------------------------------------------------------------------------------------------
// Topic metadata (the caller's cluster metadata image)
// ---------------------------------------------------------------------------------------------

/** One topic of the cluster metadata. */
export interface TopicImage {
  /** Kafka Uuid string (any non-empty string is accepted). */
  readonly topicId: string;
  readonly name: string;
  readonly partitions: number;
  /** The racks of each partition's replicas, by partition id (optional). */
  readonly partitionRacks?: readonly (readonly string[])[];
}

/** The metadata image the coordinator resolves names, regular expressions and partition counts against. */
export interface MetadataImage {
  readonly byId: ReadonlyMap<string, TopicImage>;
  readonly byName: ReadonlyMap<string, TopicImage>;
  /** Bumped by every `metadata` input that adds a topic (Kafka's "last image version with new topics"). */
  readonly version: number;
}

// ---------------------------------------------------------------------------------------------
// Records (what Kafka appends to __consumer_offsets for a consumer group)
// ---------------------------------------------------------------------------------------------

/** A member's reconciliation state (Kafka's `MemberState`). */
export type MemberState = 'STABLE' | 'UNREVOKED_PARTITIONS' | 'UNRELEASED_PARTITIONS' | 'UNKNOWN';

/** ConsumerGroupMetadataValue. */
export interface ConsumerGroupMetadataValue {
  readonly epoch: number;
  /** Digest of the subscribed topics' metadata; 0 when none of them exists. */
  readonly metadataHash: number;
}

/** ConsumerGroupMemberMetadataValue. */
export interface ConsumerGroupMemberMetadataValue {
  readonly instanceId: string | null;
  readonly rackId: string | null;
  readonly clientId: string;
  readonly clientHost: string;
  /** Sorted, distinct. */
  readonly subscribedTopicNames: readonly string[];
  /** "" when none. */
  readonly subscribedTopicRegex: string;
  readonly rebalanceTimeoutMs: number;
  readonly serverAssignor: string | null;
}

/** ConsumerGroupCurrentMemberAssignmentValue. */
export interface ConsumerGroupCurrentMemberAssignmentValue {
  readonly memberEpoch: number;
  readonly previousMemberEpoch: number;
  readonly state: MemberState;
  readonly assignedPartitions: PackedTopicPartitions;
  readonly partitionsPendingRevocation: PackedTopicPartitions;
}

/** ConsumerGroupRegularExpressionValue: what a regular expression resolved to. */
export interface ResolvedRegularExpression {
  /** Topic names, sorted. */
  readonly topics: readonly string[];
  /** The metadata image version it was resolved against. */
  readonly version: number;
  readonly timestampMs: number;
}

/** ConsumerGroupPartitionMetadataValue (Kafka 4.0's record of the subscribed topics' metadata). */
export interface ConsumerGroupPartitionMetadataValue {
  readonly topics: readonly { readonly topicId: string; readonly topicName: string; readonly numPartitions: number }[];
}

/** A record the coordinator asks the driver to append; `value: null` is a tombstone. */
export type ConsumerGroupRecord =
  | { readonly type: 'ConsumerGroupMetadata'; readonly groupId: string; readonly value: ConsumerGroupMetadataValue | null }
  | { readonly type: 'ConsumerGroupPartitionMetadata'; readonly groupId: string; readonly value: ConsumerGroupPartitionMetadataValue | null }
  | {
      readonly type: 'ConsumerGroupMemberMetadata';
      readonly groupId: string;
      readonly memberId: string;
      readonly value: ConsumerGroupMemberMetadataValue | null;
    }
  | { readonly type: 'ConsumerGroupTargetAssignmentMetadata'; readonly groupId: string; readonly value: { readonly assignmentEpoch: number } | null }
  | {
      readonly type: 'ConsumerGroupTargetAssignmentMember';
      readonly groupId: string;
      readonly memberId: string;
      readonly value: { readonly topicPartitions: PackedTopicPartitions } | null;
    }
  | {
      readonly type: 'ConsumerGroupCurrentMemberAssignment';
      readonly groupId: string;
      readonly memberId: string;
      readonly value: ConsumerGroupCurrentMemberAssignmentValue | null;
    }
  | {
      readonly type: 'ConsumerGroupRegularExpression';
      readonly groupId: string;
      readonly regex: string;
      readonly value: ResolvedRegularExpression | null;
    }
  /** A committed offset (Kafka's OffsetCommitKey/Value); it lives beside the group, not in it. */
  | {
      readonly type: 'OffsetCommit';
      readonly groupId: string;
      readonly topic: string;
      readonly partition: number;
      readonly value: OffsetCommitValue | null;
    };

// ---------------------------------------------------------------------------------------------
// Group model
// ---------------------------------------------------------------------------------------------

/** A member of a consumer group (Kafka's `ConsumerGroupMember`). */
export interface ConsumerGroupMember extends ConsumerGroupMemberMetadataValue {
  readonly memberId: string;
  readonly memberEpoch: number;
  readonly previousMemberEpoch: number;
  readonly state: MemberState;
  /** topic id -> partitions the member owns now. */
  readonly assignedPartitions: PackedTopicPartitions;
  /** topic id -> partitions the member must give up before it may advance its epoch. */
  readonly partitionsPendingRevocation: PackedTopicPartitions;
}

/** One consumer group (Kafka's `ConsumerGroup`). Collections keyed by outside strings are PMaps. */
export interface ConsumerGroup {
  readonly groupId: string;
  /** G: bumped whenever the inputs of the assignment change. */
  readonly groupEpoch: number;
  /** A: the epoch of the installed target assignment; A <= G. */
  readonly assignmentEpoch: number;
  readonly metadataHash: number;
  readonly members: PMap<ConsumerGroupMember>;
  /** instance id -> member id. */
  readonly staticMembers: PMap<string>;
  /** member id -> target assignment (topic id -> partitions); absent means empty. */
  readonly targetAssignment: PMap<PackedTopicPartitions>;
  /**
   * `<partition>:<topicId>` -> id of the member that owns it (assigned or pending revocation).
   * Kafka stores the owner's epoch instead; that is always the owner's current epoch
   * (see `currentPartitionEpoch`).
   */
  readonly partitionOwners: PMap<string>;
  /** topic name -> number of members subscribing to it by name. */
  readonly subscribedTopicNames: PMap<number>;
  /** regular expression -> number of members subscribing to it. */
  readonly subscribedRegularExpressions: PMap<number>;
  readonly resolvedRegularExpressions: PMap<ResolvedRegularExpression>;
  /** server assignor name -> number of members that selected it. */
  readonly serverAssignors: PMap<number>;
  /** member epoch (as a string) -> number of STABLE members at that epoch; derives the group state in O(1). */
  readonly stableMemberCounts: PMap<number>;
  /** A 4.0-style ConsumerGroupPartitionMetadata record exists (4.1+ tombstones it at the next bump). */
  readonly hasPartitionMetadataRecord: boolean;
}

// ---------------------------------------------------------------------------------------------
// Inputs, outputs and configuration
// ---------------------------------------------------------------------------------------------

/** A request as it reaches the coordinator: the envelope is the driver's, the body the peer's. */
export type ConsumerGroupRequestInput = RequestEnvelope<ConsumerGroupApi, ConsumerGroupApiTypes>;

/** The settings a `configure` input may change (everything but the group id). */
export type ConsumerGroupConfigUpdate = Partial<Omit<ConsumerGroupConfig, 'groupId'>>;

/** Everything `stepConsumerGroup` accepts. */
export type ConsumerGroupCoordinatorInput =
  | ConsumerGroupRequestInput
  | TimerFired
  /** A new cluster metadata image (every topic); changed subscribed topics trigger a metadata refresh. */
  | { readonly type: 'metadata'; readonly topics: readonly TopicImage[] }
  /** New settings; they apply to the requests that follow. */
  | { readonly type: 'configure'; readonly config: ConsumerGroupConfigUpdate };

/** A response, addressed to the request it answers. */
export type ConsumerGroupResponseOutput = ResponseEnvelope<ConsumerGroupApi, ConsumerGroupApiTypes>;

/** Why a member left the group. */
export type ConsumerMemberRemovalReason = 'left' | 'session-expired' | 'rebalance-expired' | 'replaced';

/** Things an observer may want to know; they change nothing. */
export type ConsumerGroupEvent =
  | { readonly kind: 'state-changed'; readonly from: ConsumerGroupStateName; readonly to: ConsumerGroupStateName; readonly groupEpoch: number }
  | { readonly kind: 'member-added'; readonly memberId: string; readonly instanceId: string | null }
  | { readonly kind: 'member-removed'; readonly memberId: string; readonly reason: ConsumerMemberRemovalReason }
  | { readonly kind: 'epoch-bumped'; readonly groupEpoch: number };

/** Everything `stepConsumerGroup` produces, in the order the driver should act on it. */
export type ConsumerGroupCoordinatorOutput = ConsumerGroupResponseOutput | CoordinatorEffect<ConsumerGroupRecord, ConsumerGroupEvent>;

/** The result of one step. */
export interface ConsumerGroupStepResult {
  readonly state: ConsumerGroupCoordinatorState;
  readonly outputs: readonly ConsumerGroupCoordinatorOutput[];
}

/** The Kafka release whose behaviour to follow where 4.0, 4.1 and 4.2 differ (reference §0.3). */
export type KafkaVersion = '4.0' | '4.1' | '4.2';

/** The coordinator's settings (Kafka's `group.consumer.*` configs, with Kafka's defaults). */
export interface ConsumerGroupConfig {
  readonly groupId: string;
  /** `group.consumer.session.timeout.ms`, default 45000. */
  readonly sessionTimeoutMs?: number;
  /** `group.consumer.heartbeat.interval.ms`, default 5000. */
  readonly heartbeatIntervalMs?: number;
  /** `group.consumer.max.size`, default 2147483647. */
  readonly maxSize?: number;
  /** `group.consumer.assignors`, default [uniform, range]; the first is the default assignor. */
  readonly assignors?: readonly ServerAssignor[];
  /** `group.consumer.regex.refresh.interval.ms`, default 600000 (4.1+). */
  readonly regexRefreshIntervalMs?: number;
  /** The minimum interval between two regex resolutions of the group, 10000 in Kafka (a constant there). */
  readonly regexBatchRefreshIntervalMs?: number;
  /** Longest accepted `SubscribedTopicRegex` in UTF-16 units, default 4096 (a kgroup guard; Kafka has none). */
  readonly maxRegexLength?: number;
  /** Most accepted entries in `SubscribedTopicNames` or `TopicPartitions`, default 100000 (a kgroup guard). */
  readonly maxListLength?: number;
  /** Default '4.2'. */
  readonly kafkaVersion?: KafkaVersion;
  /**
   * Makes a member id for a v0 join without one (v1 clients choose their own). Kafka uses a
   * random UUID; the default is a UUID-shaped counter, deterministic but reissued after a
   * failover: inject a random-backed source in production.
   */
  readonly memberIdSource?: (sequence: number) => string;
  /** `offset.metadata.max.bytes`, default 4096: longer commit metadata gets OFFSET_METADATA_TOO_LARGE. */
  readonly offsetMetadataMaxSize?: number;
}

/** Settings with every default filled in. */
export type ResolvedConsumerGroupConfig = Required<ConsumerGroupConfig>;

/** The coordinator's whole state for one group. Immutable: a step returns a new one. */
export interface ConsumerGroupCoordinatorState {
  readonly config: ResolvedConsumerGroupConfig;
  readonly metadata: MetadataImage;
  /** null while the group does not exist. */
  readonly group: ConsumerGroup | null;
  /** Soft state (not in records): see {@link ConsumerGroupSoftState}. */
  readonly soft: ConsumerGroupSoftState;
  /**
   * Committed offsets, topic name -> partition -> offset (Kafka's OffsetMetadataManager store for
   * this group). Kept beside the group: offsets outlive it and a "simple" commit needs none.
   * Absent means none.
   */
  readonly offsets?: PMap<ReadonlyMap<number, OffsetAndMetadata>>;
}

/** What Kafka keeps in memory only; rebuilt empty by a replay and re-armed by `onConsumerGroupLoaded`. */
export interface ConsumerGroupSoftState {
  /** Kafka's metadataRefreshDeadline: the hash is recomputed when now >= deadlineMs or G < epoch. */
  readonly metadataRefreshDeadlineMs: number;
  readonly metadataRefreshEpoch: number;
  /** member id -> the member epoch its rebalance timer was armed for. */
  readonly rebalanceTimeoutEpochs: PMap<number>;
  /** A regex resolution is scheduled and has not run yet. */
  readonly regexRefreshInFlight: boolean;
  /** When the last resolution ran, -Infinity when never. */
  readonly lastRegexRefreshMs: number;
  /** The last sequence number given to `memberIdSource`. */
  readonly memberIdSequence: number;
}
