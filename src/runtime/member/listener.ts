/**
 * The application's rebalance listener (Kafka's ConsumerRebalanceListener), asynchronous: the
 * driver awaits each callback before it tells the machine the callback is done, so the machine
 * never moves on (assigns, rejoins, leaves) while the application is still committing or
 * handing state over.
 */
import type { PackedTopicPartitions } from '../../protocol/topic-partitions.js';

/** The three rebalance callbacks; each may return a promise. A callback that throws is reported, and the member goes on, as Kafka's does. */
export interface RebalanceListener {
  /** The member is giving these partitions up (commit what you processed, hand state over). */
  onPartitionsRevoked?(partitions: PackedTopicPartitions): void | Promise<void>;
  /** The member now owns these partitions (load state, seek). */
  onPartitionsAssigned?(partitions: PackedTopicPartitions): void | Promise<void>;
  /** The member lost these partitions without a chance to commit: another member may already own them. */
  onPartitionsLost?(partitions: PackedTopicPartitions): void | Promise<void>;
}

/** The name of a callback. */
export type RebalanceCallback = keyof RebalanceListener;

/** Runs the listener's callback (a missing one is a no-op) and returns the error message if it threw. */
export async function runCallback(listener: RebalanceListener, callback: RebalanceCallback, partitions: PackedTopicPartitions): Promise<string | undefined> {
  try {
    await listener[callback]?.(partitions);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
