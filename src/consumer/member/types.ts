/**
 * The vocabulary of the KIP-848 group member (the consumer side): its configuration, its
 * state, the inputs `stepConsumerMember` accepts and the outputs it returns. Requests and
 * responses are the KIP-848 coordinator's own types, so the two machines plug together directly.
 */
import type { PackedTopicPartitions } from '../../protocol/topic-partitions.js';
import type { RebalanceCallbackName } from '../../protocol/types.js';
import type { ConsumerGroupHeartbeatRequest, ConsumerGroupHeartbeatResponse } from '../coordinator/types.js';
import type { ConsumerMemberStateName } from './states.js';

// ---------------------------------------------------------------------------------------------
// Configuration
// ---------------------------------------------------------------------------------------------

/** Kafka's CloseOptions.GroupMembershipOperation (4.1+): what close does with the membership. */
export type GroupMembershipOperation = 'DEFAULT' | 'LEAVE_GROUP' | 'REMAIN_IN_GROUP';

/** The member's settings, named after Kafka's consumer configs, with Kafka 4.2's defaults. */
export interface ConsumerMemberConfig {
  /** `group.id`. */
  readonly groupId: string;
  /**
   * The member id (Kafka: a random UUID the consumer makes once and keeps for its life). Give
   * either this or `memberIdSource`.
   */
  readonly memberId?: string;
  /** Called once, by `initialConsumerMemberState`, when `memberId` is absent. */
  readonly memberIdSource?: () => string;
  /** `group.instance.id`: set for a static member. */
  readonly groupInstanceId?: string | null;
  /** `client.rack`, sent while joining. */
  readonly rackId?: string | null;
  /** `group.remote.assignor`: the server assignor to ask for; null lets the coordinator choose. */
  readonly serverAssignor?: string | null;
  /** `max.poll.interval.ms`, default 300000; also the RebalanceTimeoutMs sent and the auto-commit's limit. */
  readonly maxPollIntervalMs?: number;
  /** `retry.backoff.ms`, default 100. */
  readonly retryBackoffMs?: number;
  /** `retry.backoff.max.ms`, default 1000. */
  readonly retryBackoffMaxMs?: number;
  /** `request.timeout.ms`, default 30000: a heartbeat without an answer by then counts as a timeout. */
  readonly requestTimeoutMs?: number;
  /** `enable.auto.commit`, default true: commit consumed offsets before every reconciliation. */
  readonly enableAutoCommit?: boolean;
  /**
   * Relative jitter of the retry backoff, 0 (the default, deterministic) to 1; Kafka uses 0.2.
   * The random numbers come from a generator seeded by `jitterSeed` and kept in the state.
   */
  readonly retryBackoffJitter?: number;
  /** Seed of the jitter's generator, default 1. */
  readonly jitterSeed?: number;
}

/** Settings with every default filled in. */
export interface ResolvedConsumerMemberConfig {
  readonly groupId: string;
  readonly groupInstanceId: string | null;
  readonly rackId: string | null;
  readonly serverAssignor: string | null;
  readonly maxPollIntervalMs: number;
  readonly retryBackoffMs: number;
  readonly retryBackoffMaxMs: number;
  readonly requestTimeoutMs: number;
  readonly enableAutoCommit: boolean;
  readonly retryBackoffJitter: number;
}

// ---------------------------------------------------------------------------------------------
// State
// ---------------------------------------------------------------------------------------------

/** Kafka's LocalAssignment: partitions by topic id, with a local epoch bumped by each new target. */
export interface LocalAssignment {
  /** -1 for NONE (not in a group, nothing reconciled). */
  readonly localEpoch: number;
  /** Topic id -> partitions. */
  readonly partitions: PackedTopicPartitions;
}

/** What the application subscribed to. */
export type ConsumerSubscription =
  | { readonly kind: 'none' }
  /** Topic names, sorted and distinct. */
  | { readonly kind: 'topics'; readonly topics: readonly string[] }
  /** A regular expression (RE2J syntax) the coordinator resolves. */
  | { readonly kind: 'pattern'; readonly pattern: string };

/** Kafka's HeartbeatState.SentFields: what the last request carried, for delta requests. */
export interface SentFields {
  /** -1 when not sent since the last reset. */
  readonly rebalanceTimeoutMs: number;
  readonly subscribedTopicNames: readonly string[] | null;
  readonly subscribedTopicRegex: string | null;
  readonly serverAssignor: string | null;
  readonly localAssignment: LocalAssignment | null;
}

/** A heartbeat on the wire. */
export interface InFlightHeartbeat {
  readonly requestId: number;
  /** When it counts as timed out (request.timeout.ms). */
  readonly deadlineMs: number;
  /** The leave heartbeat of an expired poll timer: its answer is only reported. */
  readonly ignoreResponse: boolean;
}

/** Kafka's HeartbeatRequestState: the interval timer and the exponential backoff. */
export interface HeartbeatSchedule {
  /** The HeartbeatIntervalMs the coordinator gave last; 0 before the first answer. */
  readonly intervalMs: number;
  /** When the interval timer expires. */
  readonly timerDeadlineMs: number;
  /** -1 when nothing was sent since the last reset. */
  readonly lastSentMs: number;
  /** When the last answer or failure came; -1 when none. */
  readonly lastReceivedMs: number;
  /** The backoff that follows `lastReceivedMs`. */
  readonly backoffMs: number;
  /** Consecutive failures. */
  readonly attempts: number;
  readonly inFlight: readonly InFlightHeartbeat[];
}

export type { RebalanceCallbackName };

/** What the member does once the application confirms a callback. */
export type AfterCallback =
  | { readonly kind: 'reconcile-revoked'; readonly reconciliationId: number }
  | { readonly kind: 'reconcile-assigned'; readonly reconciliationId: number }
  /** onPartitionsLost after fencing: clear the assignment, rejoin if still FENCED. */
  | { readonly kind: 'fenced' }
  /** onPartitionsLost after a fatal error: clear the assignment. */
  | { readonly kind: 'fatal' }
  /** onPartitionsLost after the poll-timeout leave: clear the assignment, rejoin once polled. */
  | { readonly kind: 'stale' }
  /** onPartitionsRevoked/Lost of unsubscribe: clear the assignment and send the leave heartbeat. */
  | { readonly kind: 'leave' }
  /** onPartitionsRevoked/Lost of close: then leave without callbacks. */
  | { readonly kind: 'close' };

/** A callback the application has been asked to run and has not confirmed yet. */
export interface PendingCallback {
  readonly callbackId: number;
  readonly callback: RebalanceCallbackName;
  /** Topic names. */
  readonly partitions: PackedTopicPartitions;
  readonly then: AfterCallback;
}

/** A commit the application has been asked to make and has not confirmed yet. */
export interface PendingCommit {
  readonly commitId: number;
  /** After this the member goes on as if the commit failed (Kafka's commit timer). */
  readonly deadlineMs: number;
  readonly then: { readonly kind: 'reconcile'; readonly reconciliationId: number } | { readonly kind: 'close' };
}

/** A reconciliation in progress (Kafka's reconciliationInProgress and what it works on). */
export interface Reconciliation {
  readonly id: number;
  /** The resolvable part of the target, with the target's local epoch: what the ack reports. */
  readonly resolved: LocalAssignment;
  /** The same partitions by topic name. */
  readonly assigned: PackedTopicPartitions;
  readonly added: PackedTopicPartitions;
  readonly revoked: PackedTopicPartitions;
  /** Kafka's rejoinedWhileReconciliationInProgress: the result must be discarded. */
  readonly rejoined: boolean;
}

/** The member's whole state. Immutable: step returns a new one. */
export interface ConsumerMemberState {
  readonly config: ResolvedConsumerMemberConfig;
  readonly state: ConsumerMemberStateName;
  readonly memberId: string;
  /** 0 joining, -1/-2 leaving, > 0 the epoch the coordinator gave. */
  readonly memberEpoch: number;
  readonly subscription: ConsumerSubscription;
  /** Kafka's subscriptionUpdated flag: the next poll joins when UNSUBSCRIBED. */
  readonly subscriptionUpdated: boolean;
  /** The last reconciled assignment (what the heartbeats report as owned). */
  readonly currentAssignment: LocalAssignment;
  /** The last assignment received. */
  readonly targetAssignment: LocalAssignment;
  /** The partitions the application owns, by topic name (Kafka's subscription state). */
  readonly owned: PackedTopicPartitions;
  /** Topic id -> name from the last metadata input. */
  readonly topicNames: ReadonlyMap<string, string>;
  /** Kafka's assignedTopicNamesCache: names of assigned topics, used when metadata lost them. */
  readonly assignedTopicNames: ReadonlyMap<string, string>;
  readonly reconciliation: Reconciliation | null;
  readonly callbacks: readonly PendingCallback[];
  readonly commit: PendingCommit | null;
  readonly sentFields: SentFields;
  readonly heartbeat: HeartbeatSchedule;
  /** When the member leaves for lack of a poll (max.poll.interval.ms). */
  readonly pollDeadlineMs: number;
  /** Kafka's isPollTimerExpired: the leave in progress is a poll-timeout leave. */
  readonly pollTimerExpired: boolean;
  /** STALE bookkeeping: onPartitionsLost is done, and a poll came since the timeout. */
  readonly staleReleased: boolean;
  readonly stalePolled: boolean;
  /** Kafka's leaveGroupInProgress: an unsubscribe or close waits for its leave heartbeat's answer. */
  readonly leaveInProgress: boolean;
  readonly leaveGroupOperation: GroupMembershipOperation;
  /** close was called: only answers and confirmations are accepted now. */
  readonly closing: boolean;
  readonly closed: boolean;
  /** The jitter generator's state. */
  readonly rngState: number;
  /**
   * Whether the member knows its group coordinator (Kafka's CoordinatorRequestManager). It is
   * `assumed` until the driver first sends a `coordinator` input: the member then heartbeats
   * as if the driver always knew the coordinator (it never stops by itself). From the first
   * `coordinator` input on it tracks it: NOT_COORDINATOR, COORDINATOR_NOT_AVAILABLE and a
   * dropped connection make it `unknown`, and while unknown no heartbeat goes out.
   */
  readonly coordinator: CoordinatorStatus;
  readonly nextRequestId: number;
  readonly nextCallbackId: number;
  readonly nextCommitId: number;
  readonly nextReconciliationId: number;
  /** The latest time seen; time may not go backwards. */
  readonly lastNowMs: number;
}

// ---------------------------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------------------------

/** Everything `stepConsumerMember` accepts. */
/** See {@link ConsumerMemberState.coordinator}. */
export type CoordinatorStatus = 'assumed' | 'known' | 'unknown';

export type ConsumerMemberInput =
  /** Subscribe to topics by name (an empty list is an unsubscribe). */
  | { readonly type: 'subscribe'; readonly topics: readonly string[] }
  /** Subscribe by a regular expression the coordinator resolves (Kafka's SubscriptionPattern). */
  | { readonly type: 'subscribe'; readonly pattern: string }
  | { readonly type: 'unsubscribe' }
  /** The application called poll: it is alive, joins may start, reconciliation may commit. */
  | { readonly type: 'poll' }
  /** Time passed; deadlines due are handled. */
  | { readonly type: 'tick' }
  /** The application closes the consumer (default operation: DEFAULT). */
  | { readonly type: 'close'; readonly operation?: GroupMembershipOperation }
  /** The cluster metadata: topic id -> topic name, every topic known (replaces the previous). */
  | { readonly type: 'metadata'; readonly topicNames: ReadonlyMap<string, string> }
  /** The commit `commitId` finished; `error` when it failed for good. */
  | { readonly type: 'commit-done'; readonly commitId: number; readonly error?: string }
  /** The callback `callbackId` finished; `error` when it threw. */
  | { readonly type: 'callback-done'; readonly callbackId: number; readonly error?: string }
  /** The coordinator's answer to heartbeat `requestId`. */
  | { readonly type: 'response'; readonly api: 'ConsumerGroupHeartbeat'; readonly requestId: number; readonly response: ConsumerGroupHeartbeatResponse }
  /**
   * Heartbeat `requestId` got no answer: `disconnected` and `timeout` are retriable;
   * `unsupported-version` (the broker lacks the API) is fatal.
   */
  | { readonly type: 'request-failed'; readonly requestId: number; readonly reason: 'disconnected' | 'timeout' | 'unsupported-version' }
  /**
   * The driver's coordinator discovery (Kafka's FindCoordinator): `known: false` when it lost or
   * is looking for the coordinator, `known: true` once it found one. Sending it turns on
   * coordinator tracking (see {@link ConsumerMemberState.coordinator}).
   */
  | { readonly type: 'coordinator'; readonly known: boolean };

// ---------------------------------------------------------------------------------------------
// Outputs
// ---------------------------------------------------------------------------------------------

/** A heartbeat for the driver to send to the group coordinator. */
export interface ConsumerMemberSendOutput {
  readonly type: 'send';
  readonly api: 'ConsumerGroupHeartbeat';
  readonly apiVersion: number;
  readonly requestId: number;
  readonly request: ConsumerGroupHeartbeatRequest;
}

/** An error for the application (Kafka's ErrorEvent, thrown from poll). */
export type ConsumerMemberError =
  | {
      readonly kind: 'group-error';
      /** True when the member went FATAL. */
      readonly fatal: boolean;
      readonly errorCode: number;
      /** Kafka's exception for it, e.g. `GroupAuthorizationException`. */
      readonly exception: string;
      readonly message: string;
    }
  /** The application's callback threw; the reconciliation is retried at the next poll. */
  | { readonly kind: 'callback-failed'; readonly fatal: false; readonly callback: RebalanceCallbackName; readonly message: string };

/** Things an observer may want to know. */
export type ConsumerMemberEvent =
  | { readonly kind: 'state-changed'; readonly from: ConsumerMemberStateName; readonly to: ConsumerMemberStateName; readonly memberEpoch: number }
  /** Kafka's MemberStateListener: commits carry this epoch; null when the member is out of the group. */
  | { readonly kind: 'epoch-changed'; readonly memberEpoch: number | null }
  /** The driver should rediscover the coordinator. */
  | { readonly kind: 'coordinator-unknown'; readonly reason: string }
  /** Topic ids of the target that no metadata names: the driver should refresh metadata. */
  | { readonly kind: 'metadata-needed'; readonly topicIds: readonly string[] }
  /** The commit before a revocation failed or timed out; the reconciliation goes on. */
  | { readonly kind: 'auto-commit-failed'; readonly reason: string }
  /** An unsubscribe or close finished: its leave heartbeat was answered (or none was needed). */
  | { readonly kind: 'leave-completed' }
  /** The answer to a heartbeat of a membership the member gave up on (the poll-timeout leave and those before it). */
  | { readonly kind: 'response-ignored'; readonly requestId: number; readonly errorCode: number };

/** Everything `stepConsumerMember` produces, in order. */
export type ConsumerMemberOutput =
  | ConsumerMemberSendOutput
  /** Run this callback, then confirm it with `{ type: 'callback-done', callbackId }`. */
  | {
      readonly type: 'callback';
      readonly callbackId: number;
      readonly callback: RebalanceCallbackName;
      /** Topic names. */
      readonly partitions: PackedTopicPartitions;
    }
  /**
   * Commit the consumed offsets of `partitions` (OffsetCommit with this member id and epoch,
   * retrying retriable errors until `deadlineMs`), then confirm with `commit-done`.
   */
  | {
      readonly type: 'commit';
      readonly commitId: number;
      readonly memberId: string;
      readonly memberEpoch: number;
      readonly partitions: PackedTopicPartitions;
      readonly deadlineMs: number;
    }
  | { readonly type: 'error'; readonly error: ConsumerMemberError }
  | { readonly type: 'event'; readonly event: ConsumerMemberEvent };

/** The result of one step. */
export interface ConsumerMemberStepResult {
  readonly state: ConsumerMemberState;
  readonly outputs: readonly ConsumerMemberOutput[];
}
