/**
 * What a simulation runs: the group (protocol, assignor, topics, members and their settings),
 * the network, and a schedule of actions (membership changes and faults) in virtual time.
 * A scenario is plain data: the builder makes one, the text form prints and parses one.
 */
import type { NetworkConfig } from '../network.js';

/**
 * The rebalance protocol a group runs: the classic protocol with eager or cooperative
 * (KIP-429) rebalancing, or KIP-848's consumer protocol ("consumer" is Kafka's name for it).
 */
export type Protocol = 'eager' | 'cooperative' | 'consumer';

/** Every protocol, in the order tables and reports show them. */
export const PROTOCOLS: readonly Protocol[] = ['eager', 'cooperative', 'consumer'];

/** One topic the group subscribes to, and how fast messages arrive on each of its partitions. */
export interface TopicSpec {
  readonly name: string;
  readonly partitions: number;
  /** Messages per second produced to each partition. */
  readonly ratePerSec: number;
}

/** How every member (consumer process) behaves: Kafka's consumer configs plus the application. */
export interface MemberSettings {
  /** `session.timeout.ms`. */
  readonly sessionTimeoutMs: number;
  /** `heartbeat.interval.ms` (classic; the KIP-848 coordinator sets its own interval). */
  readonly heartbeatIntervalMs: number;
  /** `max.poll.interval.ms` (also the classic rebalance timeout). */
  readonly maxPollIntervalMs: number;
  /** `request.timeout.ms`. */
  readonly requestTimeoutMs: number;
  /** How often the application calls poll. */
  readonly pollIntervalMs: number;
  /** How long the application's rebalance callbacks take (committing, flushing state). */
  readonly callbackMs: number;
  /** Messages per second one member can process, spread over the partitions it owns. */
  readonly capacityPerSec: number;
  /** Static membership (KIP-345): each member's name is its `group.instance.id`. */
  readonly static: boolean;
  /** `enable.auto.commit`: commit consumed positions before revoking (classic). */
  readonly autoCommit: boolean;
}

/** Something that happens to the group at a point in virtual time. */
export type ScenarioAction =
  /** New members start (named after the last one: c7, c8, ...). */
  | { readonly type: 'add'; readonly count: number }
  /** The newest running members shut down cleanly (close: revoke, then leave the group if dynamic). */
  | { readonly type: 'remove'; readonly count: number }
  /** One member shuts down cleanly. */
  | { readonly type: 'stop'; readonly member: string }
  /** A stopped or crashed member starts again (same name, so the same instance id when static). */
  | { readonly type: 'start'; readonly member: string }
  /** A member's process dies without a word: the coordinator notices when its session expires. */
  | { readonly type: 'crash'; readonly member: string }
  /** A member stalls (a GC pause, slow processing) for `forMs`: it sends, receives and polls nothing. */
  | { readonly type: 'pause'; readonly member: string; readonly forMs: number }
  /** A member's link to the coordinator is cut for `forMs` (both ways). */
  | { readonly type: 'partition'; readonly member: string; readonly forMs: number }
  /** Every cut link heals and every paused member resumes. */
  | { readonly type: 'heal' }
  /** The coordinator moves: a new one is rebuilt by replaying the old one's records. */
  | { readonly type: 'failover' }
  /**
   * Every member running at this point is restarted in turn: stopped, started again `downMs`
   * later, and the next one stopped `intervalMs` after the previous.
   */
  | { readonly type: 'rolling-deploy'; readonly intervalMs: number; readonly downMs: number };

/** An action and when it happens (ms after the start). */
export interface TimedAction {
  readonly atMs: number;
  readonly action: ScenarioAction;
}

/** A whole simulation, as data. */
export interface Scenario {
  readonly name: string;
  readonly protocol: Protocol;
  /** The assignor's name: range, roundrobin, sticky, cooperative-sticky (classic); uniform, range (KIP-848). */
  readonly assignor: string;
  readonly topics: readonly TopicSpec[];
  /** How many members start at time 0 (named c1..cN). */
  readonly members: number;
  readonly settings: MemberSettings;
  readonly network: NetworkConfig;
  /** `group.initial.rebalance.delay.ms` (classic coordinator). */
  readonly initialRebalanceDelayMs: number;
  /** Sorted by time; same-time actions run in the order given. */
  readonly actions: readonly TimedAction[];
  /** How long the simulation runs. */
  readonly durationMs: number;
  /**
   * Liveness: after the last action (every fault healed), the group must be Stable with every
   * partition owned within this many ms. Default: derived from the timeouts.
   */
  readonly livenessBoundMs?: number;
}
