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
    this.s = { ...state, lastNowMs: nowMs };
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
    return Object.freeze({ ...this.s });
  }
}
