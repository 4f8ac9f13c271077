/**
 * The keys of the coordinator's timers (one machine per group, so Kafka's `<group>` part is
 * left out). Scheduling a key replaces its deadline.
 */

const SESSION_PREFIX = 'session-timeout-';
const REBALANCE_PREFIX = 'rebalance-timeout-';

/** The regular-expression resolution task (Kafka runs it asynchronously; here it is a timer due at once). */
export const REGEX_REFRESH_TIMER_KEY = 'regex-refresh';

/** A member's session timer (Kafka's `session-timeout-<group>-<member>`). */
export function sessionTimerKey(memberId: string): string {
  return SESSION_PREFIX + memberId;
}

/** A member's rebalance timer (Kafka's `rebalance-timeout-<group>-<member>`). */
export function rebalanceTimerKey(memberId: string): string {
  return REBALANCE_PREFIX + memberId;
}

/** What a timer key names. */
export type TimerTarget = { readonly kind: 'session' | 'rebalance'; readonly memberId: string } | { readonly kind: 'regex-refresh' };

/** Parses a key, undefined for a key this machine never schedules. */
export function parseTimerKey(key: string): TimerTarget | undefined {
  if (key === REGEX_REFRESH_TIMER_KEY) return { kind: 'regex-refresh' };
  if (key.startsWith(SESSION_PREFIX)) return { kind: 'session', memberId: key.slice(SESSION_PREFIX.length) };
  if (key.startsWith(REBALANCE_PREFIX)) return { kind: 'rebalance', memberId: key.slice(REBALANCE_PREFIX.length) };
  return undefined;
}
