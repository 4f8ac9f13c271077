/**
 * The member's pure step: `stepConsumerMember(state, input, nowMs) -> { state, outputs }`. Each
 * step handles its input, then what time made due (timed-out heartbeats, a commit past its
 * deadline), then the reconciliation loop, then the heartbeat manager, in the order Kafka's
 * background thread runs them. Peer answers never throw; the caller's mistakes throw UsageError.
 */
import { UsageError } from '../../errors.js';
import { afterCommitDone, handleCallbackDone } from './callbacks.js';
import { expireCommit, handleCommitDone } from './commit.js';
import { MemberContext } from './context.js';
import { pollHeartbeat, setCoordinatorKnown } from './heartbeat.js';
import { close, poll, subscribe, unsubscribe, updateMetadata } from './inputs.js';
import { maybeReconcile } from './reconcile.js';
import { expireHeartbeats, handleRequestFailed, handleResponse } from './responses.js';
import type { ConsumerMemberInput, ConsumerMemberState, ConsumerMemberStepResult } from './types.js';

function checkTime(state: ConsumerMemberState, nowMs: number): void {
  if (!Number.isFinite(nowMs)) throw new UsageError(`nowMs must be a finite number, got ${String(nowMs)}`);
  if (nowMs < state.lastNowMs) throw new UsageError(`time went backwards: nowMs ${nowMs} is before ${state.lastNowMs}`);
}

function applyInput(ctx: MemberContext, input: ConsumerMemberInput): void {
  switch (input.type) {
    case 'subscribe':
      return subscribe(ctx, input);
    case 'unsubscribe':
      return unsubscribe(ctx);
    case 'poll':
      return poll(ctx);
    case 'tick':
      return;
    case 'close':
      return close(ctx, input.operation);
    case 'metadata':
      return updateMetadata(ctx, input.topicNames);
    case 'commit-done':
      return handleCommitDone(ctx, input.commitId, input.error, (then) => afterCommitDone(ctx, then));
    case 'callback-done':
      return handleCallbackDone(ctx, input.callbackId, input.error);
    case 'response':
      if (input.api !== 'ConsumerGroupHeartbeat') throw new UsageError(`unknown API ${JSON.stringify(input.api)}`);
      return handleResponse(ctx, input.requestId, input.response);
    case 'request-failed':
      return handleRequestFailed(ctx, input.requestId, input.reason);
    case 'coordinator':
      if (typeof input.known !== 'boolean') throw new UsageError('coordinator: known must be a boolean');
      return setCoordinatorKnown(ctx, input.known);
    default:
      throw new UsageError(`unknown input type ${JSON.stringify((input as { type?: unknown }).type)}`);
  }
}

/** close is complete once the leave went out and nothing it waits for is outstanding. */
function maybeClosed(ctx: MemberContext): void {
  const s = ctx.s;
  if (!s.closing || s.closed || s.commit !== null) return;
  if (s.state === 'PREPARE_LEAVING' || s.state === 'LEAVING') return;
  if (s.callbacks.some((c) => c.then.kind === 'close')) return;
  s.closed = true;
}

/**
 * Advances the member by one input at `nowMs` (which may not go backwards). Returns the new
 * state and the outputs to act on, in order: heartbeats to send, commits to make and callbacks
 * to run (confirm each with `commit-done` / `callback-done`), errors and events. Then call
 * {@link consumerMemberNextDeadline} and step with `{ type: 'tick' }` when it comes.
 */
export function stepConsumerMember(state: ConsumerMemberState, input: ConsumerMemberInput, nowMs: number): ConsumerMemberStepResult {
  checkTime(state, nowMs);
  if (typeof input !== 'object' || input === null) throw new UsageError('input must be an object');
  const ctx = new MemberContext(state, nowMs);
  applyInput(ctx, input);
  expireHeartbeats(ctx);
  expireCommit(ctx, (then) => afterCommitDone(ctx, then));
  maybeReconcile(ctx, input.type === 'poll');
  pollHeartbeat(ctx);
  maybeClosed(ctx);
  return { state: ctx.finish(), outputs: ctx.outputs };
}
