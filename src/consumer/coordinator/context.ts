/**
 * The working area of one step. Handlers emit records, and each record is applied to the
 * working group at once (the same function a replay uses), so later stages of the handler see
 * its effect. A handler that fails part-way rolls back to a mark: the group and outputs return
 * to what they were, which is how an error leaves "no records" behind. `finish` returns the
 * input state itself when nothing changed, which keeps a steady-state heartbeat from copying.
 */
import type { ErrorCode } from '../../protocol/error-codes.js';
import { PMap } from '../../internal/pmap.js';
import { applyOffsetRecord, applyRecord, type OffsetStore } from './group.js';
import { groupStateOf } from './view-state.js';
import type {
  ConsumerGroup,
  ConsumerGroupCoordinatorOutput,
  ConsumerGroupCoordinatorState,
  ConsumerGroupEvent,
  ConsumerGroupRecord,
  ConsumerGroupSoftState,
  ConsumerGroupStepResult,
  MetadataImage,
  RequestId,
  ResolvedConsumerGroupConfig,
  ConsumerGroupApi,
  ConsumerGroupApiTypes,
} from './types.js';

/** A point to roll back to. */
export interface Mark {
  readonly group: ConsumerGroup | null;
  readonly soft: ConsumerGroupSoftState;
  readonly offsets: OffsetStore;
  readonly outputs: number;
}

const NO_OFFSETS: OffsetStore = PMap.empty();

/** One step in progress. */
export class StepContext {
  readonly outputs: ConsumerGroupCoordinatorOutput[] = [];
  private groupNow: ConsumerGroup | null;
  private softNow: ConsumerGroupSoftState;
  private configNow: ResolvedConsumerGroupConfig;
  private metadataNow: MetadataImage;
  private offsetsNow: OffsetStore;
  private changed = false;

  constructor(
    private readonly base: ConsumerGroupCoordinatorState,
    /** The time of the step. */
    readonly nowMs: number,
  ) {
    this.groupNow = base.group;
    this.softNow = base.soft;
    this.configNow = base.config;
    this.metadataNow = base.metadata;
    this.offsetsNow = base.offsets ?? NO_OFFSETS;
  }

  /** The committed offsets: topic name -> partition -> offset. */
  get offsets(): OffsetStore {
    return this.offsetsNow;
  }

  get config(): ResolvedConsumerGroupConfig {
    return this.configNow;
  }

  get metadata(): MetadataImage {
    return this.metadataNow;
  }

  /** The group, or null while it does not exist. */
  get group(): ConsumerGroup | null {
    return this.groupNow;
  }

  get soft(): ConsumerGroupSoftState {
    return this.softNow;
  }

  /** Emits a record and applies it to the working group. */
  record(record: ConsumerGroupRecord): void {
    if (record.type === 'OffsetCommit') this.offsetsNow = applyOffsetRecord(this.offsetsNow, record);
    else this.groupNow = applyRecord(this.groupNow, record);
    this.outputs.push({ type: 'record', record });
    this.changed = true;
  }

  /** Replaces the soft state. */
  setSoft(patch: Partial<ConsumerGroupSoftState>): void {
    this.softNow = { ...this.softNow, ...patch };
    this.changed = true;
  }

  setConfig(config: ResolvedConsumerGroupConfig): void {
    this.configNow = config;
    this.changed = true;
  }

  setMetadata(metadata: MetadataImage): void {
    this.metadataNow = metadata;
    this.changed = true;
  }

  /** A point {@link rollback} can return to. */
  mark(): Mark {
    return { group: this.groupNow, soft: this.softNow, offsets: this.offsetsNow, outputs: this.outputs.length };
  }

  /** Undoes everything since `mark`: records, timers, events and soft state. */
  rollback(mark: Mark): void {
    this.groupNow = mark.group;
    this.softNow = mark.soft;
    this.offsetsNow = mark.offsets;
    this.outputs.length = mark.outputs;
  }

  respond<A extends ConsumerGroupApi>(api: A, requestId: RequestId, apiVersion: number, response: ConsumerGroupApiTypes[A]['response']): void {
    this.outputs.push({ type: 'response', api, requestId, apiVersion, response } as ConsumerGroupCoordinatorOutput);
  }

  /** Arms `key` to fire `delayMs` from now (negative delays fire at once). */
  schedule(key: string, delayMs: number): void {
    this.outputs.push({ type: 'schedule-timer', key, deadlineMs: this.nowMs + Math.max(0, delayMs) });
  }

  cancel(key: string): void {
    this.outputs.push({ type: 'cancel-timer', key });
  }

  event(event: ConsumerGroupEvent): void {
    this.outputs.push({ type: 'event', event });
  }

  /** The step's result: the input state itself when nothing changed; a state-changed event when the group state moved. */
  finish(): ConsumerGroupStepResult {
    if (!this.changed) return { state: this.base, outputs: this.outputs };
    if (this.groupNow !== this.base.group) {
      // A group that does not exist yet starts out as Empty, as Kafka creates it.
      const from = groupStateOf(this.base.group) ?? 'Empty';
      const to = groupStateOf(this.groupNow);
      if (from !== to && to !== null) this.event({ kind: 'state-changed', from, to, groupEpoch: this.groupNow?.groupEpoch ?? 0 });
    }
    const state: ConsumerGroupCoordinatorState = { config: this.configNow, metadata: this.metadataNow, group: this.groupNow, soft: this.softNow };
    const offsets = this.offsetsNow === NO_OFFSETS && this.base.offsets === undefined ? undefined : this.offsetsNow;
    return { state: offsets === undefined ? state : { ...state, offsets }, outputs: this.outputs };
  }
}

/** An error answer's code and message. */
export interface ErrorAnswer {
  readonly errorCode: ErrorCode;
  readonly errorMessage: string | null;
}
