/**
 * The liveness half of a machine's deadline contract: when it asks to be stepped by `nowMs`
 * (its next deadline is not in the future), a few ticks at `nowMs` must move that deadline on
 * or clear it. A machine that keeps asking while its ticks change nothing would spin a driver
 * at one instant forever.
 */
import { expect } from 'vitest';

/** Asserts that ticking `state` at `nowMs` moves its deadline past `nowMs` within five ticks. */
export function expectDeadlineProgress<S>(state: S, nowMs: number, tick: (s: S, nowMs: number) => S, deadline: (s: S) => number | null): void {
  let s = state;
  for (let i = 0; i < 5; i++) {
    const d = deadline(s);
    if (d === null || d > nowMs) return;
    s = tick(s, nowMs);
  }
  expect.fail(`the machine asks to be stepped at ${nowMs} ms, and five ticks then leave its deadline at ${String(deadline(s))}`);
}
