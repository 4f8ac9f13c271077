/**
 * The KIP-848 member, wrapped for the simulator. The application around it is the simulator's:
 * it polls and confirms callbacks. The commits the member asks for (auto-commit before a
 * revocation or a close) are confirmed at once: offsets are not part of the KIP-848
 * coordinator, and the simulator's workload does not depend on them.
 */
import {
  consumerMemberNextDeadline,
  initialConsumerMemberState,
  isValidConsumerMemberTransition,
  stepConsumerMember,
} from '../../consumer/member/index.js';
import type { ConsumerMemberInput, ConsumerMemberState, ConsumerMemberStateName } from '../../consumer/member/index.js';
import { MemberEffectsBuilder } from './adapter.js';
import type { CoordinatorView, MemberAdapter, MemberEffects, MemberView, Position, Transition, WireResponse } from './adapter.js';
import type { ConsumerGroupHeartbeatResponse } from '../../consumer/coordinator/index.js';
import { FatalRestart, replacementEffects } from './fatal-restart.js';
import { SIM_GROUP_ID } from './classic-coordinator.js';

/** What a simulated KIP-848 member is configured with. */
export interface ConsumerMemberSettings {
  /** The member id it chooses (Kafka: a UUID made once per consumer instance). */
  readonly memberId: string;
  readonly groupInstanceId: string | null;
  readonly serverAssignor: string;
  readonly maxPollIntervalMs: number;
  readonly requestTimeoutMs: number;
  readonly autoCommit: boolean;
  /** Topic id -> topic name: the cluster metadata. */
  readonly topicNames: ReadonlyMap<string, string>;
  /** A fresh member id, for a consumer the application makes again after a fatal error. */
  readonly nextMemberId: () => string;
}

const CALLBACK_KIND = { onPartitionsRevoked: 'revoked', onPartitionsAssigned: 'assigned', onPartitionsLost: 'lost' } as const;

/** A KIP-848 member inside the simulator. */
export class ConsumerMemberNode implements MemberAdapter {
  #state: ConsumerMemberState;
  readonly #restart = new FatalRestart();

  constructor(private readonly settings: ConsumerMemberSettings) {
    this.#state = this.#fresh(settings.memberId);
  }

  #fresh(memberId: string): ConsumerMemberState {
    const settings = this.settings;
    return initialConsumerMemberState({
      groupId: SIM_GROUP_ID,
      memberId,
      groupInstanceId: settings.groupInstanceId,
      serverAssignor: settings.serverAssignor,
      maxPollIntervalMs: settings.maxPollIntervalMs,
      requestTimeoutMs: settings.requestTimeoutMs,
      enableAutoCommit: settings.autoCommit,
    });
  }

  #step(input: ConsumerMemberInput, nowMs: number, into: MemberEffectsBuilder = new MemberEffectsBuilder()): MemberEffectsBuilder {
    const queue: ConsumerMemberInput[] = [input];
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      const r = stepConsumerMember(this.#state, next, nowMs);
      this.#state = r.state;
      for (const o of r.outputs) {
        if (o.type === 'send') into.sends.push({ api: o.api, requestId: o.requestId, body: o.request });
        else if (o.type === 'callback') into.callbacks.push({ callbackId: o.callbackId, kind: CALLBACK_KIND[o.callback], partitions: o.partitions });
        else if (o.type === 'commit') queue.push({ type: 'commit-done', commitId: o.commitId });
        else if (o.type === 'error') into.errors.push(o.error.message);
        else if (o.event.kind === 'state-changed') into.transitions.push({ from: o.event.from, to: o.event.to });
      }
    }
    if (this.#state.state === 'FATAL' && !this.#state.closing) this.#restart.failed(nowMs);
    return into;
  }

  start(nowMs: number, into: MemberEffectsBuilder = new MemberEffectsBuilder()): MemberEffects {
    const fx = this.#step({ type: 'metadata', topicNames: this.settings.topicNames }, nowMs, into);
    this.#step({ type: 'subscribe', topics: [...this.settings.topicNames.values()].sort() }, nowMs, fx);
    return this.#step({ type: 'poll' }, nowMs, fx);
  }

  response(response: WireResponse, nowMs: number): MemberEffects {
    return this.#step({ type: 'response', api: 'ConsumerGroupHeartbeat', requestId: response.requestId, response: response.response as ConsumerGroupHeartbeatResponse }, nowMs);
  }

  requestFailed(requestId: number, nowMs: number): MemberEffects {
    return this.#step({ type: 'request-failed', requestId, reason: 'disconnected' }, nowMs);
  }

  tick(nowMs: number): MemberEffects {
    if (this.#restart.due(nowMs)) {
      // The application catches the fatal error and makes a new consumer (a new member id).
      this.#state = this.#fresh(this.settings.nextMemberId());
      return this.start(nowMs, replacementEffects(`the application makes a new consumer (member id ${this.#state.memberId})`));
    }
    return this.#step({ type: 'tick' }, nowMs);
  }

  poll(_positions: readonly Position[], nowMs: number): MemberEffects {
    // poll throws while a callback waits for the application (Kafka runs callbacks inside poll).
    if (this.#state.callbacks.length > 0 || this.#state.closing || this.#state.closed) return new MemberEffectsBuilder();
    return this.#step({ type: 'poll' }, nowMs);
  }

  callbackDone(callbackId: number, nowMs: number): MemberEffects {
    if (!this.#state.callbacks.some((c) => c.callbackId === callbackId)) return new MemberEffectsBuilder();
    return this.#step({ type: 'callback-done', callbackId }, nowMs);
  }

  close(nowMs: number): MemberEffects {
    this.#restart.cancel();
    if (this.#state.closing || this.#state.closed || this.#state.callbacks.length > 0) return new MemberEffectsBuilder();
    return this.#step({ type: 'close' }, nowMs);
  }

  nextDeadlineMs(): number | null {
    return this.#restart.deadline(consumerMemberNextDeadline(this.#state));
  }

  view(): MemberView {
    const s = this.#state;
    return {
      state: s.state,
      memberId: s.memberId,
      epoch: s.memberEpoch,
      owned: s.owned,
      inCallback: s.callbacks.length > 0,
      closed: s.closed,
    };
  }

  settledIn(coordinator: CoordinatorView): boolean {
    const s = this.#state;
    return (
      s.state === 'STABLE' &&
      s.memberEpoch === coordinator.epoch &&
      s.callbacks.length === 0 &&
      s.reconciliation === null &&
      s.commit === null &&
      coordinator.hasMember(s.memberId)
    );
  }

  isValidEpochChange(from: number, to: number): boolean {
    // A member epoch only grows, except through fencing or a rejoin (back to 0) and leaving (-1, -2).
    return to >= from || to <= 0;
  }

  isValidTransition(t: Transition): boolean {
    return isValidConsumerMemberTransition(t.from as ConsumerMemberStateName, t.to as ConsumerMemberStateName);
  }
}
