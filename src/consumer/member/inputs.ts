/**
 * The application's calls: subscribe (by names or by a regular expression), unsubscribe, poll,
 * close, and metadata. A call the member cannot accept (anything after close, a malformed
 * argument) is the caller's mistake and throws UsageError.
 */
import { UsageError } from '../../errors.js';
import { compareStrings } from '../../protocol/topic-partitions.js';
import type { MemberContext } from './context.js';
import { close as closeMember, leaveGroup } from './leave.js';
import { transitionToJoining } from './lifecycle.js';
import type { ConsumerSubscription, GroupMembershipOperation } from './types.js';

function assertOpen(ctx: MemberContext, what: string): void {
  if (ctx.s.closing) throw new UsageError(`${what} after close`);
}

function checkTopics(topics: unknown): readonly string[] {
  if (!Array.isArray(topics)) throw new UsageError('subscribe: topics must be an array');
  for (const t of topics) if (typeof t !== 'string' || t.trim() === '') throw new UsageError('subscribe: topic names must be non-blank strings');
  return [...new Set(topics as string[])].sort(compareStrings);
}

/** Kafka's subscribe: the next poll joins when the member is not in the group; else the next heartbeat carries it. */
export function subscribe(ctx: MemberContext, input: { readonly topics: readonly string[] } | { readonly pattern: string }): void {
  assertOpen(ctx, 'subscribe');
  let subscription: ConsumerSubscription;
  if ('pattern' in input) {
    if (typeof input.pattern !== 'string' || input.pattern === '') throw new UsageError('subscribe: pattern must be a non-empty string');
    subscription = { kind: 'pattern', pattern: input.pattern };
  } else {
    const topics = checkTopics(input.topics);
    // Kafka's subscribe with no topics is an unsubscribe.
    if (topics.length === 0) return unsubscribe(ctx);
    subscription = { kind: 'topics', topics };
  }
  // A FATAL member ignores it, as Kafka's does.
  if (ctx.s.state === 'FATAL') return;
  ctx.s.subscription = subscription;
  ctx.s.subscriptionUpdated = true;
}

/** Kafka's unsubscribe: release the partitions (onPartitionsRevoked, or Lost without an epoch), then leave. */
export function unsubscribe(ctx: MemberContext): void {
  assertOpen(ctx, 'unsubscribe');
  leaveGroup(ctx, true);
}

/** Kafka's poll: the poll timer restarts, a new subscription joins, a stale member rejoins. */
export function poll(ctx: MemberContext): void {
  assertOpen(ctx, 'poll');
  const s = ctx.s;
  if (s.subscriptionUpdated) {
    s.subscriptionUpdated = false;
    if (s.state === 'UNSUBSCRIBED' && s.subscription.kind !== 'none') transitionToJoining(ctx);
  }
  s.pollDeadlineMs = ctx.nowMs + ctx.config.maxPollIntervalMs;
  s.pollTimerExpired = false;
  if (s.state === 'STALE') {
    s.stalePolled = true;
    if (s.staleReleased) transitionToJoining(ctx);
  }
}

const OPERATIONS: readonly GroupMembershipOperation[] = ['DEFAULT', 'LEAVE_GROUP', 'REMAIN_IN_GROUP'];

/** Kafka's close: commit, release the partitions, leave with the operation's epoch. A second close is a no-op. */
export function close(ctx: MemberContext, operation: GroupMembershipOperation | undefined): void {
  if (ctx.s.closing) return;
  const op = operation ?? 'DEFAULT';
  if (!OPERATIONS.includes(op)) throw new UsageError(`close: unknown operation ${JSON.stringify(op)}`);
  ctx.s.closing = true;
  ctx.s.leaveGroupOperation = op;
  closeMember(ctx);
}

/** New cluster metadata: topic id -> name (copied: the caller may reuse its map). */
export function updateMetadata(ctx: MemberContext, topicNames: ReadonlyMap<string, string>): void {
  if (!(topicNames instanceof Map)) throw new UsageError('metadata: topicNames must be a Map of topic id to topic name');
  for (const [id, name] of topicNames) {
    if (typeof id !== 'string' || typeof name !== 'string' || id === '' || name === '') throw new UsageError('metadata: topic ids and names must be non-empty strings');
  }
  ctx.s.topicNames = new Map(topicNames);
}
