/**
 * Inputs that are not requests: new settings, and unloading (Kafka's `onUnloaded`, when the
 * coordinator gives the group up: parked requests are answered NOT_COORDINATOR, the group is Dead).
 */
import { ErrorCode } from '../../protocol/error-codes.js';
import { applyConfigUpdate } from './config.js';
import type { StepContext } from './context.js';
import { membersInJoinOrder, putMember } from './group.js';
import { joinError, syncError } from './responses.js';
import { heartbeatTimerKey, JOIN_TIMER_KEY, SYNC_TIMER_KEY } from './timer-keys.js';
import type { ClassicGroupConfigUpdate } from './types.js';

/** Applies new settings (UsageError for invalid ones). */
export function handleConfigure(ctx: StepContext, update: ClassicGroupConfigUpdate): void {
  ctx.setConfig(applyConfigUpdate(ctx.config, update));
}

/**
 * Unloads the group: it becomes Dead; parked JoinGroups (PreparingRebalance) or SyncGroups
 * (CompletingRebalance, Stable) are answered NOT_COORDINATOR; every timer is cancelled (Kafka
 * drops the whole shard's timers).
 */
export function handleUnload(ctx: StepContext): void {
  const g = ctx.groupOrNull;
  if (g === null) return;
  ctx.transitionTo('Dead');
  for (const m of membersInJoinOrder(g)) {
    if (m.awaitingJoin !== null) ctx.respond('JoinGroup', m.awaitingJoin, joinError(ErrorCode.NOT_COORDINATOR, m.memberId));
    if (m.awaitingSync !== null) ctx.respond('SyncGroup', m.awaitingSync, syncError(ErrorCode.NOT_COORDINATOR));
    if (m.awaitingJoin !== null || m.awaitingSync !== null) putMember(ctx, { ...m, awaitingJoin: null, awaitingSync: null });
    ctx.cancel(heartbeatTimerKey(m.memberId));
  }
  for (const id of [...g.pendingJoinMembers.keys()].sort()) ctx.cancel(heartbeatTimerKey(id));
  const edit = ctx.edit();
  edit.awaitingJoinCount = 0;
  if (edit.joinTimer !== null) ctx.cancel(JOIN_TIMER_KEY);
  if (edit.syncTimerGeneration !== null) ctx.cancel(SYNC_TIMER_KEY);
  edit.joinTimer = null;
  edit.syncTimerGeneration = null;
}
