/**
 * Checks of the member machines' contract that their fuzz tests share: every state change a
 * step reports follows the last one and is allowed by the transition table; and, the liveness
 * half of the deadline contract, when a machine asks to be stepped by `nowMs` (its next
 * deadline is not in the future), a few ticks at `nowMs` must move that deadline on or clear it.
 * A machine that keeps asking while its ticks change nothing would spin a driver at one instant
 * forever.
 */
import { expect } from 'vitest';

/** A state-changed event, as both members report it. */
interface StateChangedOutput<S> {
  readonly type: string;
  readonly event?: { readonly kind: string; readonly from?: S; readonly to?: S };
}

/**
 * Asserts that the state changes among `outputs` chain from `from` and are each allowed by
 * `isValid`; returns the state they end in.
 */
export function expectTableTransitions<S>(from: S, outputs: readonly StateChangedOutput<S>[], isValid: (from: S, to: S) => boolean): S {
  let at = from;
  for (const o of outputs) {
    if (o.type !== 'event' || o.event?.kind !== 'state-changed') continue;
    expect(o.event.from).toBe(at);
    expect(isValid(o.event.from as S, o.event.to as S)).toBe(true);
    at = o.event.to as S;
  }
  return at;
}

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
