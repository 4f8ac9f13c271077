/**
 * The application's confirmation of a rebalance callback (raft's Advance): the member goes on
 * with whatever the callback was part of.
 */
import { UsageError } from '../../errors.js';
import type { MemberContext } from './context.js';
import { takeAssignment } from './join-complete.js';
import { finishJoinPrepare } from './join-prepare.js';
import { finishLeave } from './leave.js';

/** Throws UsageError when a callback is outstanding: the application must confirm it first. */
export function assertNoCallback(ctx: MemberContext, what: string): void {
  const cb = ctx.s.callback;
  if (cb !== null) throw new UsageError(`${what} while callback ${cb.callbackId} (${cb.callback}) is outstanding: confirm it with callback-done first`);
}

/** Handles `callback-done`. Throws UsageError when `callbackId` is not the outstanding callback. */
export function handleCallbackDone(ctx: MemberContext, callbackId: number, error: string | undefined): void {
  const s = ctx.s;
  const cb = s.callback;
  if (cb === null || cb.callbackId !== callbackId) {
    const expected = cb === null ? 'no callback is outstanding' : `callback ${cb.callbackId} is outstanding`;
    throw new UsageError(`callback-done for callback ${callbackId}, but ${expected}`);
  }
  s.callback = null;
  if (error !== undefined) {
    // Kafka finishes the rebalance step, then throws from poll: the loop goes on at the next poll.
    ctx.error({ kind: 'callback-failed', fatal: false, callback: cb.callback, message: error });
    s.awaitingPoll = true;
  }
  const then = cb.then;
  switch (then.kind) {
    case 'join-prepared':
      finishJoinPrepare(ctx, then.owned);
      return;
    case 'assign':
      takeAssignment(ctx, then.assigned, then.added, then.generationId);
      return;
    case 'join-completed':
      s.needsJoinPrepare = true;
      return;
    case 'leave':
      finishLeave(ctx, then.reason, then.closing);
      return;
  }
}
