/**
 * The application's inputs: subscribe, unsubscribe, poll, close, metadata and positions. A
 * call the member cannot accept in its current state (poll after close, close while a callback
 * is outstanding) is the caller's mistake and throws UsageError.
 */
import { UsageError } from '../../errors.js';
import type { TopicMetadata } from '../../protocol/types.js';
import { assertNoCallback } from './callbacks.js';
import type { MemberContext } from './context.js';
import { leaveGroup } from './leave.js';
import { sortedTopics } from './metadata.js';
import type { ConsumedPosition } from './types.js';

function assertOpen(ctx: MemberContext, what: string): void {
  if (ctx.s.closed) throw new UsageError(`${what} after close`);
}

/** Kafka's unsubscribe: give up everything, leave the group, stop taking part. */
export function unsubscribe(ctx: MemberContext): void {
  assertOpen(ctx, 'unsubscribe');
  assertNoCallback(ctx, 'unsubscribe');
  const s = ctx.s;
  const wasSubscribed = s.subscription.length > 0;
  s.subscription = [];
  s.joinedSubscription = null;
  s.assignmentSnapshot = null;
  s.isLeader = false;
  s.groupSubscription = [];
  s.commit = null;
  if (wasSubscribed || s.owned.partitionCount > 0) leaveGroup(ctx, 'the consumer unsubscribed from all topics', false);
  // A later subscription joins at the next poll, as Kafka's does.
  s.awaitingPoll = true;
}

/** Kafka's subscribe: the join loop notices the change and rejoins. */
export function subscribe(ctx: MemberContext, topics: readonly string[]): void {
  assertOpen(ctx, 'subscribe');
  if (!Array.isArray(topics)) throw new UsageError('subscribe: topics must be an array');
  for (const t of topics) if (typeof t !== 'string' || t.trim() === '') throw new UsageError('subscribe: topic names must be non-empty strings');
  if (topics.length === 0) {
    unsubscribe(ctx);
    return;
  }
  ctx.s.subscription = sortedTopics(topics);
}

/** The application polled: it is alive, and a loop waiting for a poll may go on. */
export function poll(ctx: MemberContext): void {
  assertOpen(ctx, 'poll');
  assertNoCallback(ctx, 'poll');
  const s = ctx.s;
  // Kafka throws a heartbeat thread's fatal error from every poll.
  if (s.failed !== null) ctx.outputs.push({ type: 'error', error: s.failed });
  s.pollDeadlineMs = ctx.nowMs + ctx.config.maxPollIntervalMs;
  s.awaitingPoll = false;
}

/** Kafka's close: give up everything and leave (dynamic members only send LeaveGroup). */
export function close(ctx: MemberContext): void {
  if (ctx.s.closed) return;
  assertNoCallback(ctx, 'close');
  ctx.s.commit = null;
  leaveGroup(ctx, 'the consumer is being closed', true);
}

/** New cluster metadata (copied: the caller may reuse its map). */
export function updateMetadata(ctx: MemberContext, topics: ReadonlyMap<string, TopicMetadata>): void {
  if (!(topics instanceof Map)) throw new UsageError('metadata: topics must be a Map');
  ctx.s.metadata = new Map(topics);
}

function checkPosition(p: ConsumedPosition): void {
  if (typeof p.topic !== 'string' || p.topic === '') throw new UsageError('positions: topic must be a non-empty string');
  if (!Number.isInteger(p.partition) || p.partition < 0) throw new UsageError(`positions: bad partition ${String(p.partition)}`);
  // Kafka refuses to commit a negative offset.
  if (!Number.isSafeInteger(p.offset) || p.offset < 0) throw new UsageError(`positions: bad offset ${String(p.offset)} for ${p.topic}-${p.partition}`);
}

/** Records consumed positions (merged with the ones known). */
export function updatePositions(ctx: MemberContext, positions: readonly ConsumedPosition[]): void {
  const next = new Map<string, Map<number, ConsumedPosition>>();
  for (const [topic, byPartition] of ctx.s.positions) next.set(topic, new Map(byPartition));
  for (const p of positions) {
    checkPosition(p);
    let byPartition = next.get(p.topic);
    if (byPartition === undefined) next.set(p.topic, (byPartition = new Map()));
    byPartition.set(p.partition, Object.freeze({ ...p }));
  }
  ctx.s.positions = next;
}
