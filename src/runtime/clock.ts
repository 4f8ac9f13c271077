/**
 * The two impure things a driver needs, as interfaces: a clock and a timer scheduler. Drivers
 * take them as options, so tests run drivers on fake timers (or a virtual clock) and production
 * uses the system's.
 */

/** Where a driver reads the time. */
export interface Clock {
  /** Milliseconds on a clock that never goes backwards within a process. */
  nowMs(): number;
}

/** Where a driver arms its timers. */
export interface TimerScheduler {
  /** Calls `callback` once after about `delayMs`; returns a handle for {@link TimerScheduler.clearTimeout}. */
  setTimeout(callback: () => void, delayMs: number): unknown;
  /** Disarms a handle (a no-op when it already fired). */
  clearTimeout(handle: unknown): void;
}

/**
 * The system clock: wall-clock milliseconds (`Date.now`), since the machines compare it with
 * timestamps that records carry across restarts. Kept from going backwards within a process.
 */
export function systemClock(): Clock {
  let last = Number.NEGATIVE_INFINITY;
  return {
    nowMs: () => {
      last = Math.max(last, Date.now());
      return last;
    },
  };
}

/** The system's timers (`setTimeout` / `clearTimeout`), looked up at call time so fake timers apply. */
export const systemTimers: TimerScheduler = {
  setTimeout: (callback, delayMs) => setTimeout(callback, delayMs),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
