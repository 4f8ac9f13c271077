/**
 * The auto-commit that Kafka's onJoinPrepare sends before revoking partitions: it commits the
 * positions the application consumed, waits for the answer, retries retriable failures with
 * backoff, and gives up (going on with the rebalance) after a final failure or once the
 * rebalance timeout has passed since the first attempt.
 */
import { ErrorCode } from '../../protocol/error-codes.js';
import type { OffsetCommitRequest, OffsetCommitResponse } from '../coordinator/types.js';
import type { MemberContext } from './context.js';
import { coordinatorUnknown, raiseError } from './failures.js';
import { exceptionName, sameGeneration } from './generation.js';
import type { InFlightRequest, PendingCommit } from './types.js';

type CommitTopics = OffsetCommitRequest['topics'];

/** The positions of owned partitions, sorted by topic then partition (Kafka's allConsumed). */
function consumedOffsets(ctx: MemberContext): CommitTopics {
  const topics: { name: string; partitions: OffsetCommitRequest['topics'][number]['partitions'] }[] = [];
  for (const [name, partitions] of ctx.s.owned) {
    const byPartition = ctx.s.positions.get(name);
    if (byPartition === undefined) continue;
    const out = [];
    for (const p of partitions) {
      const pos = byPartition.get(p);
      if (pos === undefined) continue;
      out.push({ partitionIndex: p, committedOffset: pos.offset, committedLeaderEpoch: pos.leaderEpoch ?? -1, committedMetadata: pos.metadata ?? '' });
    }
    if (out.length > 0) topics.push({ name, partitions: out });
  }
  return topics;
}

function sendCommit(ctx: MemberContext, topics: CommitTopics): InFlightRequest {
  const g = ctx.s.generation;
  return ctx.send('OffsetCommit', {
    groupId: ctx.config.groupId,
    generationIdOrMemberEpoch: g.generationId,
    memberId: g.memberId,
    groupInstanceId: ctx.config.groupInstanceId,
    topics,
  });
}

/** A commit that cannot be sent outside STABLE fails locally, as Kafka's does, and onJoinPrepare goes on. */
function failLocally(ctx: MemberContext): true {
  const s = ctx.s;
  const rebalancing = s.state === 'PREPARING_REBALANCE' || s.state === 'COMPLETING_REBALANCE';
  ctx.event({ kind: 'auto-commit-failed', reason: rebalancing ? 'RebalanceInProgressException' : 'CommitFailedException', retriable: false });
  s.commit = null;
  return true;
}

/**
 * Drives the commit before revocation. Returns true when onJoinPrepare may go on (done, failed
 * for good, timed out, or nothing to commit), false while it waits.
 */
export function commitBeforeRevocation(ctx: MemberContext): boolean {
  const s = ctx.s;
  if (!ctx.config.enableAutoCommit) return true;
  const pc: PendingCommit = s.commit ?? { giveUpAtMs: ctx.nowMs + ctx.config.maxPollIntervalMs, request: null, retryAtMs: null, finished: false };
  if (pc.finished) {
    s.commit = null;
    return true;
  }
  if (ctx.nowMs >= pc.giveUpAtMs) {
    ctx.event({ kind: 'auto-commit-failed', reason: 'joinPrepare timeout', retriable: false });
    s.commit = null;
    return true;
  }
  s.commit = pc;
  if (pc.request !== null || (pc.retryAtMs !== null && ctx.nowMs < pc.retryAtMs)) return false;
  const topics = consumedOffsets(ctx);
  if (topics.length === 0) {
    s.commit = null;
    return true;
  }
  if (s.state !== 'STABLE') return failLocally(ctx);
  s.commit = { ...pc, request: sendCommit(ctx, topics), retryAtMs: null };
  return false;
}

type Outcome = 'done' | 'retry' | 'final';

/** The first partition error decides, as in Kafka's OffsetCommitResponseHandler (topic authorization last). */
function firstError(r: OffsetCommitResponse): number {
  let topicAuthorization = false;
  for (const t of r.topics) {
    for (const p of t.partitions) {
      if (p.errorCode === ErrorCode.TOPIC_AUTHORIZATION_FAILED) topicAuthorization = true;
      else if (p.errorCode !== ErrorCode.NONE) return p.errorCode;
    }
  }
  return topicAuthorization ? ErrorCode.TOPIC_AUTHORIZATION_FAILED : ErrorCode.NONE;
}

function react(ctx: MemberContext, sent: InFlightRequest, code: number): Outcome {
  const unchanged = sameGeneration(sent.generation, ctx.s.generation);
  switch (code) {
    case ErrorCode.NONE:
      return 'done';
    case ErrorCode.COORDINATOR_LOAD_IN_PROGRESS:
    case ErrorCode.UNKNOWN_TOPIC_OR_PARTITION:
      return 'retry';
    case ErrorCode.COORDINATOR_NOT_AVAILABLE:
    case ErrorCode.NOT_COORDINATOR:
    case ErrorCode.REQUEST_TIMED_OUT:
      coordinatorUnknown(ctx, `error response ${exceptionName(code)}`);
      return 'retry';
    case ErrorCode.FENCED_INSTANCE_ID:
      if (unchanged) raiseError(ctx, 'OffsetCommit', code, 'OffsetCommit failed: FencedInstanceIdException');
      return 'final';
    case ErrorCode.REBALANCE_IN_PROGRESS:
      ctx.requestRejoin('offset commit failed since group is already rebalancing');
      return 'final';
    case ErrorCode.UNKNOWN_MEMBER_ID:
    case ErrorCode.ILLEGAL_GENERATION:
      if (unchanged || ctx.s.state !== 'PREPARING_REBALANCE') {
        const name = code === ErrorCode.UNKNOWN_MEMBER_ID ? 'UNKNOWN_MEMBER_ID' : 'ILLEGAL_GENERATION';
        ctx.resetStateAndRejoin(`encountered ${name} from OFFSET_COMMIT response`, code === ErrorCode.UNKNOWN_MEMBER_ID);
      }
      return 'final';
    default:
      return 'final';
  }
}

/** Settles the pending commit after an answer or a failure. */
export function settleCommit(ctx: MemberContext, outcome: Outcome, reason: string): void {
  const pc = ctx.s.commit;
  if (pc === null) return;
  if (outcome === 'retry') {
    ctx.event({ kind: 'auto-commit-failed', reason, retriable: true });
    ctx.s.commit = { ...pc, request: null, retryAtMs: ctx.nowMs + ctx.config.retryBackoffMs };
    return;
  }
  if (outcome === 'final') ctx.event({ kind: 'auto-commit-failed', reason, retriable: false });
  ctx.s.commit = { ...pc, request: null, finished: true };
}

/** Handles the OffsetCommit answer of the commit before revocation. */
export function handleOffsetCommitResponse(ctx: MemberContext, sent: InFlightRequest, r: OffsetCommitResponse): void {
  const code = firstError(r);
  settleCommit(ctx, react(ctx, sent, code), exceptionName(code));
}
