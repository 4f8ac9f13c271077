/**
 * Kafka's LocalAssignment: an assignment by topic id with a local epoch. Two are equal only
 * when both the partitions and the local epoch are, which is what makes a re-received target
 * (after a change) a new one that must be acknowledged again.
 */
import { equalTopicPartitions } from '../../protocol/topic-partitions-ops.js';
import { PackedTopicPartitions, TopicPartitionsBuilder } from '../../protocol/topic-partitions.js';
import type { TopicIdPartitions } from '../coordinator/types.js';
import type { LocalAssignment } from './types.js';

/** Kafka's LocalAssignment.NONE: not in a group, nothing reconciled yet. */
export const NONE_ASSIGNMENT: LocalAssignment = Object.freeze({ localEpoch: -1, partitions: PackedTopicPartitions.EMPTY });

/** True for {@link NONE_ASSIGNMENT} (or any assignment at local epoch -1). */
export function isNone(a: LocalAssignment): boolean {
  return a.localEpoch === -1;
}

/** Kafka's LocalAssignment.equals: same local epoch and same partitions. */
export function sameLocalAssignment(a: LocalAssignment | null, b: LocalAssignment | null): boolean {
  if (a === null || b === null) return a === b;
  return a.localEpoch === b.localEpoch && equalTopicPartitions(a.partitions, b.partitions);
}

/**
 * Kafka's LocalAssignment.updateWith: null when `received` equals the current partitions (and
 * the current one is not NONE), otherwise the received partitions at the next local epoch.
 */
export function updateWith(current: LocalAssignment, received: PackedTopicPartitions): LocalAssignment | null {
  if (!isNone(current) && equalTopicPartitions(current.partitions, received)) return null;
  return Object.freeze({ localEpoch: current.localEpoch + 1, partitions: received });
}

/** The wire's topic-id list as a set (duplicates merged, empty topics dropped). */
export function fromWire(topicPartitions: readonly TopicIdPartitions[]): PackedTopicPartitions {
  const builder = new TopicPartitionsBuilder();
  for (const t of topicPartitions) builder.addAll(t.topicId, t.partitions);
  return builder.build();
}

/** A set by topic id as the wire's list, topic ids ascending. */
export function toWire(partitions: PackedTopicPartitions): TopicIdPartitions[] {
  const out: TopicIdPartitions[] = [];
  for (const [topicId, parts] of partitions) out.push({ topicId, partitions: [...parts] });
  return out;
}
