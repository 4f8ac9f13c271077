/**
 * Keyed timers, the effect the coordinators output: `schedule-timer` arms a key at an absolute
 * deadline (replacing its previous deadline), `cancel-timer` disarms it, and a key fires at most
 * once per arming.
 */
import type { Clock, TimerScheduler } from './clock.js';

/** Node's setTimeout cannot wait longer than this; longer waits are re-armed in steps. */
const MAX_DELAY_MS = 2 ** 31 - 1;

interface Armed {
  readonly deadlineMs: number;
  handle: unknown;
}

/** A set of timers named by string keys (keys from outside live in a Map). */
export class KeyedTimers {
  readonly #armed = new Map<string, Armed>();

  /**
   * @param clock - where deadlines are compared with now.
   * @param timers - where timers are armed.
   * @param fire - called with a key once its deadline has passed.
   */
  constructor(
    private readonly clock: Clock,
    private readonly timers: TimerScheduler,
    private readonly fire: (key: string) => void,
  ) {}

  /** Arms `key` at `deadlineMs`, replacing any deadline it had. */
  schedule(key: string, deadlineMs: number): void {
    this.cancel(key);
    const armed: Armed = { deadlineMs, handle: undefined };
    this.#armed.set(key, armed);
    this.#arm(key, armed);
  }

  #arm(key: string, armed: Armed): void {
    const delayMs = Math.min(MAX_DELAY_MS, Math.max(0, armed.deadlineMs - this.clock.nowMs()));
    armed.handle = this.timers.setTimeout(() => this.#due(key, armed), delayMs);
  }

  #due(key: string, armed: Armed): void {
    if (this.#armed.get(key) !== armed) return;
    // A scheduler may fire early (clamped delays, coarse clocks): wait for the real deadline.
    if (this.clock.nowMs() < armed.deadlineMs) return this.#arm(key, armed);
    this.#armed.delete(key);
    this.fire(key);
  }

  /** Disarms `key` (a no-op when it is not armed). */
  cancel(key: string): void {
    const armed = this.#armed.get(key);
    if (armed === undefined) return;
    this.timers.clearTimeout(armed.handle);
    this.#armed.delete(key);
  }

  /** Disarms every key. */
  cancelAll(): void {
    for (const key of [...this.#armed.keys()]) this.cancel(key);
  }

  /** The armed keys and their deadlines, sorted by key (for tests and describe). */
  deadlines(): [string, number][] {
    return [...this.#armed].map(([k, a]): [string, number] => [k, a.deadlineMs]).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  }

  /** How many keys are armed. */
  get size(): number {
    return this.#armed.size;
  }
}
