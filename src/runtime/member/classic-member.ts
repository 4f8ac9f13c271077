/**
 * `ClassicMember`: a consumer's membership in a classic group, as an event emitter. It runs the
 * pure member machine on the real clock, sends its requests through the application's
 * transport, awaits the application's (async) rebalance listener before confirming each
 * callback, and reports what happens as typed events.
 */
import { EventEmitter } from 'eventemitter3';
import {
  classicMemberNextDeadline,
  initialClassicMemberState,
  stepClassicMember,
} from '../../classic/index.js';
import type {
  ClassicApiTypes,
  ClassicMemberApi,
  ClassicMemberConfig,
  ClassicMemberError,
  ClassicMemberEvent,
  ClassicMemberInput,
  ClassicMemberOutput,
  ClassicMemberSendOutput,
  ClassicMemberState,
  ClassicMemberStateName,
  ConsumedPosition,
} from '../../classic/index.js';
import type { PackedTopicPartitions } from '../../protocol/topic-partitions.js';
import type { TopicMetadata } from '../../protocol/types.js';
import type { Clock, TimerScheduler } from '../clock.js';
import type { MemberDriver } from './driver.js';
import { MemberFacadeCore } from './facade-core.js';
import type { RebalanceListener } from './listener.js';

/** Sends a member's request to the group coordinator and resolves with its response; rejects when it gets none (disconnect). */
export interface ClassicMemberTransport {
  send<A extends ClassicMemberApi>(request: Extract<ClassicMemberSendOutput, { api: A }>): Promise<ClassicApiTypes[A]['response']>;
}

/** Settings of a {@link ClassicMember}. */
export interface ClassicMemberOptions {
  /** The member machine's settings (group id, assignors, timeouts). */
  readonly config: ClassicMemberConfig;
  readonly transport: ClassicMemberTransport;
  readonly listener?: RebalanceListener;
  /** Default: the system clock. */
  readonly clock?: Clock;
  /** Default: the system's timers. */
  readonly timers?: TimerScheduler;
}

/** The events a {@link ClassicMember} emits. */
export interface ClassicMemberEvents {
  stateChange: (from: ClassicMemberStateName, to: ClassicMemberStateName, generationId: number) => void;
  /** Emitted when the callback starts, before the listener's promise settles. */
  partitionsAssigned: (partitions: PackedTopicPartitions) => void;
  partitionsRevoked: (partitions: PackedTopicPartitions) => void;
  partitionsLost: (partitions: PackedTopicPartitions) => void;
  /** An error the machine raised (Kafka would throw it from poll) or a listener that threw. */
  error: (error: ClassicMemberError) => void;
  /** Every machine event (coordinator unknown, left group, metadata topics, ...). */
  event: (event: ClassicMemberEvent) => void;
  /** The member closed. */
  closed: () => void;
}

/** Inputs the machine refuses while a callback runs: the facade holds them until it is confirmed. */
type DeferredInput = Extract<ClassicMemberInput, { type: 'poll' | 'close' | 'unsubscribe' }>;

/** A classic-protocol group member driven on the real clock. */
export class ClassicMember extends EventEmitter<ClassicMemberEvents> {
  readonly #core: MemberFacadeCore<ClassicMemberState, ClassicMemberInput, ClassicMemberOutput>;
  readonly #driver: MemberDriver<ClassicMemberState, ClassicMemberInput, ClassicMemberOutput>;
  readonly #transport: ClassicMemberTransport;
  readonly #deferred: DeferredInput[] = [];

  /** Creates the member (it does nothing until {@link ClassicMember.subscribe} and {@link ClassicMember.poll}). */
  constructor(options: ClassicMemberOptions) {
    super();
    const machine = { step: stepClassicMember, nextDeadline: classicMemberNextDeadline, tick: { type: 'tick' } as const };
    this.#core = new MemberFacadeCore<ClassicMemberState, ClassicMemberInput, ClassicMemberOutput>('ClassicMember', options, machine, initialClassicMemberState(options.config), {
      onOutputs: (outputs) => this.#handle(outputs),
      emitPartitions: (event, partitions) => this.emit(event, partitions),
      emitClosed: () => this.emit('closed'),
      confirm: (input) => {
        this.#driver.input(input);
        // What the application asked for meanwhile goes in now, in order.
        while (this.#driver.state.callback === null && this.#deferred.length > 0) this.#driver.input(this.#deferred.shift() as DeferredInput);
      },
    });
    this.#driver = this.#core.driver;
    this.#transport = options.transport;
  }

  /** The machine's state (read-only). */
  get state(): ClassicMemberState {
    return this.#driver.state;
  }

  /** The partitions the member owns now. */
  get assignment(): PackedTopicPartitions {
    return this.#driver.state.owned;
  }

  /** Subscribes to `topics` (an empty list unsubscribes). */
  subscribe(topics: readonly string[]): void {
    this.#driver.input({ type: 'subscribe', topics });
  }

  /** Unsubscribes: revokes (or loses) everything and leaves the group. */
  unsubscribe(): void {
    this.#inputOrDefer({ type: 'unsubscribe' });
  }

  /**
   * Tells the member the application is alive (call it from your consume loop, at least every
   * `maxPollIntervalMs`). While a rebalance callback runs, the poll is held until it finishes.
   */
  poll(): void {
    this.#inputOrDefer({ type: 'poll' });
  }

  /** The cluster metadata: every topic the member should know of. */
  updateMetadata(topics: ReadonlyMap<string, TopicMetadata>): void {
    this.#driver.input({ type: 'metadata', topics });
  }

  /** The positions the application consumed up to (auto-commit commits them before revoking). */
  updatePositions(positions: readonly ConsumedPosition[]): void {
    this.#driver.input({ type: 'positions', positions });
  }

  /** Revokes (or loses) what the member owns, leaves the group and stops; resolves once closed. */
  close(): Promise<void> {
    return this.#core.close(() => this.#inputOrDefer({ type: 'close' }));
  }

  #inputOrDefer(input: DeferredInput): void {
    if (this.#driver.state.callback !== null) {
      if (!this.#deferred.some((d) => d.type === input.type)) this.#deferred.push(input);
      return;
    }
    this.#driver.input(input);
  }

  #handle(outputs: readonly ClassicMemberOutput[]): void {
    for (const o of outputs) {
      if (o.type === 'send') this.#send(o);
      else if (o.type === 'callback') void this.#core.callback(o.callbackId, o.callback, o.partitions);
      else if (o.type === 'error') this.emit('error', o.error);
      else this.#event(o.event);
    }
  }

  #event(event: ClassicMemberEvent): void {
    if (event.kind === 'state-changed') this.emit('stateChange', event.from, event.to, event.generationId);
    this.emit('event', event);
  }

  #send(o: ClassicMemberSendOutput): void {
    const deliver = (response: unknown) => this.#driver.input({ type: 'response', api: o.api, requestId: o.requestId, response } as ClassicMemberInput);
    const fail = () => this.#driver.input({ type: 'request-failed', requestId: o.requestId, reason: 'disconnected' });
    this.#transport.send(o).then(deliver, fail);
  }

  /**
   * Stops the member at once without leaving the group or running any callback, as a crashed
   * process would: the coordinator removes it when its session expires. For tests and shutdown
   * paths that must not wait.
   */
  stop(): void {
    this.#driver.stop();
  }
}
