/**
 * The `[{topic STRING, partitions [INT32]}]` array shared by owned partitions, assignments and
 * sticky user data.
 *
 * Both directions have a fast path for the common shape. Writing a packed set goes straight
 * from its flat arrays (it is valid by construction). Reading fills flat arrays directly and
 * wraps them when each topic's ids are strictly ascending, which is what Kafka's clients
 * write; topics in another order (Kafka's leader writes them in order of first appearance)
 * cost one sort of the topic names; anything else (a topic repeated, ids out of order or
 * repeated, an empty topic) goes through the builder, which normalizes.
 */
import { UsageError } from '../../errors.js';
import {
  PackedTopicPartitions,
  TopicPartitionsBuilder,
  compareStrings,
  packedArrays,
  type TopicPartitions,
} from '../topic-partitions.js';
import type { ByteReader } from './reader.js';
import { stringSize, type ByteWriter } from './writer.js';

/**
 * Encoded size of the array, entries written in the map's iteration order. Checks every
 * partition id of a caller's plain Map, since it is written as given.
 */
export function topicPartitionArraySize(tp: TopicPartitions, field: string): number {
  if (tp instanceof PackedTopicPartitions) {
    const { topics, partitions } = packedArrays(tp);
    let n = 4 + 4 * partitions.length;
    for (const topic of topics) n += stringSize(topic, field) + 4;
    return n;
  }
  let n = 4;
  for (const [topic, partitions] of tp) {
    n += stringSize(topic, field) + 4 + 4 * partitions.length;
    for (const p of partitions) {
      if (!Number.isInteger(p) || p < 0 || p > 0x7fffffff) {
        throw new UsageError(`${field}: partition ${String(p)} of topic '${topic}' is not an int32 >= 0`);
      }
    }
  }
  return n;
}

/** Writes the array in the map's iteration order (packed sets iterate sorted). */
export function writeTopicPartitionArray(w: ByteWriter, tp: TopicPartitions): void {
  if (tp instanceof PackedTopicPartitions) {
    const { topics, starts, partitions } = packedArrays(tp);
    w.int32(topics.length);
    for (let i = 0; i < topics.length; i++) {
      const start = starts[i] as number;
      const end = starts[i + 1] as number;
      w.string(topics[i] as string).int32(end - start).int32s(partitions, start, end);
    }
    return;
  }
  w.int32(tp.size);
  for (const [topic, partitions] of tp) {
    w.string(topic).int32(partitions.length);
    for (const p of partitions) w.int32(p);
  }
}

/** Reads the array; partition ids must be >= 0. Topics repeated on the wire are merged. */
export function readTopicPartitionArray(r: ByteReader, field: string): PackedTopicPartitions {
  // An entry is at least a 2-byte string length and a 4-byte count.
  const count = r.arrayCount(6, field);
  if (count === 0) return PackedTopicPartitions.EMPTY;
  const topicField = `${field}[#].topic`;
  const partitionsField = `${field}[#].partitions`;
  const partitionField = `${field}[#].partitions[#]`;

  // Every id takes 4 of the bytes left after the entries' headers: that bounds the total, and
  // the buffer grows towards that bound only as ids arrive.
  const maxIds = (r.remaining - 6 * count) >>> 2;
  let ids = new Int32Array(Math.min(maxIds, 64));
  const topics = new Array<string>(count);
  const starts = new Int32Array(count + 1);
  let n = 0;
  let runsNormalized = true; // every run non-empty and strictly ascending
  let topicsAscending = true;
  for (let i = 0; i < count; i++) {
    const topic = r.string(topicField, i);
    const size = r.arrayCount(4, partitionsField, i);
    if (n + size > ids.length) {
      const grown = new Int32Array(Math.min(maxIds, Math.max(n + size, 2 * ids.length)));
      grown.set(ids.subarray(0, n));
      ids = grown;
    }
    const at = r.offset;
    r.int32s(ids, n, size, partitionsField, i);
    let prev = -1;
    for (let j = n, end = n + size; j < end; j++) {
      const p = ids[j] as number;
      if (p < 0) r.failAt(at + 4 * (j - n), `partition id ${p} is negative`, partitionField, i, j - n);
      if (p <= prev) runsNormalized = false;
      prev = p;
    }
    if (size === 0) runsNormalized = false;
    if (i > 0 && !((topics[i - 1] as string) < topic)) topicsAscending = false;
    topics[i] = topic;
    n += size;
    starts[i + 1] = n;
  }
  if (n < ids.length) ids = ids.slice(0, n);
  if (runsNormalized && topicsAscending) return PackedTopicPartitions.fromNormalized(topics, starts, ids);
  if (runsNormalized) {
    const sorted = sortRuns(topics, starts, ids);
    if (sorted !== undefined) return sorted;
  }
  const builder = new TopicPartitionsBuilder();
  for (let i = 0; i < count; i++) {
    const topic = topics[i] as string;
    for (let j = starts[i] as number, end = starts[i + 1] as number; j < end; j++) builder.add(topic, ids[j] as number);
  }
  return builder.build();
}

/** Reorders normalized runs by topic name; undefined when a topic repeats (the builder merges those). */
function sortRuns(topics: readonly string[], starts: Int32Array, ids: Int32Array): PackedTopicPartitions | undefined {
  const order = topics.map((_, i) => i).sort((a, b) => compareStrings(topics[a] as string, topics[b] as string));
  const sortedTopics = new Array<string>(topics.length);
  const sortedStarts = new Int32Array(topics.length + 1);
  const sortedIds = new Int32Array(ids.length);
  let n = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k] as number;
    const topic = topics[i] as string;
    if (k > 0 && sortedTopics[k - 1] === topic) return undefined;
    sortedTopics[k] = topic;
    const start = starts[i] as number;
    const end = starts[i + 1] as number;
    sortedIds.set(ids.subarray(start, end), n);
    n += end - start;
    sortedStarts[k + 1] = n;
  }
  return PackedTopicPartitions.fromNormalized(sortedTopics, sortedStarts, sortedIds);
}
