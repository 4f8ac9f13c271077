/**
 * Kafka's `range` assignor (RangeAssignor, Kafka 3.8/3.9), exactly, KIP-881 rack awareness included.
 *
 * Per topic, the subscribers in Kafka's member order (static members first by group.instance.id,
 * then dynamic members by member id) get contiguous ranges of partitions: the first P mod C get
 * ⌈P/C⌉, the rest ⌊P/C⌋. When some topic needs rack awareness (see `useRackAwareAssignment` in rack.ts),
 * a rack-matching pass runs first that keeps that per-topic balance and keeps co-partitioned
 * topics (same subscribers, same partition count) aligned index by index; the plain range pass
 * then places whatever it could not match.
 *
 * Output order: every member's partitions come as a `PackedTopicPartitions`, sorted by
 * (topic, partition). Kafka sorts each member's list that way in rack-aware mode; without racks
 * its list follows the iteration order of a Java HashMap of topics. The sets are identical; only
 * that list order differs, and kgroup never lets output depend on hash order.
 */
import { UsageError } from '../../errors.js';
import type { Assignment } from '../../protocol/types.js';
import type { AssignInput, PartitionAssignor } from '../types.js';
import { groupLayout } from './member-order.js';
import { prepareInput } from './prepare.js';
import { toAssignmentMap } from './assignment-writer.js';
import { plainRanges } from './range/plain.js';
import { rackAwareRanges } from './range/rack-aware.js';
import { rangeTopicRacks } from './range/racks.js';

/** Options of {@link createRangeAssignor}. */
export interface RangeAssignorOptions {
  /**
   * Kafka's test hook `preferRackAwareLogic`: run the rack-aware logic whenever consumer and
   * partition racks overlap, even when every partition has a replica on every rack. Default false
   * (production behaviour); the assigned sets are the same either way in that case.
   */
  readonly preferRackAwareLogic?: boolean;
}

/** Creates Kafka's `range` assignor (EAGER only, stateless). */
export function createRangeAssignor(options: RangeAssignorOptions = {}): PartitionAssignor {
  if (typeof options !== 'object' || options === null) throw new UsageError('createRangeAssignor: options must be an object');
  const prefer = options.preferRackAwareLogic ?? false;
  if (typeof prefer !== 'boolean') throw new UsageError('createRangeAssignor: preferRackAwareLogic must be a boolean');
  return Object.freeze({
    name: 'range',
    supportedProtocols: Object.freeze(['EAGER'] as const),
    assign: (input: AssignInput) => assignRange(input, prefer),
  });
}

/** Kafka's `range` assignor; see {@link createRangeAssignor}. */
export const rangeAssignor: PartitionAssignor = createRangeAssignor();

function assignRange(input: AssignInput, preferRackAwareLogic: boolean): Map<string, Assignment> {
  const layout = groupLayout(prepareInput(input, 'range'));
  const racks = rangeTopicRacks(layout, preferRackAwareLogic);
  const partitions = racks === null ? plainRanges(layout) : rackAwareRanges(layout, racks);
  return toAssignmentMap(layout.prepared.members, partitions);
}
