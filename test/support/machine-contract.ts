/**
 * Checks of the member machines' contract that their fuzz tests share (and `fuzzMachine`, which
 * drives a machine through random actions with them): every state change a
 * step reports follows the last one and is allowed by the transition table; and, the liveness
 * half of the deadline contract, when a machine asks to be stepped by `nowMs` (its next
 * deadline is not in the future), a few ticks at `nowMs` must move that deadline on or clear it.
 * A machine that keeps asking while its ticks change nothing would spin a driver at one instant
 * forever.
 */
import { expect } from 'vitest';
import { UsageError } from '../../src/errors.js';

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

/** A member machine as the fuzz tests drive it. */
export interface FuzzedMachine<S extends { readonly state: N }, N, I, O extends StateChangedOutput<N>> {
  step(state: S, input: I, nowMs: number): { readonly state: S; readonly outputs: readonly O[] };
  nextDeadline(state: S): number | null;
  isValidTransition(from: N, to: N): boolean;
  readonly tick: I;
}

/**
 * Drives `machine` from `initial` through `actions` (an `advance` moves the clock by its `ms`;
 * `toInput` turns an action into an input, or null to skip it). Every step either throws
 * UsageError or keeps the contract: table transitions and deadline progress. `check` adds the
 * caller's own assertions after each step that did not throw.
 */
export function fuzzMachine<S extends { readonly state: N }, N, I, O extends StateChangedOutput<N>, A extends { readonly kind: string }>(
  machine: FuzzedMachine<S, N, I, O>,
  initial: S,
  actions: readonly A[],
  toInput: (state: S, action: A) => I | null,
  check: (after: S, outputs: readonly O[]) => void = () => {},
): void {
  let s = initial;
  let now = 0;
  for (const a of actions) {
    if (a.kind === 'advance') now += (a as A & { readonly ms: number }).ms;
    const input = toInput(s, a);
    if (input === null) continue;
    let r;
    try {
      r = machine.step(s, input, now);
    } catch (e) {
      expect(e).toBeInstanceOf(UsageError);
      continue;
    }
    expect(r.state.state).toBe(expectTableTransitions(s.state, r.outputs, (from, to) => machine.isValidTransition(from, to)));
    check(r.state, r.outputs);
    s = r.state;
    expectDeadlineProgress(s, now, (x, t) => machine.step(x, machine.tick, t).state, (x) => machine.nextDeadline(x));
  }
}
