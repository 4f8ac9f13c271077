/**
 * The member's pure step: `stepClassicMember(state, input, nowMs) -> { state, outputs }`. Each
 * step handles its input, then the requests that timed out, then the heartbeat timers, then
 * the join loop. Peer answers never throw; the caller's mistakes throw UsageError.
 */
import { UsageError } from '../../errors.js';
import { handleCallbackDone } from './callbacks.js';
import { MemberContext } from './context.js';
import { driveJoinLoop } from './drive.js';
import { runHeartbeatTimers } from './heartbeat.js';
import { close, poll, subscribe, unsubscribe, updateMetadata, updatePositions } from './inputs.js';
import { metadataTopics, sameTopics } from './metadata.js';
import { expireRequests, handleRequestFailed, handleResponse } from './requests.js';
import type { ClassicMemberInput, ClassicMemberState, ClassicMemberStepResult } from './types.js';

function checkTime(state: ClassicMemberState, nowMs: number): void {
  if (!Number.isFinite(nowMs)) throw new UsageError(`nowMs must be a finite number, got ${String(nowMs)}`);
  if (nowMs < state.lastNowMs) throw new UsageError(`time went backwards: nowMs ${nowMs} is before ${state.lastNowMs}`);
}

function applyInput(ctx: MemberContext, input: ClassicMemberInput): void {
  switch (input.type) {
    case 'subscribe':
      return subscribe(ctx, input.topics);
    case 'unsubscribe':
      return unsubscribe(ctx);
    case 'poll':
      return poll(ctx);
    case 'tick':
      return;
    case 'close':
      return close(ctx);
    case 'metadata':
      return updateMetadata(ctx, input.topics);
    case 'positions':
      return updatePositions(ctx, input.positions);
    case 'callback-done':
      return handleCallbackDone(ctx, input.callbackId, input.error);
    case 'response':
      return handleResponse(ctx, input);
    case 'request-failed':
      return handleRequestFailed(ctx, input.requestId, input.reason);
    default:
      throw new UsageError(`unknown input type ${JSON.stringify((input as { type?: unknown }).type)}`);
  }
}

/**
 * Advances the member by one input at `nowMs` (which may not go backwards). Returns the new
 * state and the outputs to act on, in order: requests to send, callbacks to run (confirm each
 * with `callback-done`), errors and events. Then call {@link classicMemberNextDeadline} and
 * step with `{ type: 'tick' }` when it comes.
 */
export function stepClassicMember(state: ClassicMemberState, input: ClassicMemberInput, nowMs: number): ClassicMemberStepResult {
  checkTime(state, nowMs);
  const ctx = new MemberContext(state, nowMs);
  applyInput(ctx, input);
  expireRequests(ctx);
  runHeartbeatTimers(ctx);
  driveJoinLoop(ctx);
  const topics = metadataTopics(ctx.s);
  if (!sameTopics(topics, metadataTopics(state))) ctx.event({ kind: 'metadata-topics', topics });
  return { state: ctx.finish(), outputs: ctx.outputs };
}
