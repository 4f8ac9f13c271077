/**
 * The commit Kafka makes before each reconciliation when auto-commit is on (and on close). The
 * member does not know consumed positions: it asks the driver to commit them, with its member
 * id and epoch, and waits for `commit-done`. Past the deadline it goes on as if the commit
 * failed, as Kafka's commit future fails with a timeout; a failed commit never stops a
 * reconciliation.
 */
import { UsageError } from '../../errors.js';
import type { MemberContext } from './context.js';
import type { PendingCommit } from './types.js';

/** Asks the application to commit; `then` runs when it confirms or the deadline passes. */
export function startCommit(ctx: MemberContext, then: PendingCommit['then'], timeoutMs: number): void {
  const s = ctx.s;
  const commitId = s.nextCommitId;
  s.nextCommitId = commitId + 1;
  const deadlineMs = ctx.nowMs + timeoutMs;
  s.commit = { commitId, deadlineMs, then };
  ctx.outputs.push({ type: 'commit', commitId, memberId: s.memberId, memberEpoch: s.memberEpoch, partitions: s.owned, deadlineMs });
}

/** Handles `commit-done`. A late confirmation of a commit given up on is ignored. */
export function handleCommitDone(ctx: MemberContext, commitId: number, error: string | undefined, go: (then: PendingCommit['then']) => void): void {
  const pending = ctx.s.commit;
  if (pending === null || pending.commitId !== commitId) {
    if (Number.isInteger(commitId) && commitId > 0 && commitId < ctx.s.nextCommitId) return;
    throw new UsageError(`commit-done for commit ${String(commitId)}, which was never asked for`);
  }
  ctx.s.commit = null;
  if (error !== undefined) ctx.event({ kind: 'auto-commit-failed', reason: error });
  go(pending.then);
}

/** Gives up on a commit whose deadline has passed. */
export function expireCommit(ctx: MemberContext, go: (then: PendingCommit['then']) => void): void {
  const pending = ctx.s.commit;
  if (pending === null || ctx.nowMs < pending.deadlineMs) return;
  ctx.s.commit = null;
  ctx.event({ kind: 'auto-commit-failed', reason: 'TimeoutException' });
  go(pending.then);
}
