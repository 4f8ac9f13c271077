/**
 * What happens when a timer fires: a member's session expires (Kafka's
 * `expireClassicGroupMemberHeartbeat`), the join phase ends (initial delay or rebalance
 * timeout), or the sync phase ends (Kafka's `expirePendingSync`).
 */
import { UsageError } from '../../errors.js';
import type { StepContext } from './context.js';
import { hasAllMembersJoined, removeMember } from './group.js';
import { completeJoin, evictMember, onInitialDelayExpired, prepareRebalance, removeMemberAndUpdateGroup } from './rebalance.js';
import { JOIN_TIMER_KEY, memberIdOfTimerKey, SYNC_TIMER_KEY } from './timer-keys.js';

/** Handles the firing of timer `key`. Firings that no longer apply are ignored, as in Kafka. */
export function handleTimer(ctx: StepContext, key: string): void {
  if (key === JOIN_TIMER_KEY) return onJoinTimer(ctx);
  if (key === SYNC_TIMER_KEY) return onSyncTimer(ctx);
  const memberId = memberIdOfTimerKey(key);
  if (memberId === undefined) throw new UsageError(`unknown timer key ${JSON.stringify(key)}`);
  onSessionExpired(ctx, memberId);
}

function onSessionExpired(ctx: StepContext, memberId: string): void {
  const g = ctx.groupOrNull;
  if (g === null || g.state === 'Dead') return;
  if (g.pendingJoinMembers.has(memberId)) {
    removeMember(ctx, memberId);
    if (ctx.group.state === 'PreparingRebalance' && hasAllMembersJoined(ctx.group)) completeJoin(ctx);
    return;
  }
  const member = g.members.get(memberId);
  if (member === undefined) return;
  // A member parked in a join or sync is not expected to heartbeat (unless it is new): its
  // session is re-armed when its request is answered.
  if (!member.isNew && (member.awaitingJoin !== null || member.awaitingSync !== null)) return;
  removeMemberAndUpdateGroup(ctx, member, 'session-expired');
}

function onJoinTimer(ctx: StepContext): void {
  const timer = ctx.groupOrNull?.joinTimer ?? null;
  if (timer === null) return;
  ctx.edit().joinTimer = null;
  if (timer.kind === 'initial') onInitialDelayExpired(ctx, timer.delayMs, timer.remainingMs);
  else completeJoin(ctx);
}

function onSyncTimer(ctx: StepContext): void {
  const g = ctx.groupOrNull;
  if (g === null || g.syncTimerGeneration === null) return;
  const armedFor = g.syncTimerGeneration;
  ctx.edit().syncTimerGeneration = null;
  if (armedFor !== g.generationId) return;
  if (g.state !== 'CompletingRebalance' && g.state !== 'Stable') return;
  if (g.pendingSyncMembers.size === 0) return;
  // Members that never sent SyncGroup are removed, even after the group became Stable.
  const pending = [...g.pendingSyncMembers.keys()].sort();
  for (const memberId of pending) evictMember(ctx, memberId, 'sync-expired');
  prepareRebalance(ctx);
}
