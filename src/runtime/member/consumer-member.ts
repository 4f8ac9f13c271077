/**
 * `ConsumerMember`: a consumer's membership in a KIP-848 group, as an event emitter. It runs the
 * pure member machine on the real clock, sends its heartbeats through the application's
 * transport, runs the commits it asks for through the application's committer, awaits the
 * (async) rebalance listener before confirming each callback, and reports typed events.
 */
import { EventEmitter } from 'eventemitter3';
import { consumerMemberNextDeadline, initialConsumerMemberState, stepConsumerMember } from '../../consumer/index.js';
import type {
  ConsumerGroupHeartbeatResponse,
  ConsumerMemberConfig,
  ConsumerMemberError,
  ConsumerMemberEvent,
  ConsumerMemberInput,
  ConsumerMemberOutput,
  ConsumerMemberSendOutput,
  ConsumerMemberState,
  ConsumerMemberStateName,
  GroupMembershipOperation,
} from '../../consumer/index.js';
import type { PackedTopicPartitions } from '../../protocol/topic-partitions.js';
import type { Clock, TimerScheduler } from '../clock.js';
import type { MemberDriver } from './driver.js';
import { MemberFacadeCore } from './facade-core.js';
import type { RebalanceListener } from './listener.js';

/** Sends a ConsumerGroupHeartbeat to the group coordinator; rejects when no answer comes (disconnect). */
export interface ConsumerMemberTransport {
  send(request: ConsumerMemberSendOutput): Promise<ConsumerGroupHeartbeatResponse>;
}

/** What the member asks the application to commit (OffsetCommit with this member id and epoch) before it reconciles. */
export interface ConsumerMemberCommit {
  readonly memberId: string;
  readonly memberEpoch: number;
  /** Topic names. */
  readonly partitions: PackedTopicPartitions;
  /** Give up retrying by then. */
  readonly deadlineMs: number;
}

/** Settings of a {@link ConsumerMember}. */
export interface ConsumerMemberOptions {
  /** The member machine's settings (group id, member id or its source, timeouts). */
  readonly config: ConsumerMemberConfig;
  readonly transport: ConsumerMemberTransport;
  readonly listener?: RebalanceListener;
  /** Commits consumed offsets (auto-commit before reconciliation); a rejection is reported as a failed commit. Default: nothing to commit. */
  readonly commitOffsets?: (commit: ConsumerMemberCommit) => Promise<void>;
  /** Default: the system clock. */
  readonly clock?: Clock;
  /** Default: the system's timers. */
  readonly timers?: TimerScheduler;
}

/** The events a {@link ConsumerMember} emits. */
export interface ConsumerMemberEvents {
  stateChange: (from: ConsumerMemberStateName, to: ConsumerMemberStateName, memberEpoch: number) => void;
  /** Emitted when the callback starts, before the listener's promise settles. */
  partitionsAssigned: (partitions: PackedTopicPartitions) => void;
  partitionsRevoked: (partitions: PackedTopicPartitions) => void;
  partitionsLost: (partitions: PackedTopicPartitions) => void;
  /** An error Kafka would throw from poll, or a listener that threw. */
  error: (error: ConsumerMemberError) => void;
  /** Every machine event (epoch changes, coordinator unknown, metadata needed, ...). */
  event: (event: ConsumerMemberEvent) => void;
  /** The member closed. */
  closed: () => void;
}

/** A KIP-848 group member driven on the real clock. */
export class ConsumerMember extends EventEmitter<ConsumerMemberEvents> {
  readonly #core: MemberFacadeCore<ConsumerMemberState, ConsumerMemberInput, ConsumerMemberOutput>;
  readonly #driver: MemberDriver<ConsumerMemberState, ConsumerMemberInput, ConsumerMemberOutput>;
  readonly #transport: ConsumerMemberTransport;
  readonly #commitOffsets: (commit: ConsumerMemberCommit) => Promise<void>;

  /** Creates the member (it does nothing until {@link ConsumerMember.subscribe} and {@link ConsumerMember.poll}). */
  constructor(options: ConsumerMemberOptions) {
    super();
    const machine = { step: stepConsumerMember, nextDeadline: consumerMemberNextDeadline, tick: { type: 'tick' } as const };
    this.#core = new MemberFacadeCore<ConsumerMemberState, ConsumerMemberInput, ConsumerMemberOutput>('ConsumerMember', options, machine, initialConsumerMemberState(options.config), {
      onOutputs: (outputs) => this.#handle(outputs),
      emitPartitions: (event, partitions) => this.emit(event, partitions),
      emitClosed: () => this.emit('closed'),
      confirm: (input) => this.#driver.input(input),
    });
    this.#driver = this.#core.driver;
    this.#transport = options.transport;
    this.#commitOffsets = options.commitOffsets ?? (() => Promise.resolve());
  }

  /** The machine's state (read-only). */
  get state(): ConsumerMemberState {
    return this.#driver.state;
  }

  /** The partitions the member owns now (topic names). */
  get assignment(): PackedTopicPartitions {
    return this.#driver.state.owned;
  }

  /** Subscribes to topics by name (an empty list unsubscribes). */
  subscribe(topics: readonly string[]): void {
    this.#driver.input({ type: 'subscribe', topics });
  }

  /** Subscribes by a regular expression the coordinator resolves (RE2 syntax). */
  subscribePattern(pattern: string): void {
    this.#driver.input({ type: 'subscribe', pattern });
  }

  /** Unsubscribes: revokes everything and leaves the group. */
  unsubscribe(): void {
    this.#driver.input({ type: 'unsubscribe' });
  }

  /** Tells the member the application is alive (call it from your consume loop, at least every `maxPollIntervalMs`). */
  poll(): void {
    this.#driver.input({ type: 'poll' });
  }

  /** The cluster metadata: topic id -> topic name for every topic (assignments name topics by id). */
  updateMetadata(topicNames: ReadonlyMap<string, string>): void {
    this.#driver.input({ type: 'metadata', topicNames });
  }

  /** Revokes what the member owns, leaves the group (per `operation`) and stops; resolves once closed. */
  close(operation?: GroupMembershipOperation): Promise<void> {
    return this.#core.close(() => {
      if (!this.#driver.state.closing) this.#driver.input(operation === undefined ? { type: 'close' } : { type: 'close', operation });
    });
  }

  #handle(outputs: readonly ConsumerMemberOutput[]): void {
    for (const o of outputs) {
      if (o.type === 'send') this.#send(o);
      else if (o.type === 'callback') void this.#core.callback(o.callbackId, o.callback, o.partitions);
      else if (o.type === 'commit') void this.#commit(o);
      else if (o.type === 'error') this.emit('error', o.error);
      else this.#event(o.event);
    }
  }

  #event(event: ConsumerMemberEvent): void {
    if (event.kind === 'state-changed') this.emit('stateChange', event.from, event.to, event.memberEpoch);
    this.emit('event', event);
  }

  #send(o: ConsumerMemberSendOutput): void {
    this.#transport.send(o).then(
      (response) => this.#driver.input({ type: 'response', api: 'ConsumerGroupHeartbeat', requestId: o.requestId, response }),
      () => this.#driver.input({ type: 'request-failed', requestId: o.requestId, reason: 'disconnected' }),
    );
  }

  async #commit(o: Extract<ConsumerMemberOutput, { type: 'commit' }>): Promise<void> {
    let error: string | undefined;
    try {
      await this.#commitOffsets({ memberId: o.memberId, memberEpoch: o.memberEpoch, partitions: o.partitions, deadlineMs: o.deadlineMs });
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    this.#driver.input(error === undefined ? { type: 'commit-done', commitId: o.commitId } : { type: 'commit-done', commitId: o.commitId, error });
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
