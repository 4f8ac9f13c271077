/**
 * Value operations on {@link TopicPartitions}: build, compare, diff, flatten. Every function
 * accepts any ReadonlyMap (normalizing it first) and returns packed, normalized sets.
 */
import {
  PackedTopicPartitions,
  TopicPartitionsBuilder,
  compareStrings,
  packedArrays,
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
  if (a === b) return true;
  // Compared on the flat arrays: asking a packed set for a topic's list materializes it.
  const x = packedArrays(normalizeTopicPartitions(a));
  const y = packedArrays(normalizeTopicPartitions(b));
  if (x.topics.length !== y.topics.length || x.partitions.length !== y.partitions.length) return false;
  for (let i = 0; i < x.topics.length; i++) if (x.topics[i] !== y.topics[i] || x.starts[i + 1] !== y.starts[i + 1]) return false;
  for (let i = 0; i < x.partitions.length; i++) if (x.partitions[i] !== y.partitions[i]) return false;
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
  const a = packedArrays(normalizeTopicPartitions(before));
  const b = packedArrays(normalizeTopicPartitions(after));
  const kept = new TopicPartitionsBuilder();
  const added = new TopicPartitionsBuilder();
  const revoked = new TopicPartitionsBuilder();
  // Merge the two sorted topic lists, and within a shared topic the two sorted partition runs,
  // on the flat arrays (asking a packed set for a topic's list would materialize it).
  let i = 0;
  let j = 0;
  while (i < a.topics.length || j < b.topics.length) {
    const order = i >= a.topics.length ? 1 : j >= b.topics.length ? -1 : compareStrings(a.topics[i] as string, b.topics[j] as string);
    const topic = (order <= 0 ? a.topics[i] : b.topics[j]) as string;
    let x = order <= 0 ? (a.starts[i] as number) : 0;
    const xEnd = order <= 0 ? (a.starts[++i] as number) : 0;
    let y = order >= 0 ? (b.starts[j] as number) : 0;
    const yEnd = order >= 0 ? (b.starts[++j] as number) : 0;
    while (x < xEnd || y < yEnd) {
      const p = x < xEnd ? (a.partitions[x] as number) : Infinity;
      const q = y < yEnd ? (b.partitions[y] as number) : Infinity;
      if (p === q) {
        kept.add(topic, p);
        x++;
        y++;
      } else if (p < q) {
        revoked.add(topic, p);
        x++;
      } else {
        added.add(topic, q);
        y++;
      }
    }
  }
  return { kept: kept.build(), added: added.build(), revoked: revoked.build() };
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
