/**
 * The KIP-848 group coordinator, wrapped for the simulator. Like the classic wrapper it keeps
 * the record log, replays each record into a shadow state as it is appended (so the replay
 * check costs what changed, not the whole log), and fails over by replaying the log into a
 * fresh coordinator and loading it (Kafka's onLoaded re-arms the timers). The shadow is kept
 * from the first replay check on (it starts as a replay of the log so far), so a run without
 * checks does not pay for it.
 */
import {
  CONSUMER_GROUP_STATES,
  consumerGroupStateOf,
  describeConsumerGroup,
  initialConsumerGroupState,
  onConsumerGroupLoaded,
  replayConsumerGroup,
  replayConsumerGroupRecord,
} from '../../consumer/coordinator/index.js';
import type {
  ConsumerGroupConfig,
  ConsumerGroupCoordinatorInput,
  ConsumerGroupCoordinatorState,
  ConsumerGroupRecord,
  ConsumerGroupRequestInput,
  ConsumerGroupStepResult,
  TopicImage,
} from '../../consumer/coordinator/index.js';
import { stepConsumerGroup } from '../../consumer/coordinator/index.js';
import type { CoordinatorAdapter, CoordinatorEffects, CoordinatorView, Transition, WireRequest } from './adapter.js';
import { SIM_GROUP_ID } from './classic-coordinator.js';
import { CONSUMER_GROUP_HEARTBEAT_VERSION } from '../../consumer/member/index.js';
import { ReplayComparator } from './consumer-replay.js';
import { collectEffects, simRequest } from './coordinator-outputs.js';

/** Settings of a simulated KIP-848 coordinator (Kafka's group.consumer.* configs). */
export interface ConsumerCoordinatorSettings {
  readonly sessionTimeoutMs: number;
  readonly heartbeatIntervalMs: number;
  readonly topics: readonly TopicImage[];
}

const GROUP_STATES: ReadonlySet<string> = new Set(CONSUMER_GROUP_STATES);

/** A KIP-848 coordinator inside the simulator. */
export class ConsumerCoordinatorNode implements CoordinatorAdapter {
  #state: ConsumerGroupCoordinatorState;
  /** The group the records rebuild; undefined until the first replay check asks for it. */
  #shadow: ConsumerGroupCoordinatorState['group'] | undefined;
  readonly #records: ConsumerGroupRecord[] = [];
  readonly #replay = new ReplayComparator();

  constructor(private readonly settings: ConsumerCoordinatorSettings) {
    this.#state = initialConsumerGroupState(this.#config(), settings.topics);
  }

  #config(): ConsumerGroupConfig {
    return { groupId: SIM_GROUP_ID, sessionTimeoutMs: this.settings.sessionTimeoutMs, heartbeatIntervalMs: this.settings.heartbeatIntervalMs };
  }

  get recordCount(): number {
    return this.#records.length;
  }

  handle(client: string, key: string, request: WireRequest, nowMs: number): CoordinatorEffects {
    const input = simRequest(client, key, request, CONSUMER_GROUP_HEARTBEAT_VERSION) as ConsumerGroupRequestInput;
    return this.#absorb(stepConsumerGroup(this.#state, input as ConsumerGroupCoordinatorInput, nowMs));
  }

  fire(key: string, nowMs: number): CoordinatorEffects {
    return this.#absorb(stepConsumerGroup(this.#state, { type: 'timer', key }, nowMs));
  }

  failover(nowMs: number): CoordinatorEffects {
    const rebuilt = replayConsumerGroup(this.#config(), this.#records, this.settings.topics);
    this.#shadow = rebuilt.group;
    this.#replay.reset();
    return this.#absorb(onConsumerGroupLoaded(rebuilt, nowMs));
  }

  #absorb(result: ConsumerGroupStepResult): CoordinatorEffects {
    this.#state = result.state;
    // The KIP-848 coordinator answers every heartbeat in the step that receives it: nothing is abandoned.
    return collectEffects(
      result.outputs,
      (record) => {
        this.#records.push(record);
        if (this.#shadow !== undefined) this.#shadow = replayConsumerGroupRecord({ ...this.#state, group: this.#shadow }, record).group;
      },
      (event, transitions) => {
        if (event.kind === 'state-changed') transitions.push({ from: event.from, to: event.to });
      },
    );
  }

  view(): CoordinatorView {
    const g = this.#state.group;
    const state = consumerGroupStateOf(g) ?? 'none';
    return {
      state,
      epoch: g?.groupEpoch ?? 0,
      stable: state === 'Stable',
      memberCount: g?.members.size ?? 0,
      hasMember: (memberId) => g?.members.has(memberId) === true,
    };
  }

  replayMismatch(): string | null {
    // Every record is written in the step that makes the change, so the replayed group equals
    // the live one after every step; the comparator compares only what changed since its last check.
    this.#shadow ??= replayConsumerGroup(this.#config(), this.#records, this.settings.topics).group;
    return this.#replay.mismatch(this.#state.group, this.#shadow);
  }

  isValidTransition(t: Transition): boolean {
    // The group state is derived from the members (KIP-848): any change between two states is allowed.
    return t.from !== t.to && GROUP_STATES.has(t.from) && GROUP_STATES.has(t.to);
  }

  describe(): string {
    return describeConsumerGroup(this.#state);
  }
}

