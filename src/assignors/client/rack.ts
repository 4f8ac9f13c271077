/**
 * KIP-881 rack awareness: the decision, shared by range and the sticky assignors, of whether
 * rack-aware assignment is worth doing at all.
 */

/**
 * Kafka's `useRackAwareAssignment` predicate (AbstractPartitionAssignor, Kafka 3.5+).
 *
 * - false when no consumer has a rack, or when no consumer rack is among the partitions' replica racks
 *   (nothing could ever match);
 * - true when `preferRackAwareLogic` is set (Kafka's test hook);
 * - otherwise true exactly when some partition's replica racks differ from the union of all of them:
 *   when every partition has a replica on every rack, any assignment is rack-aligned already, so
 *   Kafka keeps the cheaper non-rack logic (and its exact output).
 *
 * @param consumerRacks - the racks of the consumers concerned (no empty strings: a consumer whose
 *   `rackId` is `''` has no rack; see {@link memberRack}).
 * @param partitionRacks - the union of the replica racks of every partition concerned.
 * @param racksPerPartition - the replica racks of each partition concerned (any order).
 * @param preferRackAwareLogic - Kafka's test-only switch; false in production.
 */
export function useRackAwareAssignment(
  consumerRacks: ReadonlySet<string>,
  partitionRacks: ReadonlySet<string>,
  racksPerPartition: Iterable<ReadonlySet<string>>,
  preferRackAwareLogic: boolean,
): boolean {
  if (consumerRacks.size === 0 || disjoint(consumerRacks, partitionRacks)) return false;
  if (preferRackAwareLogic) return true;
  for (const racks of racksPerPartition) if (!equalSets(racks, partitionRacks)) return true;
  return false;
}

/**
 * A member's rack as the assignors use it: Kafka treats an empty `client.rack` as no rack
 * (an empty RackId decodes to absent), so `''`, null and undefined all give null.
 */
export function memberRack(rackId: string | null | undefined): string | null {
  return rackId === undefined || rackId === null || rackId === '' ? null : rackId;
}

function disjoint(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const x of small) if (large.has(x)) return false;
  return true;
}

function equalSets(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}
