/**
 * The join loop (Kafka's joinGroupIfNeeded, with ConsumerCoordinator.rejoinNeededOrPending):
 * run on every step, it starts a new round when one is needed and nothing stands in the way
 * (a callback to confirm, a round in flight, a backoff, a poll to wait for), running
 * onJoinPrepare first when the round is a new one.
 */
import type { MemberContext } from './context.js';
import { sendJoinGroup } from './join.js';
import { runJoinPrepare } from './join-prepare.js';
import { metadataSnapshot, sameTopics } from './metadata.js';

/** Kafka's rejoinNeededOrPending, which also notices metadata and subscription changes. */
export function rejoinNeededOrPending(ctx: MemberContext): boolean {
  const s = ctx.s;
  if (s.subscription.length === 0) return false;
  if (s.assignmentSnapshot !== null && s.assignmentSnapshot !== metadataSnapshot(s)) {
    ctx.requestRejoinIfNecessary('cached metadata has changed');
    return true;
  }
  if (s.joinedSubscription !== null && !sameTopics(s.joinedSubscription, s.subscription)) {
    ctx.requestRejoinIfNecessary('subscription has changed');
    return true;
  }
  return s.rejoinNeeded || s.join !== null || s.sync !== null;
}

/** Advances the join loop as far as it can go now. */
export function driveJoinLoop(ctx: MemberContext): void {
  const s = ctx.s;
  if (s.closed || s.failed !== null || s.callback !== null || s.awaitingPoll) return;
  if (!rejoinNeededOrPending(ctx)) return;
  if (s.join !== null || s.sync !== null) return;
  if (s.retryAtMs !== null) {
    if (ctx.nowMs < s.retryAtMs) return;
    s.retryAtMs = null;
  }
  if (s.needsJoinPrepare && !runJoinPrepare(ctx)) return;
  sendJoinGroup(ctx);
}
