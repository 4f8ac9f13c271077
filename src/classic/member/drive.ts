/**
 * The join loop (Kafka's joinGroupIfNeeded, with ConsumerCoordinator.rejoinNeededOrPending):
 * run on every step, it starts a new round when one is needed and nothing stands in the way
 * (a callback to confirm, a round in flight, a backoff, a poll to wait for), running
 * onJoinPrepare first when the round is a new one; and it says when it can go further by
 * itself (`joinLoopDeadlines`), by the same checks.
 */
import type { MemberContext } from './context.js';
import { sendJoinGroup } from './join.js';
import { runJoinPrepare } from './join-prepare.js';
import { metadataSnapshot, sameTopics } from './metadata.js';
import type { ClassicMemberState } from './types.js';

/** The leader's metadata snapshot no longer matches the cluster (partitions added, topics gone). */
function metadataChanged(s: ClassicMemberState): boolean {
  return s.assignmentSnapshot !== null && s.assignmentSnapshot !== metadataSnapshot(s);
}

/** The subscription changed since the last JoinGroup. */
function subscriptionChanged(s: ClassicMemberState): boolean {
  return s.joinedSubscription !== null && !sameTopics(s.joinedSubscription, s.subscription);
}

/** True when the member has a round to start or finish (`rejoinNeededOrPending` without its side effect). */
function rejoinPending(s: ClassicMemberState): boolean {
  return s.subscription.length > 0 && (metadataChanged(s) || subscriptionChanged(s) || s.rejoinNeeded || roundInFlight(s));
}

/** Kafka's rejoinNeededOrPending, which also asks for a rejoin when metadata or the subscription changed. */
export function rejoinNeededOrPending(ctx: MemberContext): boolean {
  const s = ctx.s;
  if (s.subscription.length === 0) return false;
  if (metadataChanged(s)) {
    ctx.requestRejoinIfNecessary('cached metadata has changed');
    return true;
  }
  if (subscriptionChanged(s)) {
    ctx.requestRejoinIfNecessary('subscription has changed');
    return true;
  }
  return s.rejoinNeeded || roundInFlight(s);
}

/** The join loop is held back: closed or failed, a callback to confirm, or a poll to wait for. */
function heldBack(s: ClassicMemberState): boolean {
  return s.closed || s.failed !== null || s.callback !== null || s.awaitingPoll;
}

/** A JoinGroup or SyncGroup of the current round is in flight. */
function roundInFlight(s: ClassicMemberState): boolean {
  return s.join !== null || s.sync !== null;
}

/** Advances the join loop as far as it can go now. */
export function driveJoinLoop(ctx: MemberContext): void {
  const s = ctx.s;
  if (heldBack(s)) return;
  if (!rejoinNeededOrPending(ctx)) return;
  if (roundInFlight(s)) return;
  if (s.retryAtMs !== null) {
    if (ctx.nowMs < s.retryAtMs) return;
    s.retryAtMs = null;
  }
  if (s.needsJoinPrepare && !runJoinPrepare(ctx)) return;
  sendJoinGroup(ctx);
}

/**
 * The times at which the join loop can go further by itself (a backoff that ends, the commit
 * before revocation to retry or give up on), mirroring the checks of `driveJoinLoop`: while
 * something holds the loop back, its own deadlines would ask for ticks that change nothing.
 * (The requests it waits for have deadlines of their own.)
 */
export function joinLoopDeadlines(s: ClassicMemberState): number[] {
  if (heldBack(s) || !rejoinPending(s) || roundInFlight(s)) return [];
  if (s.retryAtMs !== null && s.lastNowMs < s.retryAtMs) return [s.retryAtMs];
  const out = s.retryAtMs === null ? [] : [s.retryAtMs];
  const pc = s.commit;
  if (s.needsJoinPrepare && pc !== null && pc.request === null && !pc.finished) {
    out.push(pc.giveUpAtMs);
    if (pc.retryAtMs !== null) out.push(pc.retryAtMs);
  }
  return out;
}
