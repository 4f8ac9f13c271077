/**
 * The keys of the coordinator's timers. Scheduling a key replaces its deadline, so one key per
 * purpose is enough: a member's session, the join phase, the sync phase.
 */

/** The join-phase timer (Kafka's `join-<group>`): initial delay or rebalance timeout. */
export const JOIN_TIMER_KEY = 'join';

/** The pending-sync timer (Kafka's `sync-<group>`). */
export const SYNC_TIMER_KEY = 'sync';

const HEARTBEAT_PREFIX = 'heartbeat-';

/** The session timer of a member or pending member (Kafka's `heartbeat-<group>-<member>`). */
export function heartbeatTimerKey(memberId: string): string {
  return HEARTBEAT_PREFIX + memberId;
}

/** The member id of a session timer key, or undefined for another key. */
export function memberIdOfTimerKey(key: string): string | undefined {
  return key.startsWith(HEARTBEAT_PREFIX) ? key.slice(HEARTBEAT_PREFIX.length) : undefined;
}
