/**
 * Changing what the member owns: the consumed positions of partitions it no longer owns are
 * dropped with them, so that an auto-commit never commits for a partition another member has.
 */
import { PackedTopicPartitions } from '../../protocol/topic-partitions.js';
import type { MemberContext } from './context.js';
import type { ConsumedPosition } from './types.js';

/** Sets the owned partitions and keeps only their positions. */
export function setOwned(ctx: MemberContext, owned: PackedTopicPartitions): void {
  ctx.s.owned = owned;
  const kept = new Map<string, ReadonlyMap<number, ConsumedPosition>>();
  for (const [topic, byPartition] of ctx.s.positions) {
    const partitions = owned.get(topic);
    if (partitions === undefined) continue;
    const mine = new Map<number, ConsumedPosition>();
    for (const p of partitions) {
      const pos = byPartition.get(p);
      if (pos !== undefined) mine.set(p, pos);
    }
    if (mine.size > 0) kept.set(topic, mine);
  }
  ctx.s.positions = kept;
}

/** The empty set. */
export const NOTHING: PackedTopicPartitions = PackedTopicPartitions.EMPTY;
