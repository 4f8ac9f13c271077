/**
 * The vocabulary of the classic group coordinator: requests and responses (Kafka's field names,
 * camelCase), the inputs and outputs of `step`, the records, and the group model.
 */
import type { ErrorCode } from '../../protocol/error-codes.js';
import type { PMap } from '../../internal/pmap.js';
import type { ClassicGroupStateName } from './states.js';

import type { CoordinatorEffect, RequestEnvelope, RequestId, ResponseEnvelope, TimerFired } from '../../internal/envelope.js';

export type { RequestId };

/** The APIs the coordinator answers. */
export type ClassicApi = 'JoinGroup' | 'SyncGroup' | 'Heartbeat' | 'LeaveGroup' | 'OffsetCommit' | 'OffsetFetch';

// ---------------------------------------------------------------------------------------------
// Requests (bodies), as in Kafka's *RequestData
// ---------------------------------------------------------------------------------------------

/** One protocol a member supports, in its order of preference. */
export interface JoinGroupRequestProtocol {
  readonly name: string;
  /** The protocol metadata (for protocol type "consumer": a ConsumerProtocol subscription). */
  readonly metadata: Uint8Array;
}

/** JoinGroup v0-v9. */
export interface JoinGroupRequest {
  readonly groupId: string;
  readonly sessionTimeoutMs: number;
  /** v1+; v0 uses the session timeout. */
  readonly rebalanceTimeoutMs?: number;
  /** "" for a member that has no id yet. */
  readonly memberId: string;
  /** v5+; null or absent for a dynamic member. */
  readonly groupInstanceId?: string | null;
  readonly protocolType: string;
  readonly protocols: readonly JoinGroupRequestProtocol[];
  /** v8+ (KIP-800), informational. */
  readonly reason?: string | null;
}

/** One member's assignment in the leader's SyncGroup. */
export interface SyncGroupRequestAssignment {
  readonly memberId: string;
  readonly assignment: Uint8Array;
}

/** SyncGroup v0-v5. */
export interface SyncGroupRequest {
  readonly groupId: string;
  readonly generationId: number;
  readonly memberId: string;
  /** v3+. */
  readonly groupInstanceId?: string | null;
  /** v5+ (mandatory at v5). */
  readonly protocolType?: string | null;
  /** v5+ (mandatory at v5). */
  readonly protocolName?: string | null;
  readonly assignments: readonly SyncGroupRequestAssignment[];
}

/** Heartbeat v0-v4. */
export interface HeartbeatRequest {
  readonly groupId: string;
  readonly generationId: number;
  readonly memberId: string;
  /** v3+. */
  readonly groupInstanceId?: string | null;
}

/** One member leaving (LeaveGroup v3+). */
export interface LeaveGroupMemberIdentity {
  readonly memberId: string;
  readonly groupInstanceId?: string | null;
  /** v5+, informational. */
  readonly reason?: string | null;
}

/** LeaveGroup v0-v5: `memberId` for v0-v2, `members` for v3+. */
export interface LeaveGroupRequest {
  readonly groupId: string;
  readonly memberId?: string;
  readonly members?: readonly LeaveGroupMemberIdentity[];
}

/** One partition's offset in an OffsetCommit. */
export interface OffsetCommitRequestPartition {
  readonly partitionIndex: number;
  readonly committedOffset: number;
  /** v6+; -1 when unknown. */
  readonly committedLeaderEpoch?: number;
  readonly committedMetadata?: string | null;
}

/** OffsetCommit v0-v9 (as far as it touches the group). */
export interface OffsetCommitRequest {
  readonly groupId: string;
  /** -1 for a commit from outside group management (admin, manual assignment). */
  readonly generationIdOrMemberEpoch: number;
  readonly memberId: string;
  /** v7+. */
  readonly groupInstanceId?: string | null;
  /** v2-v4; -1 for the broker default. */
  readonly retentionTimeMs?: number;
  readonly topics: readonly { readonly name: string; readonly partitions: readonly OffsetCommitRequestPartition[] }[];
}

/** OffsetFetch v0-v9 for one group; `topics` null fetches every committed offset. */
export interface OffsetFetchRequest {
  readonly groupId: string;
  readonly topics: readonly { readonly name: string; readonly partitionIndexes: readonly number[] }[] | null;
  readonly requireStable?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Responses, as in Kafka's *ResponseData (semantic: the wire layer maps null to "" where an old
// version has no nullable string)
// ---------------------------------------------------------------------------------------------

/** One member in the leader's JoinGroup response. */
export interface JoinGroupResponseMember {
  readonly memberId: string;
  readonly groupInstanceId: string | null;
  /** The member's metadata for the selected protocol. */
  readonly metadata: Uint8Array;
}

/** JoinGroup response. */
export interface JoinGroupResponse {
  readonly errorCode: ErrorCode;
  readonly generationId: number;
  readonly protocolType: string | null;
  readonly protocolName: string | null;
  /** The leader's member id, "" when none. */
  readonly leader: string;
  /** v9+ (KIP-814): the static leader rejoined and must not run the assignor again. */
  readonly skipAssignment: boolean;
  readonly memberId: string;
  /** Every member for the leader, empty for the others. */
  readonly members: readonly JoinGroupResponseMember[];
}

/** SyncGroup response. */
export interface SyncGroupResponse {
  readonly errorCode: ErrorCode;
  readonly protocolType: string | null;
  readonly protocolName: string | null;
  readonly assignment: Uint8Array;
}

/** Heartbeat response. */
export interface HeartbeatResponse {
  readonly errorCode: ErrorCode;
}

/** One member's result in a LeaveGroup response (v3+). */
export interface LeaveGroupResponseMember {
  readonly memberId: string;
  readonly groupInstanceId: string | null;
  readonly errorCode: ErrorCode;
}

/** LeaveGroup response: v0-v2 carry only `errorCode` (the first member error); v3+ one entry per member. */
export interface LeaveGroupResponse {
  readonly errorCode: ErrorCode;
  readonly members: readonly LeaveGroupResponseMember[];
}

/** OffsetCommit response. */
export interface OffsetCommitResponse {
  readonly topics: readonly {
    readonly name: string;
    readonly partitions: readonly { readonly partitionIndex: number; readonly errorCode: ErrorCode }[];
  }[];
}

/** One partition in an OffsetFetch response. */
export interface OffsetFetchResponsePartition {
  readonly partitionIndex: number;
  /** -1 when nothing is committed. */
  readonly committedOffset: number;
  readonly committedLeaderEpoch: number;
  readonly metadata: string;
  readonly errorCode: ErrorCode;
}

/** OffsetFetch response for the group. */
export interface OffsetFetchResponse {
  readonly errorCode: ErrorCode;
  readonly topics: readonly { readonly name: string; readonly partitions: readonly OffsetFetchResponsePartition[] }[];
}

/** Maps each API to its request and response types. */
export interface ClassicApiTypes {
  JoinGroup: { request: JoinGroupRequest; response: JoinGroupResponse };
  SyncGroup: { request: SyncGroupRequest; response: SyncGroupResponse };
  Heartbeat: { request: HeartbeatRequest; response: HeartbeatResponse };
  LeaveGroup: { request: LeaveGroupRequest; response: LeaveGroupResponse };
  OffsetCommit: { request: OffsetCommitRequest; response: OffsetCommitResponse };
  OffsetFetch: { request: OffsetFetchRequest; response: OffsetFetchResponse };
}

// ---------------------------------------------------------------------------------------------
// Records (what Kafka appends to __consumer_offsets for a classic group)
// ---------------------------------------------------------------------------------------------

/** One member in a GroupMetadata record. */
export interface GroupMetadataMember {
  readonly memberId: string;
  readonly groupInstanceId: string | null;
  readonly clientId: string;
  readonly clientHost: string;
  readonly rebalanceTimeoutMs: number;
  readonly sessionTimeoutMs: number;
  /** The member's metadata for the selected protocol. */
  readonly subscription: Uint8Array;
  readonly assignment: Uint8Array;
}

/** The value of a GroupMetadata record (Kafka's GroupMetadataValue). */
export interface GroupMetadataValue {
  /** "" when the group has none. */
  readonly protocolType: string;
  readonly generation: number;
  readonly protocol: string | null;
  readonly leader: string | null;
  /** The time of the group's last state change when the record was written, -1 when unknown. */
  readonly currentStateTimestampMs: number;
  /** In join order. */
  readonly members: readonly GroupMetadataMember[];
}

/** The value of an OffsetCommit record. */
export interface OffsetCommitValue {
  readonly offset: number;
  readonly leaderEpoch: number;
  readonly metadata: string;
  readonly commitTimestampMs: number;
  /** null when the broker's retention applies. */
  readonly expireTimestampMs: number | null;
}

/** A record the coordinator asks the driver to append; `value: null` is a tombstone. */
export type ClassicGroupRecord =
  | { readonly type: 'GroupMetadata'; readonly groupId: string; readonly value: GroupMetadataValue | null }
  | {
      readonly type: 'OffsetCommit';
      readonly groupId: string;
      readonly topic: string;
      readonly partition: number;
      readonly value: OffsetCommitValue | null;
    };

// ---------------------------------------------------------------------------------------------
// Inputs and outputs of step
// ---------------------------------------------------------------------------------------------

/** A request as it reaches the coordinator: the envelope is the driver's, the body the peer's. */
export type ClassicRequestInput = RequestEnvelope<ClassicApi, ClassicApiTypes>;

/** The settings a `configure` input may change (everything but the group id). */
export type ClassicGroupConfigUpdate = Partial<Omit<ClassicGroupConfig, 'groupId'>>;

/** Everything `step` accepts. */
export type ClassicCoordinatorInput =
  | ClassicRequestInput
  | TimerFired
  /** New settings; they apply to the requests that follow. */
  | { readonly type: 'configure'; readonly config: ClassicGroupConfigUpdate }
  /** The coordinator gives the group up (Kafka's onUnloaded): the group becomes Dead. */
  | { readonly type: 'unload' }
  | ClassicAppendFailed;

/**
 * The records of the step that handled `request` could not be appended; `errorCode` is the
 * storage error (e.g. NOT_LEADER_OR_FOLLOWER, NOT_ENOUGH_REPLICAS, MESSAGE_TOO_LARGE). The
 * driver steps this against the state from BEFORE that step (it keeps that state until the
 * append is acknowledged, and discards the failed step's state and outputs), and acts on the
 * outputs as usual: the request is answered as Kafka answers it when the append fails.
 */
export interface ClassicAppendFailed {
  readonly type: 'append-failed';
  /** The request whose step's records failed, exactly as it was stepped. */
  readonly request: ClassicRequestInput;
  readonly errorCode: ErrorCode;
}

/** A response, addressed to the request it answers. */
export type ClassicResponseOutput = ResponseEnvelope<ClassicApi, ClassicApiTypes>;

/** Why a member left the group. */
export type MemberRemovalReason =
  | 'left'
  | 'session-expired'
  | 'not-rejoined'
  | 'sync-expired'
  | 'max-size'
  | 'replaced';

/** Things an observer may want to know; they change nothing. */
export type ClassicGroupEvent =
  | {
      readonly kind: 'state-changed';
      readonly from: ClassicGroupStateName;
      readonly to: ClassicGroupStateName;
      readonly generationId: number;
    }
  | { readonly kind: 'member-added'; readonly memberId: string; readonly groupInstanceId: string | null }
  | { readonly kind: 'member-removed'; readonly memberId: string; readonly reason: MemberRemovalReason }
  /**
   * A parked request that Kafka never answers (a second JoinGroup or SyncGroup replaced it, or its
   * member was removed while it waited): the driver may drop it (the client times out).
   */
  | { readonly kind: 'request-abandoned'; readonly requestId: RequestId; readonly api: ClassicApi };

/** Everything `step` produces, in the order the driver should act on it. */
export type ClassicCoordinatorOutput = ClassicResponseOutput | CoordinatorEffect<ClassicGroupRecord, ClassicGroupEvent>;

/** The result of one step. */
export interface ClassicStepResult {
  readonly state: ClassicCoordinatorState;
  readonly outputs: readonly ClassicCoordinatorOutput[];
}

// ---------------------------------------------------------------------------------------------
// Configuration and state
// ---------------------------------------------------------------------------------------------

/** Makes a member id from its prefix (client id, or instance id for a static member) and a sequence number. */
export type MemberIdSource = (prefix: string, sequence: number) => string;

/** The coordinator's settings (Kafka's broker configs, with Kafka's defaults). */
export interface ClassicGroupConfig {
  /** The group this machine coordinates. */
  readonly groupId: string;
  /** `group.min.session.timeout.ms`, default 6000. */
  readonly minSessionTimeoutMs?: number;
  /** `group.max.session.timeout.ms`, default 1800000. */
  readonly maxSessionTimeoutMs?: number;
  /** `group.initial.rebalance.delay.ms`, default 3000. */
  readonly initialRebalanceDelayMs?: number;
  /** `group.max.size`, default 2147483647. */
  readonly maxSize?: number;
  /** How long a new member's JoinGroup may stay parked, default 300000 (not configurable in Kafka). */
  readonly newMemberJoinTimeoutMs?: number;
  /** `offset.metadata.max.bytes`, default 4096 (compared with the string length, as Kafka does). */
  readonly offsetMetadataMaxSize?: number;
  /**
   * The id source. Kafka appends a random UUID; the default here appends a UUID-shaped
   * counter, which is deterministic but repeats after a failover: inject a random-backed
   * source in production so that ids of departed members are never reissued.
   */
  readonly memberIdSource?: MemberIdSource;
}

/** Settings with every default filled in. */
export type ResolvedClassicGroupConfig = Required<ClassicGroupConfig>;

/** A request parked until the group can answer it. */
export interface ParkedRequest {
  readonly requestId: RequestId;
  readonly apiVersion: number;
}

/** A member of a classic group (Kafka's ClassicGroupMember). */
export interface ClassicGroupMember {
  readonly memberId: string;
  readonly groupInstanceId: string | null;
  readonly clientId: string;
  readonly clientHost: string;
  readonly rebalanceTimeoutMs: number;
  readonly sessionTimeoutMs: number;
  readonly protocolType: string;
  /** In the member's order of preference. */
  readonly protocols: readonly JoinGroupRequestProtocol[];
  /** Empty until the leader's assignment is recorded. */
  readonly assignment: Uint8Array;
  readonly awaitingJoin: ParkedRequest | null;
  readonly awaitingSync: ParkedRequest | null;
  /** True from its first JoinGroup until that join completes (the new-member join timeout applies). */
  readonly isNew: boolean;
  /** Position in join order (smaller joined earlier); orders the leader's member list and the records. */
  readonly joinSeq: number;
}

/** The join timer's pending callback (Kafka keeps it in a closure; here it is data). */
export type JoinTimer =
  | { readonly kind: 'initial'; readonly delayMs: number; readonly remainingMs: number }
  | { readonly kind: 'rebalance' };

/** One classic group (Kafka's ClassicGroup). Collections keyed by outside strings are PMaps. */
export interface ClassicGroup {
  readonly groupId: string;
  readonly state: ClassicGroupStateName;
  readonly previousState: ClassicGroupStateName;
  /** When the group entered its state, -1 when unknown. */
  readonly stateTimestampMs: number;
  readonly generationId: number;
  readonly protocolType: string | null;
  readonly protocolName: string | null;
  readonly leaderId: string | null;
  readonly members: PMap<ClassicGroupMember>;
  /** groupInstanceId -> memberId. */
  readonly staticMembers: PMap<string>;
  /** Ids handed out with MEMBER_ID_REQUIRED that have not joined yet (not members). */
  readonly pendingJoinMembers: PMap<true>;
  /** Members that must still send SyncGroup for the current generation. */
  readonly pendingSyncMembers: PMap<true>;
  /** Members with a parked JoinGroup. */
  readonly awaitingJoinCount: number;
  /** protocol name -> number of members that list it. */
  readonly supportedProtocols: ReadonlyMap<string, number>;
  /** Set when a member joins during the initial rebalance, which extends its delay. */
  readonly newMemberAdded: boolean;
  readonly joinTimer: JoinTimer | null;
  /** The generation the `sync` timer was armed for, null when it is not armed. */
  readonly syncTimerGeneration: number | null;
  readonly nextJoinSeq: number;
}

/** One committed offset. */
export interface OffsetAndMetadata {
  readonly offset: number;
  readonly leaderEpoch: number;
  readonly metadata: string;
  readonly commitTimestampMs: number;
  readonly expireTimestampMs: number | null;
}

/** The coordinator's whole state for one group. Immutable: step returns a new one. */
export interface ClassicCoordinatorState {
  readonly config: ResolvedClassicGroupConfig;
  /** null while the group does not exist. */
  readonly group: ClassicGroup | null;
  /** topic -> partition -> committed offset. */
  readonly offsets: PMap<ReadonlyMap<number, OffsetAndMetadata>>;
  /** The next sequence number for the id source. */
  readonly memberIdSequence: number;
}
