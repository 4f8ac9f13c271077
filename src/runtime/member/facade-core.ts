/**
 * What the member facades (`ClassicMember`, `ConsumerMember`) share: the driver they run the
 * machine on, the rebalance callbacks run through the application's listener (announced as
 * `partitions*` events, confirmed with `callback-done`, a listener's error passed on to the
 * machine), and the close bookkeeping (the promises `close()` returns, the one `closed` event).
 */
import { UsageError } from '../../errors.js';
import type { PackedTopicPartitions } from '../../protocol/topic-partitions.js';
import { systemClock, systemTimers, type Clock, type TimerScheduler } from '../clock.js';
import { MemberDriver, type MemberMachine } from './driver.js';
import { runCallback, type RebalanceCallback, type RebalanceListener } from './listener.js';

const CALLBACK_EVENTS = { onPartitionsAssigned: 'partitionsAssigned', onPartitionsRevoked: 'partitionsRevoked', onPartitionsLost: 'partitionsLost' } as const;

/** The event a facade emits when a callback starts. */
export type PartitionsEvent = (typeof CALLBACK_EVENTS)[RebalanceCallback];

/** The input that confirms a callback. */
export type CallbackDoneInput = { readonly type: 'callback-done'; readonly callbackId: number; readonly error?: string };

/** The options every facade takes. */
export interface MemberFacadeOptions {
  readonly transport: { readonly send: unknown };
  readonly listener?: RebalanceListener;
  readonly clock?: Clock;
  readonly timers?: TimerScheduler;
}

/** How the core reaches back into its facade. */
export interface MemberFacadeHooks<S, O> {
  /** Handles one step's outputs (the state already updated). */
  onOutputs(outputs: readonly O[], state: S): void;
  /** Emits the event that announces a callback. */
  emitPartitions(event: PartitionsEvent, partitions: PackedTopicPartitions): void;
  /** Emits `closed`. */
  emitClosed(): void;
  /** Gives the machine the input that confirms a callback (and whatever must follow it at once). */
  confirm(input: CallbackDoneInput): void;
}

/** The driver, the listener and the close bookkeeping of one member facade. */
export class MemberFacadeCore<S extends { readonly closed: boolean }, I, O> {
  readonly driver: MemberDriver<S, I, O>;
  readonly #listener: RebalanceListener;
  readonly #hooks: MemberFacadeHooks<S, O>;
  readonly #closedWaiters: (() => void)[] = [];
  #closedEmitted = false;

  /** Checks the transport (`name` names the facade in the error) and creates the driver. */
  constructor(name: string, options: MemberFacadeOptions, machine: MemberMachine<S, I, O>, state: S, hooks: MemberFacadeHooks<S, O>) {
    if (typeof options.transport?.send !== 'function') throw new UsageError(`${name}: transport.send must be a function`);
    this.#listener = options.listener ?? {};
    this.#hooks = hooks;
    this.driver = new MemberDriver(machine, state, options.clock ?? systemClock(), options.timers ?? systemTimers, (outputs, s) => this.#onOutputs(outputs, s));
  }

  #onOutputs(outputs: readonly O[], state: S): void {
    this.#hooks.onOutputs(outputs, state);
    if (state.closed) this.#finishClose();
  }

  /** Announces the callback, awaits the listener, then confirms it (with the listener's error, if it threw). */
  async callback(callbackId: number, callback: RebalanceCallback, partitions: PackedTopicPartitions): Promise<void> {
    this.#hooks.emitPartitions(CALLBACK_EVENTS[callback], partitions);
    const error = await runCallback(this.#listener, callback, partitions);
    this.#hooks.confirm(error === undefined ? { type: 'callback-done', callbackId } : { type: 'callback-done', callbackId, error });
  }

  /** Resolves at once if the member is closed; otherwise runs `start` and resolves once it is. */
  close(start: () => void): Promise<void> {
    if (this.driver.state.closed) return Promise.resolve();
    const closed = new Promise<void>((resolve) => this.#closedWaiters.push(resolve));
    start();
    return closed;
  }

  #finishClose(): void {
    if (this.#closedEmitted) return;
    this.#closedEmitted = true;
    this.driver.stop();
    for (const resolve of this.#closedWaiters.splice(0)) resolve();
    this.#hooks.emitClosed();
  }
}
