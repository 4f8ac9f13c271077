/**
 * One step's working copy of the member state, the outputs collected so far, and the small
 * helpers every handler shares: checked transitions, epoch updates, callbacks and requests.
 */
import type { PackedTopicPartitions } from '../../protocol/topic-partitions.js';
import { assertValidConsumerMemberTransition, type ConsumerMemberStateName } from './states.js';
import type {
  AfterCallback,
  ConsumerMemberError,
  ConsumerMemberEvent,
  ConsumerMemberOutput,
  ConsumerMemberState,
  RebalanceCallbackName,
  ResolvedConsumerMemberConfig,
} from './types.js';

/** A writable copy of the state: handlers replace fields, never mutate nested values. */
export type MemberDraft = { -readonly [K in keyof ConsumerMemberState]: ConsumerMemberState[K] };

/**
 * A writable copy of `s` at `nowMs`. Every field is listed rather than spread: V8 copies an object
 * of this many properties through a slow generic path (about 1 µs), a literal of a known shape
 * in a tenth of that, and a member steps on every poll, heartbeat and timer.
 */
function draftOf(s: ConsumerMemberState, nowMs: number): MemberDraft {
  return {
    config: s.config,
    state: s.state,
    memberId: s.memberId,
    memberEpoch: s.memberEpoch,
    subscription: s.subscription,
    subscriptionUpdated: s.subscriptionUpdated,
    currentAssignment: s.currentAssignment,
    targetAssignment: s.targetAssignment,
    owned: s.owned,
    topicNames: s.topicNames,
    assignedTopicNames: s.assignedTopicNames,
    reconciliation: s.reconciliation,
    callbacks: s.callbacks,
    commit: s.commit,
    sentFields: s.sentFields,
    heartbeat: s.heartbeat,
    pollDeadlineMs: s.pollDeadlineMs,
    pollTimerExpired: s.pollTimerExpired,
    staleReleased: s.staleReleased,
    stalePolled: s.stalePolled,
    leaveInProgress: s.leaveInProgress,
    leaveGroupOperation: s.leaveGroupOperation,
    closing: s.closing,
    closed: s.closed,
    rngState: s.rngState,
    coordinator: s.coordinator,
    nextRequestId: s.nextRequestId,
    nextCallbackId: s.nextCallbackId,
    nextCommitId: s.nextCommitId,
    nextReconciliationId: s.nextReconciliationId,
    lastNowMs: nowMs,
  };
}

/** The working state of one step. */
export class MemberContext {
  /** The state being built. */
  readonly s: MemberDraft;
  /** The outputs so far, in order. */
  readonly outputs: ConsumerMemberOutput[] = [];

  constructor(
    state: ConsumerMemberState,
    readonly nowMs: number,
  ) {
    this.s = draftOf(state, nowMs);
  }

  /** The member's settings. */
  get config(): ResolvedConsumerMemberConfig {
    return this.s.config;
  }

  /** Reports something an observer may want to know. */
  event(event: ConsumerMemberEvent): void {
    this.outputs.push({ type: 'event', event });
  }

  /** Reports an error to the application. */
  error(error: ConsumerMemberError): void {
    this.outputs.push({ type: 'error', error });
  }

  /** Kafka's transitionTo: moves to `to`, checked against the table, and reports it. */
  transition(to: ConsumerMemberStateName): void {
    const from = this.s.state;
    assertValidConsumerMemberTransition(from, to);
    if (from === to) return;
    this.s.state = to;
    this.event({ kind: 'state-changed', from, to, memberEpoch: this.s.memberEpoch });
  }

  /** Kafka's updateMemberEpoch: listeners hear of a change (null when the epoch is not > 0). */
  updateMemberEpoch(epoch: number): void {
    if (this.s.memberEpoch === epoch) return;
    this.s.memberEpoch = epoch;
    this.event({ kind: 'epoch-changed', memberEpoch: epoch > 0 ? epoch : null });
  }

  /** Asks the application to run a callback; `then` runs when it confirms. */
  invokeCallback(callback: RebalanceCallbackName, partitions: PackedTopicPartitions, then: AfterCallback): void {
    const callbackId = this.s.nextCallbackId;
    this.s.nextCallbackId = callbackId + 1;
    this.s.callbacks = [...this.s.callbacks, { callbackId, callback, partitions, then }];
    this.outputs.push({ type: 'callback', callbackId, callback, partitions });
  }

  /** The step's resulting state, frozen. */
  finish(): ConsumerMemberState {
    // The draft is this step's own copy: freezing it is enough.
    return Object.freeze(this.s);
  }
}
