/**
 * Value operations on {@link TopicPartitions}: build, compare, diff, flatten. Every function
 * accepts any ReadonlyMap (normalizing it first) and returns packed, normalized sets.
 */
import {
  PackedTopicPartitions,
  TopicPartitionsBuilder,
  compareStrings,
  type TopicPartition,
  type TopicPartitions,
} from './topic-partitions.js';

/** Input accepted by {@link topicPartitions}: a map, a plain object, or (topic, partition) pairs. */
export type TopicPartitionsInput =
  | TopicPartitions
  | Iterable<readonly [string, Iterable<number>]>
  | Iterable<TopicPartition>
  | Readonly<Record<string, readonly number[]>>;

function isIterable(x: unknown): x is Iterable<unknown> {
  return typeof x === 'object' && x !== null && Symbol.iterator in x;
}

/**
 * Builds a normalized {@link TopicPartitions} from a map, a plain object (`{ foo: [0, 1] }`),
 * `[topic, partitions]` entries or `{ topic, partition }` pairs.
 * Throws UsageError for a partition id that is not an int32 >= 0.
 */
export function topicPartitions(input: TopicPartitionsInput = []): PackedTopicPartitions {
  if (input instanceof PackedTopicPartitions) return input;
  const builder = new TopicPartitionsBuilder();
  if (!isIterable(input)) {
    for (const topic of Object.keys(input)) builder.addAll(topic, (input as Record<string, readonly number[]>)[topic] ?? []);
    return builder.build();
  }
  for (const item of input as Iterable<unknown>) {
    if (Array.isArray(item)) builder.addAll(item[0] as string, item[1] as Iterable<number>);
    else {
      const tp = item as TopicPartition;
      builder.add(tp.topic, tp.partition);
    }
  }
  return builder.build();
}

/** Normalizes any TopicPartitions (a no-op for a packed one). */
export function normalizeTopicPartitions(tp: TopicPartitions): PackedTopicPartitions {
  return PackedTopicPartitions.from(tp);
}

/** Total number of partitions. */
export function countPartitions(tp: TopicPartitions): number {
  return normalizeTopicPartitions(tp).partitionCount;
}

/** Every partition as a (topic, partition) pair, topics ascending then partitions ascending. */
export function flattenTopicPartitions(tp: TopicPartitions): TopicPartition[] {
  const out: TopicPartition[] = [];
  normalizeTopicPartitions(tp).forEachPartition((topic, partition) => out.push({ topic, partition }));
  return out;
}

/** True when both hold exactly the same partitions (order and duplicates ignored). */
export function equalTopicPartitions(a: TopicPartitions, b: TopicPartitions): boolean {
  const x = normalizeTopicPartitions(a);
  const y = normalizeTopicPartitions(b);
  if (x.size !== y.size || x.partitionCount !== y.partitionCount) return false;
  for (let i = 0; i < x.size; i++) {
    if (x.topicAt(i) !== y.topicAt(i)) return false;
    const px = x.partitionsAt(i);
    const py = y.partitionsAt(i);
    if (px.length !== py.length) return false;
    for (let j = 0; j < px.length; j++) if (px[j] !== py[j]) return false;
  }
  return true;
}

/** What changes between two sets: partitions in both, only in `after`, only in `before`. */
export interface TopicPartitionsDiff {
  readonly kept: PackedTopicPartitions;
  readonly added: PackedTopicPartitions;
  readonly revoked: PackedTopicPartitions;
}

/** Splits `before` and `after` into kept, added (new in `after`) and revoked (gone from `before`). */
export function diffTopicPartitions(before: TopicPartitions, after: TopicPartitions): TopicPartitionsDiff {
  const a = normalizeTopicPartitions(before);
  const b = normalizeTopicPartitions(after);
  const kept = new TopicPartitionsBuilder();
  const added = new TopicPartitionsBuilder();
  const revoked = new TopicPartitionsBuilder();
  // Merge the two sorted topic lists, then the two sorted partition lists of shared topics.
  let i = 0;
  let j = 0;
  while (i < a.size || j < b.size) {
    const order = i >= a.size ? 1 : j >= b.size ? -1 : compareStrings(a.topicAt(i), b.topicAt(j));
    if (order < 0) revoked.addAll(a.topicAt(i), a.partitionsAt(i++));
    else if (order > 0) added.addAll(b.topicAt(j), b.partitionsAt(j++));
    else mergePartitions(a.topicAt(i), a.partitionsAt(i++), b.partitionsAt(j++), kept, added, revoked);
  }
  return { kept: kept.build(), added: added.build(), revoked: revoked.build() };
}

function mergePartitions(
  topic: string,
  pa: readonly number[],
  pb: readonly number[],
  kept: TopicPartitionsBuilder,
  added: TopicPartitionsBuilder,
  revoked: TopicPartitionsBuilder,
): void {
  let i = 0;
  let j = 0;
  while (i < pa.length || j < pb.length) {
    const x = pa[i];
    const y = pb[j];
    if (y === undefined || (x !== undefined && x < y)) revoked.add(topic, pa[i++] as number);
    else if (x === undefined || y < x) added.add(topic, pb[j++] as number);
    else {
      kept.add(topic, x);
      i++;
      j++;
    }
  }
}

/** Every partition in any of the sets. */
export function unionTopicPartitions(...sets: readonly TopicPartitions[]): PackedTopicPartitions {
  const builder = new TopicPartitionsBuilder();
  for (const set of sets) normalizeTopicPartitions(set).forEachPartition((t, p) => builder.add(t, p));
  return builder.build();
}

/** The partitions of `a` that are not in `b`. */
export function subtractTopicPartitions(a: TopicPartitions, b: TopicPartitions): PackedTopicPartitions {
  return diffTopicPartitions(a, b).revoked;
}
