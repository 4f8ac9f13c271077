/**
 * What a member using a sticky assignor puts in its subscription's user data, byte-compatible
 * with Java members of the same group.
 */
import { checkInt32 } from '../../../protocol/codec/writer.js';
import { PackedTopicPartitions } from '../../../protocol/topic-partitions.js';
import { encodeCooperativeStickyUserData, encodeStickyUserData } from '../../../protocol/user-data.js';
import type { SubscriptionUserDataContext } from '../../types.js';

/**
 * `sticky`: StickyAssignorUserData V1 of the member's current partitions and generation, or
 * null for a member that has never been assigned anything (Java sends null before its first
 * assignment). Throws UsageError when the generation is not an int32.
 */
export function stickySubscriptionUserData(ctx: SubscriptionUserDataContext): Uint8Array | null {
  checkInt32(ctx.generationId, 'sticky: generationId');
  const owned = PackedTopicPartitions.from(ctx.ownedPartitions);
  if (ctx.generationId < 0 && owned.partitionCount === 0) return null;
  return encodeStickyUserData({ partitions: owned, generation: ctx.generationId }, 1);
}

/**
 * `cooperative-sticky`: the generation of the member's current assignment as one INT32 (-1
 * before the first). Throws UsageError when the generation is not an int32, as `sticky` does.
 */
export function cooperativeStickySubscriptionUserData(ctx: SubscriptionUserDataContext): Uint8Array {
  return encodeCooperativeStickyUserData(checkInt32(ctx.generationId, 'cooperative-sticky: generationId'));
}
