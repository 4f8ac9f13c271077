/**
 * An application's rebalance listener, plugged into a simulated member: the simulator calls it
 * synchronously, in virtual time, when the member's machine asks the application to run a
 * rebalance callback, then confirms the callback after the listener's simulated duration (the
 * scenario's `callbackMs` unless the listener says otherwise). This is how a test checks its
 * own listener (commit on revoke, state hand-over, nothing committed on loss) through crashes,
 * pauses and rebalances, deterministically.
 */
import type { PackedTopicPartitions } from '../protocol/topic-partitions.js';

/** What a listener callback is told besides the partitions. */
export interface ListenerContext {
  /** The member's name in the scenario (c1, c2, ...). */
  readonly member: string;
  /** Which process of that member (1, then one more at every restart). */
  readonly incarnation: number;
  /** The member id the coordinator knows it by ("" before it has one). */
  readonly memberId: string;
  /** The virtual time of the callback. */
  readonly nowMs: number;
  /** The member's current generation (classic) or member epoch (KIP-848), as the machine has it now. */
  readonly epoch: number;
  /**
   * The consumed position of a partition: how many of its messages the group has processed so
   * far (the simulator's workload, brought up to `nowMs`). What a listener commits on revoke.
   */
  position(topic: string, partition: number): number;
}

/**
 * A rebalance callback. It may return how long it takes in virtual ms (a slow commit or state
 * flush); otherwise it takes the listener's `callbackMs`, or the scenario's.
 */
export type ListenerCallback = (partitions: PackedTopicPartitions, context: ListenerContext) => number | void;

/** An application's rebalance listener (Kafka's ConsumerRebalanceListener), for the simulator. */
export interface SimulationListener {
  readonly onPartitionsAssigned?: ListenerCallback;
  readonly onPartitionsRevoked?: ListenerCallback;
  readonly onPartitionsLost?: ListenerCallback;
  /** How long each of its callbacks takes in virtual ms (default: the scenario's `callbackMs`). */
  readonly callbackMs?: number;
}
