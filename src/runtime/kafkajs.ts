/**
 * The KafkaJS adapter bound to Node's Buffer: KafkaJS's encoder writes only Buffers (a plain
 * Uint8Array would be written as a string), so the bytes the assigner hands KafkaJS must be
 * Buffers. This binding is the only reason the adapter lives on the impure side.
 */
import { createKafkaJsAssigner } from '../adapters/kafkajs/assigner.js';
import type { KafkaJsAssignerOptions, KafkaJsPartitionAssigner } from '../adapters/kafkajs/types.js';
import type { PartitionAssignor } from '../assignors/types.js';

/** A Buffer over the same memory (no copy). */
function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * Turns a kgroup client-side assignor into a KafkaJS PartitionAssigner:
 * `kafka.consumer({ groupId, partitionAssigners: [toKafkaJsAssigner(stickyAssignor)] })`.
 * Eager only (KafkaJS has no cooperative protocol); throws UsageError for an assignor without EAGER.
 */
export function toKafkaJsAssigner(assignor: PartitionAssignor, options: KafkaJsAssignerOptions = {}): KafkaJsPartitionAssigner<Buffer> {
  return createKafkaJsAssigner(assignor, toBuffer, options);
}
