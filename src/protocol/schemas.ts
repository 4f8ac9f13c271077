/**
 * zod schemas for every public input of the protocol vocabulary. Each schema's output type is
 * the TypeScript type of the same name (a type test keeps them in step), so a value that
 * crosses the public boundary can be checked with `Schema.parse(x)` before it reaches a machine.
 */
import { z } from 'zod';
import type { TopicPartitions } from './topic-partitions.js';
import type { Assignment, GroupMember, RebalanceProtocol, Subscription, TopicMetadata } from './types.js';

/** An int32 >= 0 (partition ids, counts). */
export const Int32NonNegativeSchema = z.int().min(0).max(0x7fffffff);

/** An int32. */
export const Int32Schema = z.int().min(-0x80000000).max(0x7fffffff);

/** EAGER or COOPERATIVE. */
export const RebalanceProtocolSchema: z.ZodType<RebalanceProtocol> = z.enum(['EAGER', 'COOPERATIVE']);

function isTopicPartitions(value: unknown): value is TopicPartitions {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Partial<TopicPartitions>;
  if (typeof m.get !== 'function' || typeof m.entries !== 'function' || typeof m.size !== 'number') return false;
  for (const [topic, partitions] of m.entries()) {
    if (typeof topic !== 'string' || !Array.isArray(partitions)) return false;
    for (const p of partitions as unknown[]) if (!Int32NonNegativeSchema.safeParse(p).success) return false;
  }
  return true;
}

/** A ReadonlyMap of topic name to int32 >= 0 partition ids (a Map or a PackedTopicPartitions). */
export const TopicPartitionsSchema = z.custom<TopicPartitions>(isTopicPartitions, {
  message: 'expected a map of topic name to an array of int32 >= 0 partition ids',
});

// Not z.instanceof(Uint8Array): its output type is Uint8Array<ArrayBuffer>, narrower than the
// interfaces' Uint8Array (any ArrayBufferLike), so a view on a shared buffer would not type-check.
const Bytes = z.custom<Uint8Array>((value) => value instanceof Uint8Array, { message: 'expected a Uint8Array' });

/** A {@link Subscription}. */
export const SubscriptionSchema = z
  .object({
    topics: z.array(z.string()).readonly(),
    userData: Bytes.nullable().exactOptional(),
    ownedPartitions: TopicPartitionsSchema.exactOptional(),
    generationId: Int32Schema.exactOptional(),
    rackId: z.string().nullable().exactOptional(),
  })
  .readonly();

/** An {@link Assignment}. */
export const AssignmentSchema = z
  .object({
    partitions: TopicPartitionsSchema,
    userData: Bytes.nullable().exactOptional(),
  })
  .readonly();

/** A {@link GroupMember}. */
export const GroupMemberSchema = z
  .object({
    memberId: z.string(),
    groupInstanceId: z.string().nullable().exactOptional(),
    subscription: SubscriptionSchema,
  })
  .readonly();

/** A {@link TopicMetadata}. */
export const TopicMetadataSchema = z
  .object({
    partitions: Int32NonNegativeSchema,
    partitionRacks: z.array(z.array(z.string()).readonly()).readonly().exactOptional(),
  })
  .readonly();

