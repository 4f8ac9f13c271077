/**
 * Kafka's ConsumerCoordinator.onJoinPrepare, run before the first JoinGroup of every new round:
 * commit (auto-commit), then give up partitions. A member whose generation or member id was
 * reset is no longer in the group: what it owned is lost. Otherwise EAGER revokes everything
 * (the callback runs even for an empty set) and COOPERATIVE revokes only the partitions of
 * topics it no longer subscribes to.
 */
import { PackedTopicPartitions, TopicPartitionsBuilder } from '../../protocol/topic-partitions.js';
import { commitBeforeRevocation } from './commit.js';
import type { MemberContext } from './context.js';
import { NOTHING, setOwned } from './owned.js';

/** The owned partitions split by whether their topic is still subscribed. */
function splitBySubscription(ctx: MemberContext): { keep: PackedTopicPartitions; revoke: PackedTopicPartitions } {
  const subscribed = new Set(ctx.s.subscription);
  const keep = new TopicPartitionsBuilder();
  const revoke = new TopicPartitionsBuilder();
  for (const [topic, partitions] of ctx.s.owned) (subscribed.has(topic) ? keep : revoke).addAll(topic, partitions);
  return { keep: keep.build(), revoke: revoke.build() };
}

/** The end of onJoinPrepare, once any callback is confirmed: keep `owned`, forget leadership. */
export function finishJoinPrepare(ctx: MemberContext, owned: PackedTopicPartitions): void {
  setOwned(ctx, owned);
  ctx.s.isLeader = false;
  ctx.s.groupSubscription = [];
  ctx.s.commit = null;
}

/**
 * Runs onJoinPrepare. Returns true when it is done and JoinGroup may go out now, false when it
 * waits (for the commit, or for the application to confirm a callback).
 */
export function runJoinPrepare(ctx: MemberContext): boolean {
  if (!commitBeforeRevocation(ctx)) return false;
  const s = ctx.s;
  s.needsJoinPrepare = false;
  const owned = s.owned;
  if (s.generation.generationId === -1 || s.generation.memberId === '') {
    if (owned.partitionCount === 0) {
      finishJoinPrepare(ctx, NOTHING);
      return true;
    }
    ctx.invokeCallback('onPartitionsLost', owned, { kind: 'join-prepared', owned: NOTHING });
    return false;
  }
  if (s.protocol === 'EAGER') {
    ctx.invokeCallback('onPartitionsRevoked', owned, { kind: 'join-prepared', owned: NOTHING });
    return false;
  }
  const { keep, revoke } = splitBySubscription(ctx);
  if (revoke.partitionCount === 0) {
    finishJoinPrepare(ctx, keep);
    return true;
  }
  ctx.invokeCallback('onPartitionsRevoked', revoke, { kind: 'join-prepared', owned: keep });
  return false;
}
