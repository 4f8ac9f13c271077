/**
 * Reconciliation (Kafka's maybeReconcile and revokeAndAssign): resolve the target's topic ids,
 * commit (auto-commit), onPartitionsRevoked, take the new assignment, onPartitionsAssigned
 * (always, even when nothing was added), then ACKNOWLEDGING so that the next heartbeat reports
 * the reconciled partitions. A target arriving meanwhile waits for the next round; rejoining,
 * leaving or failing meanwhile discards the round's result.
 */
import { diffTopicPartitions, equalTopicPartitions, subtractTopicPartitions } from '../../protocol/topic-partitions-ops.js';
import { isNone } from './assignment.js';
import { startCommit } from './commit.js';
import type { MemberContext } from './context.js';
import { targetAssignmentReconciled } from './lifecycle.js';
import { pruneAssignedTopicNames, resolveTarget } from './resolve.js';
import type { Reconciliation } from './types.js';

/**
 * Kafka's maybeReconcile. `canCommit` is true only for the application's poll: with auto-commit
 * (or partitions to revoke) a reconciliation starts only there, where positions are safe to commit.
 */
export function maybeReconcile(ctx: MemberContext, canCommit: boolean): void {
  const s = ctx.s;
  if (s.state !== 'RECONCILING' || targetAssignmentReconciled(ctx) || s.reconciliation !== null) return;
  const target = resolveTarget(ctx);
  if (target.unresolved.length > 0) ctx.event({ kind: 'metadata-needed', topicIds: target.unresolved });
  const resolved = Object.freeze({ localEpoch: s.targetAssignment.localEpoch, partitions: target.byId });
  if (!isNone(s.currentAssignment) && equalTopicPartitions(resolved.partitions, s.currentAssignment.partitions)) {
    // Only unresolved topics (or a new local epoch) differ: acknowledge what is reconciled.
    s.currentAssignment = resolved;
    ctx.transition('ACKNOWLEDGING');
    return;
  }
  const { added, revoked } = diffTopicPartitions(s.owned, target.byName);
  if (!canCommit && (ctx.config.enableAutoCommit || revoked.partitionCount > 0)) return;
  const id = s.nextReconciliationId;
  s.nextReconciliationId = id + 1;
  s.reconciliation = { id, resolved, assigned: target.byName, added, revoked, rejoined: false };
  if (ctx.config.enableAutoCommit) startCommit(ctx, { kind: 'reconcile', reconciliationId: id }, ctx.config.maxPollIntervalMs);
  else afterCommit(ctx, id);
}

/** The round `id` if it is still the one in progress. */
function current(ctx: MemberContext, id: number): Reconciliation | null {
  const r = ctx.s.reconciliation;
  return r !== null && r.id === id ? r : null;
}

/** Kafka's maybeAbortReconciliation: true (and the round dropped) when its result no longer applies. */
function maybeAbort(ctx: MemberContext, r: Reconciliation): boolean {
  const abort = ctx.s.state !== 'RECONCILING' || r.rejoined;
  if (abort) ctx.s.reconciliation = null;
  return abort;
}

/** The commit before revocation finished (or failed, or timed out): revoke, then assign. */
export function afterCommit(ctx: MemberContext, id: number): void {
  const r = current(ctx, id);
  if (r === null || maybeAbort(ctx, r)) return;
  // Only partitions still owned are revoked (an unsubscribe or a fencing may have taken some).
  const revokedNow = subtractTopicPartitions(r.revoked, subtractTopicPartitions(r.revoked, ctx.s.owned));
  if (revokedNow.partitionCount > 0) {
    ctx.invokeCallback('onPartitionsRevoked', revokedNow, { kind: 'reconcile-revoked', reconciliationId: id });
    return;
  }
  assign(ctx, r);
}

/** Takes the new assignment and asks for onPartitionsAssigned with what was added. */
function assign(ctx: MemberContext, r: Reconciliation): void {
  ctx.s.owned = r.assigned;
  pruneAssignedTopicNames(ctx, r.assigned);
  ctx.invokeCallback('onPartitionsAssigned', r.added, { kind: 'reconcile-assigned', reconciliationId: r.id });
}

/** A failed callback fails the round: no ack; the next poll tries again. */
function failRound(ctx: MemberContext, callback: 'onPartitionsRevoked' | 'onPartitionsAssigned', error: string): void {
  ctx.error({ kind: 'callback-failed', fatal: false, callback, message: error });
  ctx.s.reconciliation = null;
}

/** onPartitionsRevoked of round `id` is done. */
export function afterRevoked(ctx: MemberContext, id: number, error: string | undefined): void {
  const r = current(ctx, id);
  if (r === null) return;
  if (error !== undefined) return failRound(ctx, 'onPartitionsRevoked', error);
  if (maybeAbort(ctx, r)) return;
  assign(ctx, r);
}

/** onPartitionsAssigned of round `id` is done: the round is complete and must be acknowledged. */
export function afterAssigned(ctx: MemberContext, id: number, error: string | undefined): void {
  const r = current(ctx, id);
  if (r === null) return;
  if (error !== undefined) return failRound(ctx, 'onPartitionsAssigned', error);
  if (maybeAbort(ctx, r)) return;
  ctx.s.currentAssignment = r.resolved;
  ctx.transition('ACKNOWLEDGING');
  ctx.s.reconciliation = null;
}
