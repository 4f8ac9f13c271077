/**
 * Safety: replaying the records gives the coordinator's state. At rest (Empty or Stable) the
 * persisted view of `replay(records)` must equal the live group's; mid-rebalance the log still
 * describes the last completed generation, as Kafka's does, so nothing is compared then.
 */
import { isAtRest, persistedView, replay } from '../../classic/coordinator/index.js';
import type { ClassicCoordinatorState, ClassicGroupRecord } from '../../classic/coordinator/index.js';
import { replayConsumerGroup } from '../../consumer/coordinator/index.js';
import type { ConsumerGroupCoordinatorState, ConsumerGroupRecord } from '../../consumer/coordinator/index.js';
import { ReplayComparator } from '../nodes/consumer-replay.js';

/** Why `replay(records)` differs from the live classic coordinator `state`, or null. */
export function checkClassicReplay(state: ClassicCoordinatorState, records: readonly ClassicGroupRecord[]): string | null {
  if (!isAtRest(state)) return null;
  const live = JSON.stringify(persistedView(state));
  const replayed = JSON.stringify(persistedView(replay(state.config, records)));
  return live === replayed ? null : `replayed records give ${replayed}, the live group is ${live}`;
}

/**
 * Why `replay(records)` differs from the live KIP-848 coordinator `state`, or null. Its records
 * are written in the step that makes each change, so the two must be equal after every step.
 */
export function checkConsumerReplay(state: ConsumerGroupCoordinatorState, records: readonly ConsumerGroupRecord[]): string | null {
  return new ReplayComparator().mismatch(state.group, replayConsumerGroup(state.config, records).group);
}
