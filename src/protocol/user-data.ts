/**
 * The user data the sticky assignors put in a subscription, in Kafka's legacy Struct encoding.
 *
 * - StickyAssignorUserData (assignor `sticky`, EAGER): the member's previous assignment, since
 *   an eager member revokes everything before joining and sends no owned partitions. V0 is the
 *   partitions; V1 appends the generation. Members write V1.
 * - Cooperative-sticky user data: one INT32, the generation of the member's last assignment.
 */
import { DecodeError } from '../errors.js';
import { ByteReader } from './codec/reader.js';
import { readTopicPartitionArray, topicPartitionArraySize, writeTopicPartitionArray } from './codec/topic-partition-array.js';
import { ByteWriter, checkInt32 } from './codec/writer.js';
import { PackedTopicPartitions, type TopicPartitions } from './topic-partitions.js';

/** What a sticky member last had. */
export interface StickyUserData {
  /** The partitions of the member's last assignment. */
  readonly partitions: PackedTopicPartitions;
  /** Generation of that assignment; absent in V0 data. */
  readonly generation?: number;
}

/**
 * Encodes StickyAssignorUserData: V1 (default, with the generation) or V0 (without). Topics
 * are written sorted; Java writes them in HashMap order, which readers do not depend on.
 */
export function encodeStickyUserData(data: { partitions: TopicPartitions; generation?: number }, version: 0 | 1 = 1): Uint8Array {
  const partitions = PackedTopicPartitions.from(data.partitions);
  const withGeneration = version === 1;
  const generation = checkInt32(data.generation ?? -1, 'generation');
  const w = new ByteWriter(topicPartitionArraySize(partitions, 'previous_assignment') + (withGeneration ? 4 : 0));
  writeTopicPartitionArray(w, partitions);
  if (withGeneration) w.int32(generation);
  return w.finish();
}

/**
 * Decodes StickyAssignorUserData V1 or V0. Kafka tries V1, then V0; since V1 only appends an
 * INT32, that is: the partitions, then a generation when four more bytes follow. Throws
 * {@link DecodeError} when the partitions do not parse (the assignors then treat the member as
 * owning nothing, as Kafka does).
 */
export function decodeStickyUserData(bytes: Uint8Array): StickyUserData {
  const r = new ByteReader(bytes);
  const partitions = readTopicPartitionArray(r, 'previous_assignment');
  if (r.remaining < 4) return { partitions };
  return { partitions, generation: r.int32('generation') };
}

/** Encodes cooperative-sticky user data: the generation as one INT32 (-1 before the first assignment). */
export function encodeCooperativeStickyUserData(generation: number): Uint8Array {
  return new ByteWriter(4).int32(checkInt32(generation, 'generation')).finish();
}

/** Decodes cooperative-sticky user data. Throws {@link DecodeError} when there are fewer than 4 bytes. */
export function decodeCooperativeStickyUserData(bytes: Uint8Array): number {
  if (bytes.length < 4) throw new DecodeError(`expected 4 bytes but only ${bytes.length} remain`, 'generation', 0);
  return new ByteReader(bytes).int32('generation');
}
