/**
 * The vocabulary of the classic group member (the consumer side): its configuration, its
 * state, the inputs `stepClassicMember` accepts and the outputs it returns. Requests and
 * responses are the coordinator's own types, so the two machines plug together directly.
 */
import type { AssignmentViolation } from '../../assignors/verify.js';
import type { PartitionAssignor } from '../../assignors/types.js';
import type { PackedTopicPartitions } from '../../protocol/topic-partitions.js';
import type { RebalanceCallbackName, RebalanceProtocol, TopicMetadata } from '../../protocol/types.js';
import type { ClassicApiTypes } from '../coordinator/types.js';
import type { ClassicMemberStateName } from './states.js';

/** The APIs the member sends (OffsetFetch is the application's business, not the group's). */
export type ClassicMemberApi = 'JoinGroup' | 'SyncGroup' | 'Heartbeat' | 'LeaveGroup' | 'OffsetCommit';

// ---------------------------------------------------------------------------------------------
// Configuration
// ---------------------------------------------------------------------------------------------

/** The member's settings, named after Kafka's consumer configs, with Kafka 4.0's defaults. */
export interface ClassicMemberConfig {
  /** `group.id`. */
  readonly groupId: string;
  /** `group.instance.id` (KIP-345): set for a static member; null or absent for a dynamic one. */
  readonly groupInstanceId?: string | null;
  /**
   * `partition.assignment.strategy`, in order of preference (JoinGroup lists them in this order).
   * The rebalance protocol is the highest one every assignor supports.
   */
  readonly assignors: readonly PartitionAssignor[];
  /** `session.timeout.ms`, default 45000. */
  readonly sessionTimeoutMs?: number;
  /** `heartbeat.interval.ms`, default 3000; must be below the session timeout. */
  readonly heartbeatIntervalMs?: number;
  /** `max.poll.interval.ms`, default 300000; also the JoinGroup rebalance timeout. */
  readonly maxPollIntervalMs?: number;
  /** `retry.backoff.ms`, default 100. */
  readonly retryBackoffMs?: number;
  /** `retry.backoff.max.ms`, default 1000 (caps the heartbeat's exponential backoff). */
  readonly retryBackoffMaxMs?: number;
  /** `request.timeout.ms`, default 30000 (JoinGroup waits at least the rebalance timeout + 5 s). */
  readonly requestTimeoutMs?: number;
  /** `client.rack` (KIP-881), sent in the subscription; null or absent when unset. */
  readonly rackId?: string | null;
  /**
   * `enable.auto.commit`, default true: before revoking partitions for a rebalance the member
   * commits the positions the application reported with `positions` inputs and waits for the answer.
   */
  readonly enableAutoCommit?: boolean;
}

/** Settings with every default filled in. */
export interface ResolvedClassicMemberConfig {
  readonly groupId: string;
  readonly groupInstanceId: string | null;
  readonly assignors: readonly PartitionAssignor[];
  readonly sessionTimeoutMs: number;
  readonly heartbeatIntervalMs: number;
  readonly maxPollIntervalMs: number;
  readonly retryBackoffMs: number;
  readonly retryBackoffMaxMs: number;
  readonly requestTimeoutMs: number;
  readonly rackId: string | null;
  readonly enableAutoCommit: boolean;
}

// ---------------------------------------------------------------------------------------------
// State
// ---------------------------------------------------------------------------------------------

/** Kafka's Generation: what the member knows of its place in the group. */
export interface ClassicMemberGeneration {
  /** -1 when the member has no generation. */
  readonly generationId: number;
  /** "" before the coordinator gave the member an id. */
  readonly memberId: string;
  /** The selected assignor's name; null when the generation is reset. */
  readonly protocolName: string | null;
}

/** A request the member sent and has no answer to yet. */
export interface InFlightRequest {
  readonly requestId: number;
  /** The generation when it was sent: errors for an older generation are ignored, as in Kafka. */
  readonly generation: ClassicMemberGeneration;
  /** When the member gives up waiting and treats it as a disconnect (the client's request timeout). */
  readonly deadlineMs: number;
}

export type { RebalanceCallbackName };

/** What the member does once the application confirms a callback. */
export type AfterCallback =
  /** onJoinPrepare's revocation (or loss) is done: keep `owned`, then send JoinGroup. */
  | { readonly kind: 'join-prepared'; readonly owned: PackedTopicPartitions }
  /** onJoinComplete's cooperative revocation is done: take `assigned`, then invoke onPartitionsAssigned(`added`). */
  | {
      readonly kind: 'assign';
      readonly assigned: PackedTopicPartitions;
      readonly added: PackedTopicPartitions;
      /** The generation the assignment belongs to. */
      readonly generationId: number;
    }
  /** onPartitionsAssigned is done: the rebalance is complete. */
  | { readonly kind: 'join-completed' }
  /** onLeavePrepare is done: leave the group (and close, when `closing`). */
  | { readonly kind: 'leave'; readonly reason: string; readonly closing: boolean };

/** A callback the application has been asked to run and has not confirmed yet. */
export interface PendingCallback {
  readonly callbackId: number;
  readonly callback: RebalanceCallbackName;
  readonly partitions: PackedTopicPartitions;
  readonly then: AfterCallback;
}

/** The auto-commit that onJoinPrepare sends before revoking, and waits for. */
export interface PendingCommit {
  /** The end of onJoinPrepare's wait (the rebalance timeout, from the first attempt). */
  readonly giveUpAtMs: number;
  /** The commit on the wire, if any. */
  readonly request: InFlightRequest | null;
  /** After a retriable failure: when to send it again. */
  readonly retryAtMs: number | null;
  /** True once it succeeded or failed for good: onJoinPrepare may go on. */
  readonly finished: boolean;
}

/** The offset the application has consumed up to, for one partition (Kafka's OffsetAndMetadata). */
export interface ConsumedPosition {
  readonly topic: string;
  readonly partition: number;
  /** The next offset to consume. */
  readonly offset: number;
  readonly leaderEpoch?: number;
  readonly metadata?: string;
}

/** The member's whole state. Immutable: step returns a new one. */
export interface ClassicMemberState {
  readonly config: ResolvedClassicMemberConfig;
  /** The rebalance protocol chosen from the assignors at construction (Kafka's `protocol`). */
  readonly protocol: RebalanceProtocol;
  readonly state: ClassicMemberStateName;
  readonly generation: ClassicMemberGeneration;
  /** Subscribed topics, sorted; empty when the member does not subscribe (it takes no part in the group). */
  readonly subscription: readonly string[];
  /** The subscription sent in the last JoinGroup; null before the first. */
  readonly joinedSubscription: readonly string[] | null;
  /** The partitions the member owns (Kafka's `subscriptions.assignedPartitions()`). */
  readonly owned: PackedTopicPartitions;
  /** The last assignment received and its generation (what Kafka's assignors keep from onAssignment). */
  readonly lastAssignment: { readonly partitions: PackedTopicPartitions; readonly generationId: number };
  readonly rejoinNeeded: boolean;
  /** Sent as the next JoinGroup's reason (KIP-800); "" after each successful SyncGroup. */
  readonly rejoinReason: string;
  /** True when the next join round must run onJoinPrepare first. */
  readonly needsJoinPrepare: boolean;
  /**
   * True when the join loop waits for the application's next `poll` (before the first one, after
   * leaving on a poll timeout, and after an error that Kafka throws from poll).
   */
  readonly awaitingPoll: boolean;
  readonly isLeader: boolean;
  /** The leader's union of every member's topics, sorted; empty for a follower. */
  readonly groupSubscription: readonly string[];
  /** The cluster metadata the application last gave (topic -> partitions). */
  readonly metadata: ReadonlyMap<string, TopicMetadata>;
  /** The leader's metadata snapshot taken at assignment; a change triggers a rejoin. Null for a follower. */
  readonly assignmentSnapshot: string | null;
  readonly join: InFlightRequest | null;
  readonly sync: InFlightRequest | null;
  readonly heartbeat: InFlightRequest | null;
  readonly leave: InFlightRequest | null;
  readonly commit: PendingCommit | null;
  readonly callback: PendingCallback | null;
  /** The join loop's backoff after a retriable failure. */
  readonly retryAtMs: number | null;
  /** When the next heartbeat is due (joined members only). */
  readonly heartbeatDueMs: number;
  /** When the session is considered lost without a heartbeat answer. */
  readonly sessionDeadlineMs: number;
  /** When the member leaves the group for lack of a poll (max.poll.interval.ms). */
  readonly pollDeadlineMs: number;
  /** Consecutive heartbeat failures (exponential backoff). */
  readonly heartbeatAttempts: number;
  /** Consumed positions by topic, then partition. */
  readonly positions: ReadonlyMap<string, ReadonlyMap<number, ConsumedPosition>>;
  /** Set by a fatal error: the member does nothing more but close. */
  readonly failed: ClassicMemberError | null;
  readonly closed: boolean;
  readonly nextRequestId: number;
  readonly nextCallbackId: number;
  /** The latest time seen; time may not go backwards. */
  readonly lastNowMs: number;
}

// ---------------------------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------------------------

/** A coordinator's answer to a request the member sent. */
export type ClassicMemberResponseInput = {
  [A in ClassicMemberApi]: {
    readonly type: 'response';
    readonly api: A;
    readonly requestId: number;
    readonly response: ClassicApiTypes[A]['response'];
  };
}[ClassicMemberApi];

/** Everything `stepClassicMember` accepts. */
export type ClassicMemberInput =
  /** The application subscribes to these topics (an empty list is an unsubscribe). */
  | { readonly type: 'subscribe'; readonly topics: readonly string[] }
  /** The application unsubscribes: revoke (or lose) everything and leave the group. */
  | { readonly type: 'unsubscribe' }
  /** The application called poll: it is alive (max.poll.interval.ms) and the join loop may run. */
  | { readonly type: 'poll' }
  /** Time passed; deadlines due are handled. */
  | { readonly type: 'tick' }
  /** The application closes the consumer. */
  | { readonly type: 'close' }
  /** The cluster metadata: every topic the member should know of (absent = does not exist). */
  | { readonly type: 'metadata'; readonly topics: ReadonlyMap<string, TopicMetadata> }
  /** The application consumed up to these positions (auto-commit commits them before revoking). */
  | { readonly type: 'positions'; readonly positions: readonly ConsumedPosition[] }
  /** The application finished the callback `callbackId`; `error` when it threw. */
  | { readonly type: 'callback-done'; readonly callbackId: number; readonly error?: string }
  | ClassicMemberResponseInput
  /** A request got no answer: the connection dropped or the request timed out. */
  | { readonly type: 'request-failed'; readonly requestId: number; readonly reason: 'disconnected' | 'timeout' };

// ---------------------------------------------------------------------------------------------
// Outputs
// ---------------------------------------------------------------------------------------------

/** A request for the driver to send to the group coordinator (latest API versions). */
export type ClassicMemberSendOutput = {
  [A in ClassicMemberApi]: {
    readonly type: 'send';
    readonly api: A;
    readonly requestId: number;
    readonly request: ClassicApiTypes[A]['request'];
  };
}[ClassicMemberApi];

/** Why the member reports an error. */
export type ClassicMemberError =
  /** The coordinator answered with an error Kafka raises to the application. */
  | {
      readonly kind: 'group-error';
      readonly fatal: boolean;
      readonly api: ClassicMemberApi;
      readonly errorCode: number;
      /** Kafka's exception for it, e.g. `FencedInstanceIdException`. */
      readonly exception: string;
      readonly message: string;
    }
  /**
   * The leader's assignor failed or returned an invalid assignment; it was not sent. Not fatal:
   * the member rejoins at the next poll, as Kafka's does after throwing from poll.
   */
  | {
      readonly kind: 'assignment-failed';
      readonly fatal: false;
      readonly assignor: string;
      /** Every violation the verifier found (empty when the assignor threw). */
      readonly violations: readonly AssignmentViolation[];
      /** The AssignmentError (or whatever the assignor threw). */
      readonly cause: unknown;
      readonly message: string;
    }
  /** The group sent something the member cannot use (an unknown protocol, unreadable assignment bytes). */
  | { readonly kind: 'illegal-state'; readonly fatal: true; readonly message: string }
  /** The application's callback threw; the member went on, as Kafka's does, and reports it. */
  | { readonly kind: 'callback-failed'; readonly fatal: false; readonly callback: RebalanceCallbackName; readonly message: string };

/** Things an observer may want to know; they ask nothing of the driver except `coordinator-unknown`. */
export type ClassicMemberEvent =
  | { readonly kind: 'state-changed'; readonly from: ClassicMemberStateName; readonly to: ClassicMemberStateName; readonly generationId: number }
  /** The driver should rediscover the coordinator (FindCoordinator) and reconnect. */
  | { readonly kind: 'coordinator-unknown'; readonly reason: string }
  /** The member left the group (`sent`: a LeaveGroup went out; static members and unjoined ones send none). */
  | { readonly kind: 'left-group'; readonly reason: string; readonly sent: boolean }
  /** The LeaveGroup answer: `NONE`, Kafka's error name, or `IllegalStateException` for more than one member. */
  | { readonly kind: 'leave-group-result'; readonly outcome: string }
  /** The auto-commit before revocation failed; `retriable` says whether onJoinPrepare tries again. */
  | { readonly kind: 'auto-commit-failed'; readonly reason: string; readonly retriable: boolean }
  /** The topics the member needs metadata for changed (its subscription, plus every member's as leader). */
  | { readonly kind: 'metadata-topics'; readonly topics: readonly string[] };

/** Everything `stepClassicMember` produces, in order. */
export type ClassicMemberOutput =
  | ClassicMemberSendOutput
  /** Run this callback, then confirm it with `{ type: 'callback-done', callbackId }`. Nothing else moves meanwhile. */
  | {
      readonly type: 'callback';
      readonly callbackId: number;
      readonly callback: RebalanceCallbackName;
      readonly partitions: PackedTopicPartitions;
    }
  | { readonly type: 'error'; readonly error: ClassicMemberError }
  | { readonly type: 'event'; readonly event: ClassicMemberEvent };

/** The result of one step. */
export interface ClassicMemberStepResult {
  readonly state: ClassicMemberState;
  readonly outputs: readonly ClassicMemberOutput[];
}
