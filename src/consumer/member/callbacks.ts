/**
 * The application's confirmations (raft's Advance): of a rebalance callback, and of a commit.
 * Each resumes whatever the callback or commit was part of.
 */
import { UsageError } from '../../errors.js';
import type { MemberContext } from './context.js';
import { closeAfterCommit, onLeaveReleased, leaveGroup } from './leave.js';
import { onFatalReleased, onFencedReleased, onStaleReleased } from './lifecycle.js';
import { afterAssigned, afterCommit, afterRevoked } from './reconcile.js';
import type { PendingCommit } from './types.js';

/** Handles `callback-done`. Throws UsageError when `callbackId` is not outstanding. */
export function handleCallbackDone(ctx: MemberContext, callbackId: number, error: string | undefined): void {
  const s = ctx.s;
  const cb = s.callbacks.find((c) => c.callbackId === callbackId);
  if (cb === undefined) {
    const outstanding = s.callbacks.map((c) => c.callbackId).join(', ');
    throw new UsageError(`callback-done for callback ${String(callbackId)}, but the outstanding callbacks are [${outstanding}]`);
  }
  s.callbacks = s.callbacks.filter((c) => c !== cb);
  const then = cb.then;
  switch (then.kind) {
    case 'reconcile-revoked':
      return afterRevoked(ctx, then.reconciliationId, error);
    case 'reconcile-assigned':
      return afterAssigned(ctx, then.reconciliationId, error);
    default:
      // Releasing callbacks go on whatever happened; Kafka logs the failure and reports it.
      if (error !== undefined) ctx.error({ kind: 'callback-failed', fatal: false, callback: cb.callback, message: error });
  }
  switch (then.kind) {
    case 'fenced':
      return onFencedReleased(ctx);
    case 'fatal':
      return onFatalReleased(ctx);
    case 'stale':
      return onStaleReleased(ctx);
    case 'leave':
      return onLeaveReleased(ctx);
    case 'close':
      return leaveGroup(ctx, false);
  }
}

/** Resumes what a commit was part of. */
export function afterCommitDone(ctx: MemberContext, then: PendingCommit['then']): void {
  if (then.kind === 'reconcile') afterCommit(ctx, then.reconciliationId);
  else closeAfterCommit(ctx);
}
