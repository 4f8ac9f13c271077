/**
 * The classic group coordinator, wrapped for the simulator: it keeps the record log, replays
 * each record into a shadow state as it is appended (so the replay check costs one record, not
 * the whole log), and fails over by replaying the log into a fresh coordinator. The shadow is
 * kept from the first replay check on (it starts as a replay of the log so far), so a run
 * without checks does not pay for it.
 */
import {
  describeGroup,
  initialState,
  isAtRest,
  isValidTransition,
  onLoaded,
  replay,
  replayRecord,
  step,
} from '../../classic/coordinator/index.js';
import type {
  ClassicCoordinatorInput,
  ClassicCoordinatorState,
  ClassicGroupConfig,
  ClassicGroupRecord,
  ClassicRequestInput,
  ClassicStepResult,
} from '../../classic/coordinator/index.js';
import type { ClassicGroupStateName } from '../../classic/coordinator/states.js';
import { ClassicReplayComparator } from './classic-replay.js';
import { collectEffects, simRequest } from './coordinator-outputs.js';
import type { CoordinatorAdapter, CoordinatorEffects, CoordinatorView, Transition, WireRequest } from './adapter.js';

/** The API versions the classic member speaks (its latest). */
const API_VERSIONS: Readonly<Record<string, number>> = { JoinGroup: 9, SyncGroup: 5, Heartbeat: 4, LeaveGroup: 5, OffsetCommit: 9 };

/** The group id every simulated group uses. */
export const SIM_GROUP_ID = 'sim-group';

/** Settings of a simulated classic coordinator. */
export interface ClassicCoordinatorSettings {
  readonly initialRebalanceDelayMs: number;
}

/** A classic coordinator inside the simulator. */
export class ClassicCoordinatorNode implements CoordinatorAdapter {
  #state: ClassicCoordinatorState;
  /** The state the records rebuild; null until the first replay check asks for it. */
  #shadow: ClassicCoordinatorState | null = null;
  readonly #records: ClassicGroupRecord[] = [];
  #incarnation = 1;
  /** The live state at the last replay check, to skip checks when nothing changed. */
  #checked: ClassicCoordinatorState | null = null;
  readonly #replay = new ClassicReplayComparator();

  constructor(private readonly settings: ClassicCoordinatorSettings) {
    this.#state = initialState(this.#config());
  }

  #config(): ClassicGroupConfig {
    const incarnation = this.#incarnation;
    return {
      groupId: SIM_GROUP_ID,
      initialRebalanceDelayMs: this.settings.initialRebalanceDelayMs,
      // The incarnation keeps ids unique across failovers (the sequence restarts with each one).
      memberIdSource: (prefix, sequence) => `${prefix}-${incarnation}.${sequence}`,
    };
  }

  get recordCount(): number {
    return this.#records.length;
  }

  handle(client: string, key: string, request: WireRequest, nowMs: number): CoordinatorEffects {
    return this.#step(simRequest(client, key, request, API_VERSIONS[request.api] ?? 0) as ClassicRequestInput, nowMs);
  }

  fire(key: string, nowMs: number): CoordinatorEffects {
    return this.#step({ type: 'timer', key }, nowMs);
  }

  failover(nowMs: number): CoordinatorEffects {
    this.#incarnation++;
    const rebuilt = replay(this.#config(), this.#records);
    this.#shadow = rebuilt;
    this.#checked = null;
    this.#replay.reset();
    return this.#absorb(onLoaded(rebuilt, nowMs));
  }

  #step(input: ClassicCoordinatorInput, nowMs: number): CoordinatorEffects {
    return this.#absorb(step(this.#state, input, nowMs));
  }

  #absorb(result: ClassicStepResult): CoordinatorEffects {
    this.#state = result.state;
    return collectEffects(
      result.outputs,
      (record) => {
        this.#records.push(record);
        if (this.#shadow !== null) this.#shadow = replayRecord(this.#shadow, record);
      },
      (event, transitions, abandoned) => {
        if (event.kind === 'state-changed') transitions.push({ from: event.from, to: event.to });
        else if (event.kind === 'request-abandoned') abandoned.push(String(event.requestId));
      },
    );
  }

  view(): CoordinatorView {
    const g = this.#state.group;
    return {
      state: g?.state ?? 'none',
      epoch: g?.generationId ?? 0,
      stable: g?.state === 'Stable',
      memberCount: g?.members.size ?? 0,
      hasMember: (memberId) => g?.members.has(memberId) === true,
    };
  }

  replayMismatch(): string | null {
    // The log describes the group only at rest (Empty or Stable); mid-rebalance it still
    // describes the last completed generation, as in Kafka.
    const live = this.#state;
    if (this.#checked === live || !isAtRest(live)) return null;
    this.#checked = live;
    // Structural and incremental: only what changed since the last check is compared.
    this.#shadow ??= replay(this.#config(), this.#records);
    return this.#replay.mismatch(live, this.#shadow);
  }

  isValidTransition(t: Transition): boolean {
    return isValidTransition(t.from as ClassicGroupStateName, t.to as ClassicGroupStateName);
  }

  describe(): string {
    return describeGroup(this.#state);
  }
}
