/**
 * A virtual clock and timer scheduler for running the runtime's drivers in virtual time
 * (examples, tests, demos): time moves only when you call `advance`, which fires due timers in
 * deadline order and lets promise chains (transports, async listeners, log appends) settle
 * between them. For deterministic whole-system simulation with faults, use `kgroup/testing`.
 */
import type { Clock, TimerScheduler } from './clock.js';

interface Timer {
  readonly atMs: number;
  readonly seq: number;
  readonly callback: () => void;
}

/** Yields to the event loop so that resolved promises and I/O callbacks run. */
function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** A {@link Clock} and {@link TimerScheduler} in virtual time. */
export class VirtualClock implements Clock, TimerScheduler {
  #nowMs: number;
  #seq = 0;
  readonly #timers = new Map<number, Timer>();

  /** @param startMs - the time it starts at (default 0). */
  constructor(startMs = 0) {
    this.#nowMs = startMs;
  }

  /** {@inheritDoc Clock.nowMs} */
  nowMs(): number {
    return this.#nowMs;
  }

  /** {@inheritDoc TimerScheduler.setTimeout} */
  setTimeout(callback: () => void, delayMs: number): unknown {
    const seq = this.#seq++;
    this.#timers.set(seq, { atMs: this.#nowMs + Math.max(0, delayMs), seq, callback });
    return seq;
  }

  /** {@inheritDoc TimerScheduler.clearTimeout} */
  clearTimeout(handle: unknown): void {
    this.#timers.delete(handle as number);
  }

  #nextDue(limitMs: number): Timer | undefined {
    let next: Timer | undefined;
    for (const t of this.#timers.values()) if (t.atMs <= limitMs && (next === undefined || t.atMs < next.atMs || (t.atMs === next.atMs && t.seq < next.seq))) next = t;
    return next;
  }

  /** Moves time forward by `ms`, firing every timer due on the way and settling promises after each. */
  async advance(ms: number): Promise<void> {
    const target = this.#nowMs + ms;
    await settle();
    for (let next = this.#nextDue(target); next !== undefined; next = this.#nextDue(target)) {
      this.#timers.delete(next.seq);
      this.#nowMs = Math.max(this.#nowMs, next.atMs);
      next.callback();
      await settle();
    }
    this.#nowMs = target;
    await settle();
  }

  /** How many timers are armed. */
  get pending(): number {
    return this.#timers.size;
  }
}
