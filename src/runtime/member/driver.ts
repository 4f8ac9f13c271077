/**
 * The loop every member facade shares: hold the machine's state, step it with the clock, keep
 * one timer at the machine's next deadline, and queue inputs that arrive while a step's outputs
 * are being handled (an event listener may call back into the facade), so that steps never nest.
 */
import type { Clock, TimerScheduler } from '../clock.js';
import { KeyedTimers } from '../keyed-timers.js';

/** A member machine: a pure step and the deadline at which it wants a tick. */
export interface MemberMachine<S, I, O> {
  step(state: S, input: I, nowMs: number): { readonly state: S; readonly outputs: readonly O[] };
  nextDeadline(state: S): number | null;
  /** The input that tells the machine time passed. */
  readonly tick: I;
}

const DEADLINE_KEY = 'deadline';

/** Holds a member machine's state and runs it. */
export class MemberDriver<S, I, O> {
  #state: S;
  readonly #queue: I[] = [];
  #stepping = false;
  #stopped = false;
  readonly #timer: KeyedTimers;

  /**
   * @param machine - the machine's functions.
   * @param state - its initial state.
   * @param clock - where the time comes from.
   * @param timers - where the deadline timer is armed.
   * @param onOutputs - handles one step's outputs (called with the state already updated).
   */
  constructor(
    private readonly machine: MemberMachine<S, I, O>,
    state: S,
    private readonly clock: Clock,
    timers: TimerScheduler,
    private readonly onOutputs: (outputs: readonly O[], state: S) => void,
  ) {
    this.#state = state;
    this.#timer = new KeyedTimers(clock, timers, () => this.input(machine.tick));
  }

  /** The current state. */
  get state(): S {
    return this.#state;
  }

  /** Steps the machine with `input` (later, if a step is under way). Throws what the machine throws for misuse. */
  input(input: I): void {
    if (this.#stopped) return;
    this.#queue.push(input);
    if (this.#stepping) return;
    this.#stepping = true;
    try {
      for (let next = this.#queue.shift(); next !== undefined; next = this.#queue.shift()) this.#step(next);
    } finally {
      this.#stepping = false;
      this.#queue.length = 0;
    }
  }

  #step(input: I): void {
    const r = this.machine.step(this.#state, input, this.clock.nowMs());
    this.#state = r.state;
    this.#arm();
    this.onOutputs(r.outputs, r.state);
  }

  #arm(): void {
    const deadline = this.machine.nextDeadline(this.#state);
    if (deadline === null) this.#timer.cancel(DEADLINE_KEY);
    else this.#timer.schedule(DEADLINE_KEY, deadline);
  }

  /** Stops the timer; later inputs are ignored. */
  stop(): void {
    this.#stopped = true;
    this.#timer.cancelAll();
  }
}
