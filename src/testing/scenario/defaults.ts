/** Defaults for scenarios: Kafka's consumer defaults, and an application that keeps up with its load. */
import { DEFAULT_NETWORK } from '../network.js';
import type { MemberSettings, Scenario } from './types.js';

/** Member settings: Kafka 4.0's consumer defaults, a 1 s poll loop, callbacks that take 50 ms. */
export const DEFAULT_MEMBER_SETTINGS: MemberSettings = {
  sessionTimeoutMs: 45_000,
  heartbeatIntervalMs: 3_000,
  maxPollIntervalMs: 300_000,
  requestTimeoutMs: 30_000,
  pollIntervalMs: 1_000,
  callbackMs: 50,
  capacityPerSec: 2_000,
  static: false,
  autoCommit: true,
};

/** Kafka's `group.initial.rebalance.delay.ms`. */
export const DEFAULT_INITIAL_REBALANCE_DELAY_MS = 3_000;

/** The most members a scenario may start: each is a full consumer state machine in memory. */
export const MAX_MEMBERS = 20_000;

/** The most partitions a scenario may have over all topics. */
export const MAX_PARTITIONS = 200_000;

/** The longest virtual time a scenario may run (one day). */
export const MAX_DURATION_MS = 86_400_000;

/** A scenario with the defaults: one topic `orders` of `partitions`, `members` consumers, no actions. */
export function baseScenario(overrides: Partial<Scenario> = {}): Scenario {
  return {
    name: 'custom',
    protocol: 'eager',
    assignor: 'range',
    topics: [{ name: 'orders', partitions: 12, ratePerSec: 100 }],
    members: 3,
    settings: DEFAULT_MEMBER_SETTINGS,
    network: DEFAULT_NETWORK,
    initialRebalanceDelayMs: DEFAULT_INITIAL_REBALANCE_DELAY_MS,
    actions: [],
    durationMs: 120_000,
    ...overrides,
  };
}

/**
 * The default liveness bound: long enough for a member that lost a request to time out and
 * rejoin, and for a rebalance to wait out its timeout once, plus the initial delay.
 */
export function defaultLivenessBoundMs(s: Scenario): number {
  const m = s.settings;
  return s.initialRebalanceDelayMs + m.sessionTimeoutMs + 2 * (m.maxPollIntervalMs + 5_000) + m.requestTimeoutMs + 10 * m.heartbeatIntervalMs;
}
