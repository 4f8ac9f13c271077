/**
 * The working area of one step. Handlers read the group, edit a shallow draft of it (its
 * collections are persistent maps, so an edit copies a path, never the member table), and
 * append outputs. `finish` returns the input state itself when nothing changed, which is what
 * keeps a steady-state heartbeat from copying anything.
 */
import { InvariantError } from '../../errors.js';
import type { ErrorCode } from '../../protocol/error-codes.js';
import { PIntMap } from '../../internal/pintmap.js';
import type { PMap } from '../../internal/pmap.js';
import { assertValidTransition } from './states.js';
import type { ClassicGroupStateName } from './states.js';
import type {
  ClassicApi,
  ClassicApiTypes,
  ClassicCoordinatorOutput,
  ClassicCoordinatorState,
  ClassicGroup,
  ClassicGroupEvent,
  ClassicGroupRecord,
  ClassicStepResult,
  OffsetAndMetadata,
  ParkedRequest,
  ResolvedClassicGroupConfig,
} from './types.js';

/** A group whose fields a handler may assign during one step. */
export type MutableGroup = { -readonly [K in keyof ClassicGroup]: ClassicGroup[K] };

/** The state of one step in progress: a draft of the coordinator state plus the outputs so far. */
export class StepContext {
  /** The outputs so far, in order. */
  readonly outputs: ClassicCoordinatorOutput[] = [];
  /** How many records this step emitted. */
  recordCount = 0;
  /**
   * Set while re-running a step whose records the driver failed to append (an `append-failed`
   * input): the response error the failure maps to. The places that write a record check it
   * and take Kafka's failure path instead; `record` then writes nothing.
   */
  appendFailure: ErrorCode | null = null;
  /** How many record-writing places took their failure path in this step. */
  appendFailuresHandled = 0;
  private current: ClassicGroup | null;
  private draft: MutableGroup | null = null;
  private changed = false;
  private offsetsNow: PMap<ReadonlyMap<number, OffsetAndMetadata>>;
  /** Partition maps this step created, so it may still change them in place. */
  private sequence: number;
  private configNow: ResolvedClassicGroupConfig;

  constructor(
    private readonly base: ClassicCoordinatorState,
    /** The time of the step. */
    readonly nowMs: number,
  ) {
    this.current = base.group;
    this.offsetsNow = base.offsets;
    this.sequence = base.memberIdSequence;
    this.configNow = base.config;
  }

  /** The settings. */
  get config(): ResolvedClassicGroupConfig {
    return this.configNow;
  }

  /** The group, or null while it does not exist. */
  get groupOrNull(): ClassicGroup | null {
    return this.current;
  }

  /** The group; InvariantError when it does not exist. */
  get group(): ClassicGroup {
    if (this.current === null) throw new InvariantError('the classic group does not exist');
    return this.current;
  }

  /** A draft of the group to assign to (created on first use, shared for the rest of the step). */
  edit(): MutableGroup {
    if (this.draft === null) {
      this.draft = { ...this.group };
      this.current = this.draft;
      this.changed = true;
    }
    return this.draft;
  }

  /** Replaces the whole group (creation, unload). */
  setGroup(group: ClassicGroup | null): void {
    this.current = group;
    this.draft = null;
    this.changed = true;
  }

  /** The committed offsets. */
  get offsets(): PMap<ReadonlyMap<number, OffsetAndMetadata>> {
    return this.offsetsNow;
  }

  /** Replaces the committed offsets. */
  setOffsets(offsets: PMap<ReadonlyMap<number, OffsetAndMetadata>>): void {
    this.offsetsNow = offsets;
    this.changed = true;
  }

  /**
   * Stores (or, with null, deletes) one committed offset. A topic's offsets are a persistent
   * map, so one partition costs one short path copy, live or replayed, whatever the topic's size.
   */
  storeOffset(topic: string, partition: number, offset: OffsetAndMetadata | null): void {
    const partitions = PIntMap.from(this.offsetsNow.get(topic) ?? PIntMap.empty<OffsetAndMetadata>());
    const next = offset === null ? partitions.delete(partition) : partitions.set(partition, offset);
    if (next === partitions) return;
    this.setOffsets(next.size === 0 ? this.offsetsNow.delete(topic) : this.offsetsNow.set(topic, next));
  }

  /** Replaces the settings. */
  setConfig(config: ResolvedClassicGroupConfig): void {
    this.configNow = config;
    this.changed = true;
  }

  /** Takes the next number for the id source. */
  nextSequence(): number {
    this.sequence += 1;
    this.changed = true;
    return this.sequence;
  }

  /** Moves the group to `to`, checking Kafka's transition table. */
  transitionTo(to: ClassicGroupStateName): void {
    const g = this.edit();
    assertValidTransition(g.state, to);
    const from = g.state;
    g.previousState = from;
    g.state = to;
    g.stateTimestampMs = this.nowMs;
    this.event({ kind: 'state-changed', from, to, generationId: g.generationId });
  }

  /** Answers `parked` (a request now or earlier) with `response`. */
  respond<A extends ClassicApi>(api: A, parked: ParkedRequest, response: ClassicApiTypes[A]['response']): void {
    this.outputs.push({ type: 'response', api, requestId: parked.requestId, apiVersion: parked.apiVersion, response } as ClassicCoordinatorOutput);
  }

  /** Emits a record for the driver to append (nothing while replaying a failed append). */
  record(record: ClassicGroupRecord): void {
    this.recordCount += 1;
    if (this.appendFailure !== null) {
      this.appendFailuresHandled += 1;
      return;
    }
    this.outputs.push({ type: 'record', record });
  }

  /** Arms `key` to fire `delayMs` from now (replacing its previous deadline). */
  schedule(key: string, delayMs: number): void {
    this.outputs.push({ type: 'schedule-timer', key, deadlineMs: this.nowMs + delayMs });
  }

  /** Disarms `key`. */
  cancel(key: string): void {
    this.outputs.push({ type: 'cancel-timer', key });
  }

  /** Emits an observer event. */
  event(event: ClassicGroupEvent): void {
    this.outputs.push({ type: 'event', event });
  }

  /** The group as it was before this step. */
  get groupBefore(): ClassicGroup | null {
    return this.base.group;
  }

  /**
   * Puts the group and the offsets back as they were before this step and drops the outputs so
   * far except those `keep` selects (a failed append's revert: Kafka undoes what the failed
   * record described). The id sequence is not put back, so a discarded id is never reissued.
   */
  revertStep(keep: (o: ClassicCoordinatorOutput) => boolean): void {
    this.setGroup(this.base.group);
    this.setOffsets(this.base.offsets);
    const kept = this.outputs.filter(keep);
    this.outputs.length = 0;
    this.outputs.push(...kept);
  }

  /** The step's result: the input state itself when nothing changed. */
  finish(): ClassicStepResult {
    if (!this.changed) return { state: this.base, outputs: this.outputs };
    const state: ClassicCoordinatorState = {
      config: this.configNow,
      group: this.current,
      offsets: this.offsetsNow,
      memberIdSequence: this.sequence,
    };
    return { state, outputs: this.outputs };
  }
}
