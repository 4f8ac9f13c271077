/**
 * One step's working copy of the member state, the outputs collected so far, and the small
 * state changes every handler shares (Kafka's requestRejoin, resetStateAndRejoin, ...).
 */
import type { PackedTopicPartitions } from '../../protocol/topic-partitions.js';
import type { ClassicApiTypes } from '../coordinator/types.js';
import { NO_GENERATION, resetGeneration } from './generation.js';
import { assertValidClassicMemberTransition, type ClassicMemberStateName } from './states.js';
import type {
  AfterCallback,
  ClassicMemberApi,
  ClassicMemberError,
  ClassicMemberEvent,
  ClassicMemberOutput,
  ClassicMemberSendOutput,
  ClassicMemberState,
  InFlightRequest,
  RebalanceCallbackName,
  ResolvedClassicMemberConfig,
} from './types.js';

/** A writable copy of the state: handlers replace fields, never mutate nested values. */
export type MemberDraft = { -readonly [K in keyof ClassicMemberState]: ClassicMemberState[K] };

/**
 * A writable copy of `s` at `nowMs`. Every field is listed rather than spread: V8 copies an object
 * of this many properties through a slow generic path (about 1 µs), a literal of a known shape
 * in a tenth of that, and a member steps on every poll, heartbeat and timer.
 */
function draftOf(s: ClassicMemberState, nowMs: number): MemberDraft {
  return {
    config: s.config,
    protocol: s.protocol,
    state: s.state,
    generation: s.generation,
    subscription: s.subscription,
    joinedSubscription: s.joinedSubscription,
    owned: s.owned,
    lastAssignment: s.lastAssignment,
    rejoinNeeded: s.rejoinNeeded,
    rejoinReason: s.rejoinReason,
    needsJoinPrepare: s.needsJoinPrepare,
    awaitingPoll: s.awaitingPoll,
    isLeader: s.isLeader,
    groupSubscription: s.groupSubscription,
    metadata: s.metadata,
    assignmentSnapshot: s.assignmentSnapshot,
    join: s.join,
    sync: s.sync,
    heartbeat: s.heartbeat,
    leave: s.leave,
    commit: s.commit,
    callback: s.callback,
    retryAtMs: s.retryAtMs,
    heartbeatDueMs: s.heartbeatDueMs,
    sessionDeadlineMs: s.sessionDeadlineMs,
    pollDeadlineMs: s.pollDeadlineMs,
    heartbeatAttempts: s.heartbeatAttempts,
    positions: s.positions,
    failed: s.failed,
    closed: s.closed,
    nextRequestId: s.nextRequestId,
    nextCallbackId: s.nextCallbackId,
    lastNowMs: nowMs,
  };
}

/** The working state of one step. */
export class MemberContext {
  readonly s: MemberDraft;
  readonly outputs: ClassicMemberOutput[] = [];

  constructor(
    state: ClassicMemberState,
    readonly nowMs: number,
  ) {
    this.s = draftOf(state, nowMs);
  }

  get config(): ResolvedClassicMemberConfig {
    return this.s.config;
  }

  /** Emits a request and returns what to remember of it; `timeoutMs` defaults to the request timeout. */
  send<A extends ClassicMemberApi>(api: A, request: ClassicApiTypes[A]['request'], timeoutMs?: number): InFlightRequest {
    const requestId = this.s.nextRequestId;
    this.s.nextRequestId = requestId + 1;
    this.outputs.push({ type: 'send', api, requestId, request } as ClassicMemberSendOutput);
    return { requestId, generation: this.s.generation, deadlineMs: this.nowMs + (timeoutMs ?? this.config.requestTimeoutMs) };
  }

  event(event: ClassicMemberEvent): void {
    this.outputs.push({ type: 'event', event });
  }

  /** Reports an error; a fatal one stops the member (only close is left to do). */
  error(error: ClassicMemberError): void {
    this.outputs.push({ type: 'error', error });
    if (error.fatal) {
      this.s.failed = error;
      this.s.join = null;
      this.s.sync = null;
      this.s.heartbeat = null;
      this.s.commit = null;
    }
  }

  /** Moves to `to` (checked against the table) and reports it. */
  transition(to: ClassicMemberStateName): void {
    const from = this.s.state;
    if (from === to) return;
    assertValidClassicMemberTransition(from, to);
    this.s.state = to;
    this.event({ kind: 'state-changed', from, to, generationId: this.s.generation.generationId });
  }

  /** Kafka's requestRejoin. */
  requestRejoin(reason: string): void {
    this.s.rejoinReason = reason;
    this.s.rejoinNeeded = true;
  }

  /** Kafka's requestRejoinIfNecessary: keeps the first reason. */
  requestRejoinIfNecessary(reason: string): void {
    if (!this.s.rejoinNeeded) this.requestRejoin(reason);
  }

  /** Kafka's resetStateAndGeneration. */
  resetStateAndGeneration(resetMemberId: boolean): void {
    this.s.generation = resetMemberId ? NO_GENERATION : resetGeneration(this.s.generation, false);
    this.transition('UNJOINED');
  }

  /** Kafka's resetStateAndRejoin: the next round runs onJoinPrepare, which reports owned partitions lost. */
  resetStateAndRejoin(reason: string, resetMemberId: boolean): void {
    this.resetStateAndGeneration(resetMemberId);
    this.requestRejoin(reason);
    this.s.needsJoinPrepare = true;
  }

  /** Asks the application to run a callback; `then` runs when it confirms. */
  invokeCallback(callback: RebalanceCallbackName, partitions: PackedTopicPartitions, then: AfterCallback): void {
    const callbackId = this.s.nextCallbackId;
    this.s.nextCallbackId = callbackId + 1;
    this.s.callback = { callbackId, callback, partitions, then };
    this.outputs.push({ type: 'callback', callbackId, callback, partitions });
  }

  finish(): ClassicMemberState {
    // The draft is this step's own copy: freezing it is enough.
    return Object.freeze(this.s);
  }
}
