// A virtual clock and timer scheduler for driver tests that cannot use fake timers (real file I/O).
import type { Clock, TimerScheduler } from '../../../src/runtime/clock.js';

/** Timers that fire only when `advance` moves the virtual clock past them. */
export class ManualTimers implements Clock, TimerScheduler {
  #now = 0;
  #next = 0;
  readonly #pending = new Map<number, { atMs: number; callback: () => void }>();

  nowMs(): number {
    return this.#now;
  }
  setTimeout(callback: () => void, delayMs: number): unknown {
    const id = this.#next++;
    this.#pending.set(id, { atMs: this.#now + delayMs, callback });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.#pending.delete(handle as number);
  }
  /** Moves the clock forward by `ms`, firing every timer due on the way, in deadline order. */
  advance(ms: number): void {
    const target = this.#now + ms;
    for (;;) {
      let due: [number, { atMs: number; callback: () => void }] | undefined;
      for (const entry of this.#pending) if (entry[1].atMs <= target && (due === undefined || entry[1].atMs < due[1].atMs)) due = entry;
      if (due === undefined) break;
      this.#pending.delete(due[0]);
      this.#now = Math.max(this.#now, due[1].atMs);
      due[1].callback();
    }
    this.#now = target;
  }
}
