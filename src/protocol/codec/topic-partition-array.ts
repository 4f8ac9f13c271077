/**
 * The `[{topic STRING, partitions [INT32]}]` array shared by owned partitions, assignments and
 * sticky user data.
 */
import { UsageError } from '../../errors.js';
import { TopicPartitionsBuilder, type PackedTopicPartitions, type TopicPartitions } from '../topic-partitions.js';
import type { ByteReader } from './reader.js';
import { stringSize, type ByteWriter } from './writer.js';

/**
 * Encoded size of the array, entries written in the map's iteration order. Checks every
 * partition id, since a caller's plain Map is written as given.
 */
export function topicPartitionArraySize(tp: TopicPartitions, field: string): number {
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
  w.int32(tp.size);
  for (const [topic, partitions] of tp) {
    w.string(topic).int32(partitions.length);
    for (const p of partitions) w.int32(p);
  }
}

/** Reads the array; partition ids must be >= 0. Topics repeated on the wire are merged. */
export function readTopicPartitionArray(r: ByteReader, field: string): PackedTopicPartitions {
  const builder = new TopicPartitionsBuilder();
  // An entry is at least a 2-byte string length and a 4-byte count.
  const topics = r.arrayCount(6, field);
  const topicField = `${field}[#].topic`;
  const partitionsField = `${field}[#].partitions`;
  const partitionField = `${field}[#].partitions[#]`;
  for (let i = 0; i < topics; i++) {
    const topic = r.string(topicField, i);
    const count = r.arrayCount(4, partitionsField, i);
    for (let j = 0; j < count; j++) {
      const p = r.int32(partitionField, i, j);
      if (p < 0) r.fail(`partition id ${p} is negative`, partitionField, i, j);
      builder.add(topic, p);
    }
  }
  return builder.build();
}
