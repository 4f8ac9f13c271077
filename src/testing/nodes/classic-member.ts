/**
 * The classic member (eager or cooperative), wrapped for the simulator. The application around
 * it is the simulator's: it polls, reports consumed positions, confirms callbacks, and makes a
 * new consumer after a fatal error (FENCED_INSTANCE_ID).
 */
import {
  classicMemberNextDeadline,
  initialClassicMemberState,
  isValidClassicMemberTransition,
  stepClassicMember,
} from '../../classic/member/index.js';
import type { ClassicMemberInput, ClassicMemberState, ClassicMemberStateName } from '../../classic/member/index.js';
import type { PartitionAssignor } from '../../assignors/types.js';
import type { TopicMetadata } from '../../protocol/types.js';
import { MemberEffectsBuilder } from './adapter.js';
import type { CoordinatorView, MemberAdapter, MemberEffects, MemberView, Position, Transition, WireResponse } from './adapter.js';
import { SIM_GROUP_ID } from './classic-coordinator.js';
import { FatalRestart, replacementEffects } from './fatal-restart.js';

/** What a simulated classic member is configured with. */
export interface ClassicMemberSettings {
  readonly assignor: PartitionAssignor;
  readonly groupInstanceId: string | null;
  readonly sessionTimeoutMs: number;
  readonly heartbeatIntervalMs: number;
  readonly maxPollIntervalMs: number;
  readonly requestTimeoutMs: number;
  readonly autoCommit: boolean;
  readonly topics: ReadonlyMap<string, TopicMetadata>;
}

const CALLBACK_KIND = { onPartitionsRevoked: 'revoked', onPartitionsAssigned: 'assigned', onPartitionsLost: 'lost' } as const;

/** A classic member inside the simulator. */
export class ClassicMemberNode implements MemberAdapter {
  #state: ClassicMemberState;
  readonly #restart = new FatalRestart();

  constructor(private readonly settings: ClassicMemberSettings) {
    this.#state = this.#fresh();
  }

  #fresh(): ClassicMemberState {
    const settings = this.settings;
    return initialClassicMemberState({
      groupId: SIM_GROUP_ID,
      groupInstanceId: settings.groupInstanceId,
      assignors: [settings.assignor],
      sessionTimeoutMs: settings.sessionTimeoutMs,
      heartbeatIntervalMs: settings.heartbeatIntervalMs,
      maxPollIntervalMs: settings.maxPollIntervalMs,
      requestTimeoutMs: settings.requestTimeoutMs,
      enableAutoCommit: settings.autoCommit,
    });
  }

  #step(input: ClassicMemberInput, nowMs: number, into: MemberEffectsBuilder = new MemberEffectsBuilder()): MemberEffectsBuilder {
    const r = stepClassicMember(this.#state, input, nowMs);
    this.#state = r.state;
    for (const o of r.outputs) {
      if (o.type === 'send') into.sends.push({ api: o.api, requestId: o.requestId, body: o.request });
      else if (o.type === 'callback') into.callbacks.push({ callbackId: o.callbackId, kind: CALLBACK_KIND[o.callback], partitions: o.partitions });
      else if (o.type === 'error') {
        into.errors.push(o.error.message);
        if (o.error.kind === 'group-error' && o.error.fatal && !this.#state.closed) this.#restart.failed(nowMs);
      } else if (o.event.kind === 'state-changed') into.transitions.push({ from: o.event.from, to: o.event.to });
    }
    return into;
  }

  start(nowMs: number, into: MemberEffectsBuilder = new MemberEffectsBuilder()): MemberEffects {
    const fx = this.#step({ type: 'metadata', topics: this.settings.topics }, nowMs, into);
    this.#step({ type: 'subscribe', topics: [...this.settings.topics.keys()] }, nowMs, fx);
    return this.#step({ type: 'poll' }, nowMs, fx);
  }

  response(response: WireResponse, nowMs: number): MemberEffects {
    return this.#step({ type: 'response', api: response.api, requestId: response.requestId, response: response.response } as ClassicMemberInput, nowMs);
  }

  requestFailed(requestId: number, nowMs: number): MemberEffects {
    return this.#step({ type: 'request-failed', requestId, reason: 'disconnected' }, nowMs);
  }

  tick(nowMs: number): MemberEffects {
    if (this.#restart.due(nowMs)) {
      // The application catches the fatal error and makes a new consumer, which joins afresh.
      this.#state = this.#fresh();
      return this.start(nowMs, replacementEffects('the application makes a new consumer'));
    }
    return this.#step({ type: 'tick' }, nowMs);
  }

  poll(positions: readonly Position[], nowMs: number): MemberEffects {
    // poll throws while a callback waits for the application (Kafka runs callbacks inside poll);
    // a consumer that failed fatally is not polled again.
    if (this.#state.callback !== null || this.#state.closed || this.#restart.pending) return new MemberEffectsBuilder();
    const fx = positions.length > 0 && this.settings.autoCommit ? this.#step({ type: 'positions', positions }, nowMs) : new MemberEffectsBuilder();
    // Reporting positions steps the join loop, which may have started a callback meanwhile.
    if (this.#state.callback !== null || this.#state.closed) return fx;
    return this.#step({ type: 'poll' }, nowMs, fx);
  }

  callbackDone(callbackId: number, nowMs: number): MemberEffects {
    if (this.#state.callback?.callbackId !== callbackId) return new MemberEffectsBuilder();
    return this.#step({ type: 'callback-done', callbackId }, nowMs);
  }

  close(nowMs: number): MemberEffects {
    this.#restart.cancel();
    if (this.#state.closed || this.#state.callback !== null) return new MemberEffectsBuilder();
    return this.#step({ type: 'close' }, nowMs);
  }

  nextDeadlineMs(): number | null {
    return this.#restart.deadline(classicMemberNextDeadline(this.#state));
  }

  view(): MemberView {
    const s = this.#state;
    return {
      state: s.state,
      memberId: s.generation.memberId,
      epoch: s.generation.generationId,
      owned: s.owned,
      inCallback: s.callback !== null,
      closed: s.closed,
    };
  }

  settledIn(coordinator: CoordinatorView): boolean {
    const s = this.#state;
    return s.state === 'STABLE' && s.generation.generationId === coordinator.epoch && s.callback === null && !s.rejoinNeeded && coordinator.hasMember(s.generation.memberId);
  }

  isValidEpochChange(from: number, to: number): boolean {
    // A generation is reset to -1 (UNKNOWN_MEMBER_ID, ILLEGAL_GENERATION, leaving); otherwise it only grows.
    return to >= from || to === -1;
  }

  isValidTransition(t: Transition): boolean {
    return isValidClassicMemberTransition(t.from as ClassicMemberStateName, t.to as ClassicMemberStateName);
  }
}
