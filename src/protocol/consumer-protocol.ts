/**
 * The ConsumerProtocol wire format: the bytes of JoinGroup `protocols[].metadata` (a
 * subscription) and SyncGroup `assignment` (an assignment), versions 0 to 3, byte-exact with
 * Kafka's ConsumerProtocol. Each message is an INT16 version followed by the body.
 *
 * Leniency, as in Kafka: a version above 3 is read as 3 and trailing bytes are ignored.
 * Beyond Kafka: a v1-v3 header whose body stops cleanly after a field group (as KafkaJS and
 * other clients write: header 1, v0 body) reads the missing fields as their defaults.
 */
import { UsageError } from '../errors.js';
import { ByteReader } from './codec/reader.js';
import { readTopicPartitionArray, topicPartitionArraySize, writeTopicPartitionArray } from './codec/topic-partition-array.js';
import { ByteWriter, bytesSize, checkInt32, stringSize } from './codec/writer.js';
import { PackedTopicPartitions, compareStrings } from './topic-partitions.js';
import type { Assignment, Subscription } from './types.js';

/** The newest ConsumerProtocol version kgroup reads and writes. */
export const CONSUMER_PROTOCOL_VERSION = 3;

/** The protocol type of groups that use the ConsumerProtocol. */
export const CONSUMER_PROTOCOL_TYPE = 'consumer';

/** A subscription as decoded: every field present, with the version the bytes carried. */
export interface DecodedSubscription extends Subscription {
  /** The version in the header (a version above 3 is reported as written and read as 3). */
  readonly version: number;
  readonly topics: readonly string[];
  readonly userData: Uint8Array | null;
  readonly ownedPartitions: PackedTopicPartitions;
  /** -1 when absent (v0/v1) or negative on the wire. */
  readonly generationId: number;
  /** null when absent, null or empty on the wire. */
  readonly rackId: string | null;
}

/** An assignment as decoded, with the version the bytes carried. */
export interface DecodedAssignment extends Assignment {
  readonly version: number;
  readonly partitions: PackedTopicPartitions;
  readonly userData: Uint8Array | null;
}

function checkVersion(version: number): number {
  if (!Number.isInteger(version) || version < 0) throw new UsageError(`ConsumerProtocol version ${String(version)} is not an integer >= 0`);
  // Kafka's writer clamps a version it does not know to the newest it does.
  return Math.min(version, CONSUMER_PROTOCOL_VERSION);
}

/**
 * Encodes a subscription at `version` (default 3). Topics are written sorted and owned
 * partitions sorted by topic then partition, as Kafka writes them; fields the version lacks
 * are dropped. Throws UsageError for a bad version, a string over 32767 bytes, a bad partition id
 * or a generation that is not an int32.
 */
export function encodeSubscription(subscription: Subscription, version: number = CONSUMER_PROTOCOL_VERSION): Uint8Array {
  const v = checkVersion(version);
  const topics = isSorted(subscription.topics) ? subscription.topics : [...subscription.topics].sort(compareStrings);
  const owned = PackedTopicPartitions.from(subscription.ownedPartitions ?? PackedTopicPartitions.EMPTY);
  const rackId = subscription.rackId ?? null;
  const generationId = checkInt32(subscription.generationId ?? -1, 'generationId');
  let size = 2 + 4 + bytesSize(subscription.userData);
  for (const t of topics) size += stringSize(t, 'topics');
  if (v >= 1) size += topicPartitionArraySize(owned, 'ownedPartitions');
  if (v >= 2) size += 4;
  if (v >= 3) size += stringSize(rackId, 'rackId');

  const w = new ByteWriter(size).int16(v).int32(topics.length);
  for (const t of topics) w.string(t);
  w.nullableBytes(subscription.userData);
  if (v >= 1) writeTopicPartitionArray(w, owned);
  if (v >= 2) w.int32(generationId);
  if (v >= 3) w.string(rackId);
  return w.finish();
}

function isSorted(xs: readonly string[]): boolean {
  for (let i = 1; i < xs.length; i++) if ((xs[i - 1] as string) > (xs[i] as string)) return false;
  return true;
}

/** Decodes a subscription. Throws {@link DecodeError} for malformed bytes. */
export function decodeSubscription(bytes: Uint8Array): DecodedSubscription {
  const r = new ByteReader(bytes);
  const version = readVersion(r, 'subscription');
  const count = r.arrayCount(2, 'topics');
  const topics = new Array<string>(count);
  for (let i = 0; i < count; i++) topics[i] = r.string('topics[#]', i);
  const userData = r.nullableBytes('userData');
  // A body that stops right after a field group is a lower-version body under a higher header.
  const ownedPartitions = version >= 1 && r.remaining > 0 ? readTopicPartitionArray(r, 'ownedPartitions') : PackedTopicPartitions.EMPTY;
  const generation = version >= 2 && r.remaining > 0 ? r.int32('generationId') : -1;
  const rack = version >= 3 && r.remaining > 0 ? r.nullableString('rackId') : null;
  return {
    version,
    topics,
    userData,
    ownedPartitions,
    generationId: generation < 0 ? -1 : generation,
    rackId: rack === '' ? null : rack,
  };
}

/**
 * Encodes an assignment at `version` (default 3; v1-v3 are v0 on the wire). Partitions are
 * written in the map's iteration order (sorted for kgroup's packed sets), as Kafka writes the
 * assignor's list grouped by first appearance.
 */
export function encodeAssignment(assignment: Assignment, version: number = CONSUMER_PROTOCOL_VERSION): Uint8Array {
  const v = checkVersion(version);
  const size = 2 + topicPartitionArraySize(assignment.partitions, 'partitions') + bytesSize(assignment.userData);
  const w = new ByteWriter(size).int16(v);
  writeTopicPartitionArray(w, assignment.partitions);
  w.nullableBytes(assignment.userData);
  return w.finish();
}

/**
 * Decodes an assignment. Throws {@link DecodeError} for malformed bytes, including the empty
 * array a coordinator sends to a member the leader left out (Kafka's client rejects it too).
 */
export function decodeAssignment(bytes: Uint8Array): DecodedAssignment {
  const r = new ByteReader(bytes);
  const version = readVersion(r, 'assignment');
  const partitions = readTopicPartitionArray(r, 'partitions');
  const userData = r.nullableBytes('userData');
  return { version, partitions, userData };
}

function readVersion(r: ByteReader, what: string): number {
  const version = r.int16('version');
  if (version < 0) r.failAt(0, `unsupported ${what} version ${version}`, 'version');
  return version;
}
