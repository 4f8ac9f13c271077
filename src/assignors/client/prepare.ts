/**
 * The part every client assignor shares (Kafka's AbstractPartitionAssignor.assign): check the
 * input, form the union of subscribed topics, and keep only topics with metadata and at least
 * one partition. Members come back sorted by member id so that no assignor's output depends
 * on the order of the input array.
 */
import { UsageError } from '../../errors.js';
import { compareStrings } from '../../protocol/topic-partitions.js';
import type { GroupMember, TopicMetadata } from '../../protocol/types.js';
import type { AssignInput } from '../types.js';

/** The checked input of an assignment. */
export interface PreparedInput {
  /** Members sorted by member id (UTF-16 code units). */
  readonly members: readonly GroupMember[];
  /** Subscribed topics that exist with >= 1 partition, sorted by name, with their partition counts. */
  readonly topics: readonly string[];
  /** Partition count of each topic in `topics`. */
  readonly partitionCounts: ReadonlyMap<string, number>;
  /** Metadata of each topic in `topics`. */
  readonly metadata: ReadonlyMap<string, TopicMetadata>;
}

/**
 * Checks and normalizes an assignor's input. Throws {@link UsageError} for what no Kafka group
 * can hold: duplicate member ids, a partition count that is not an int32 >= 0, or partition
 * racks that do not match the partition count. Topics without metadata or partitions are
 * skipped, as Kafka skips them.
 */
export function prepareInput(input: AssignInput, assignor: string): PreparedInput {
  const members = [...input.members].sort((a, b) => compareStrings(a.memberId, b.memberId));
  for (let i = 1; i < members.length; i++) {
    if ((members[i] as GroupMember).memberId === (members[i - 1] as GroupMember).memberId) {
      throw new UsageError(`${assignor}: duplicate member id '${(members[i] as GroupMember).memberId}' in the assignor's input`);
    }
  }
  const subscribed = new Set<string>();
  for (const m of members) for (const t of m.subscription.topics) subscribed.add(t);
  const partitionCounts = new Map<string, number>();
  const metadata = new Map<string, TopicMetadata>();
  for (const topic of [...subscribed].sort(compareStrings)) {
    const meta = input.topics.get(topic);
    if (meta === undefined) continue;
    checkMetadata(assignor, topic, meta);
    if (meta.partitions === 0) continue;
    partitionCounts.set(topic, meta.partitions);
    metadata.set(topic, meta);
  }
  return { members, topics: [...partitionCounts.keys()], partitionCounts, metadata };
}

function checkMetadata(assignor: string, topic: string, meta: TopicMetadata): void {
  const n = meta.partitions;
  if (!Number.isInteger(n) || n < 0 || n > 0x7fffffff) {
    throw new UsageError(`${assignor}: topic '${topic}' has partition count ${String(n)}; expected an int32 >= 0`);
  }
  if (meta.partitionRacks !== undefined && meta.partitionRacks.length !== n) {
    throw new UsageError(`${assignor}: topic '${topic}' has ${n} partitions but racks for ${meta.partitionRacks.length}`);
  }
}
