/**
 * A broker's group coordinator: many groups, classic and KIP-848, routed by group id. It holds
 * each group's machine state, feeds it the clock, keeps its keyed timers, appends its records
 * to the log (one batch per step) and sends each response only once the records before it are
 * durable, as Kafka's coordinator runtime does. At start it rebuilds every group by replaying
 * the log and re-arms the timers (Kafka's onLoaded). It also runs expiry: offsets past
 * retention, then groups left empty.
 */
import { EventEmitter } from 'eventemitter3';
import type { ClassicCoordinatorInput } from '../../classic/index.js';
import type { ConsumerGroupCoordinatorInput, DescribedConsumerGroup, TopicImage } from '../../consumer/index.js';
import { UsageError } from '../../errors.js';
import { ErrorCode } from '../../protocol/error-codes.js';
import { compareStrings } from '../../protocol/topic-partitions.js';
import { systemClock, systemTimers, type Clock } from '../clock.js';
import { KeyedTimers } from '../keyed-timers.js';
import { describeClassic, listedGroup } from './describe.js';
import { errorResponse, failedResponse } from './error-responses.js';
import { expiryRecords } from './expiry.js';
import { isClassicApi, requestEnvelopeSchema, resolveGroupCoordinatorOptions, type GroupCoordinatorOptions, type ResolvedGroupCoordinatorOptions } from './options.js';
import { isVacant, loadSlot, newSlot, recordGroupType, replaySlotRecord, stepSlot, type GroupDefaults, type SlotOutput } from './slot.js';
import type { CoordinatorRequest, CoordinatorResponse, DescribedGroup, GroupCoordinatorRecord, GroupEvent, GroupSlot, GroupType, ListedGroup } from './types.js';

/** The events a {@link GroupCoordinator} emits. */
export interface GroupCoordinatorEvents {
  /** A group's machine reported something (state change, member added or removed, ...). */
  groupEvent: (groupId: string, event: GroupEvent) => void;
  /** A group came into existence (its first record was written). */
  groupCreated: (groupId: string, groupType: GroupType) => void;
  /** A group was deleted (by expiry, or its records say it is gone). */
  groupDeleted: (groupId: string, groupType: GroupType) => void;
  /** The log refused an append: the coordinator stops (every later request gets NOT_COORDINATOR). */
  error: (error: unknown) => void;
}

const EXPIRY_TIMER_KEY = 'offsets-retention-check';

/** Many groups behind one router; create one with {@link GroupCoordinator.open}. */
export class GroupCoordinator extends EventEmitter<GroupCoordinatorEvents> {
  readonly #options: ResolvedGroupCoordinatorOptions;
  readonly #clock: Clock;
  readonly #defaults: GroupDefaults;
  /** Group id -> its machine; keys come from peers, so a Map. */
  readonly #groups = new Map<string, GroupSlot>();
  readonly #timers = new Map<string, KeyedTimers>();
  readonly #expiry: KeyedTimers;
  #topics: readonly TopicImage[];
  #inflightAppends = 0;
  /** Settles once every append issued so far is durable: true, or false when one failed. */
  #durable: Promise<boolean> = Promise.resolve(true);
  #failed: unknown = undefined;
  #closed = false;

  private constructor(options: ResolvedGroupCoordinatorOptions) {
    super();
    this.#options = options;
    this.#clock = options.clock ?? systemClock();
    this.#defaults = { classic: options.classic, consumer: options.consumer };
    this.#topics = options.topics;
    this.#expiry = new KeyedTimers(this.#clock, options.timers ?? systemTimers, () => this.#runExpiry());
  }

  /**
   * Starts a coordinator: reads the log, rebuilds every group by replay, re-arms their timers
   * and schedules expiry. Throws UsageError for invalid options.
   */
  static async open(options: GroupCoordinatorOptions): Promise<GroupCoordinator> {
    const coordinator = new GroupCoordinator(resolveGroupCoordinatorOptions(options));
    const batches = await options.log.read();
    coordinator.#load(batches.flat());
    return coordinator;
  }

  #load(records: readonly GroupCoordinatorRecord[]): void {
    for (const record of records) this.#replay(record);
    const nowMs = this.#clock.nowMs();
    for (const groupId of this.groupIds()) {
      const r = loadSlot(this.#groups.get(groupId) as GroupSlot, nowMs);
      this.#groups.set(groupId, r.slot);
      this.#handleOutputs(groupId, r.outputs);
    }
    this.#expiry.schedule(EXPIRY_TIMER_KEY, nowMs + this.#options.offsetsRetentionCheckIntervalMs);
  }

  #replay(record: GroupCoordinatorRecord): void {
    const type = recordGroupType(record);
    let slot = this.#groups.get(record.groupId);
    // A record of the other protocol means the group was deleted and recreated under it.
    if (slot === undefined || (slot.type !== type && isVacant(slot))) slot = newSlot(type, record.groupId, this.#defaults, this.#topics);
    if (slot.type !== type) throw new UsageError(`the log mixes classic and consumer records for group ${JSON.stringify(record.groupId)}`);
    slot = replaySlotRecord(slot, record);
    if (isVacant(slot)) this.#groups.delete(record.groupId);
    else this.#groups.set(record.groupId, slot);
  }

  /**
   * Takes one request. Its response goes to the transport, possibly later (a parked JoinGroup
   * or SyncGroup). A malformed envelope is the caller's mistake (UsageError); a malformed body
   * is answered with Kafka's error code.
   */
  submit(request: CoordinatorRequest): void {
    if (this.#closed) throw new UsageError('the coordinator is closed');
    const envelope = requestEnvelopeSchema.safeParse(request);
    if (!envelope.success) throw new UsageError(`invalid request envelope: ${envelope.error.message}`);
    if (this.#failed !== undefined) return this.#options.transport.respond(errorResponse(request, ErrorCode.NOT_COORDINATOR, 'This is not the correct coordinator.'));
    if (request.api === 'ConsumerGroupDescribe') return this.#describeMany(request);
    const body = request.body as { groupId?: unknown };
    const groupId = typeof body === 'object' && body !== null && typeof body.groupId === 'string' ? body.groupId : '';
    this.#route(groupId, request);
  }

  #route(groupId: string, request: CoordinatorRequest): void {
    const type: GroupType = isClassicApi(request.api) ? 'classic' : 'consumer';
    const existing = this.#groups.get(groupId);
    if (existing !== undefined && existing.type !== type) return this.#send([mismatchResponse(request, groupId, existing.type)]);
    // An invalid group id reaches a scratch machine, which answers with Kafka's error and is dropped.
    const slot = existing ?? newSlot(type, groupId === '' ? '-' : groupId, this.#defaults, this.#topics);
    this.#step(groupId, slot, request);
  }

  #step(groupId: string, slot: GroupSlot, input: ClassicCoordinatorInput | ConsumerGroupCoordinatorInput): void {
    const r = stepSlot(slot, input, this.#clock.nowMs());
    this.#store(groupId, slot, r.slot);
    this.#handleOutputs(groupId, r.outputs);
  }

  #store(groupId: string, before: GroupSlot, after: GroupSlot): void {
    const existed = this.#groups.has(groupId);
    if (isVacant(after) || groupId === '') {
      if (existed) {
        this.#groups.delete(groupId);
        this.#timersOf(groupId).cancelAll();
        this.#timers.delete(groupId);
        this.emit('groupDeleted', groupId, before.type);
      }
      return;
    }
    this.#groups.set(groupId, after);
    if (!existed) this.emit('groupCreated', groupId, after.type);
  }

  #timersOf(groupId: string): KeyedTimers {
    let timers = this.#timers.get(groupId);
    if (timers === undefined) {
      timers = new KeyedTimers(this.#clock, this.#options.timers ?? systemTimers, (key) => this.#fire(groupId, key));
      this.#timers.set(groupId, timers);
    }
    return timers;
  }

  #fire(groupId: string, key: string): void {
    const slot = this.#groups.get(groupId);
    if (slot === undefined || this.#failed !== undefined) return;
    this.#step(groupId, slot, { type: 'timer', key });
  }

  /** Acts on a step's outputs: one batch of records, then timers, events and responses behind the batch. */
  #handleOutputs(groupId: string, outputs: readonly SlotOutput[]): void {
    const records = outputs.flatMap((o) => (o.type === 'record' ? [o.record] : []));
    if (records.length > 0) this.#append(records);
    const responses: CoordinatorResponse[] = [];
    for (const o of outputs) {
      if (o.type === 'schedule-timer') this.#timersOf(groupId).schedule(o.key, o.deadlineMs);
      else if (o.type === 'cancel-timer') this.#timers.get(groupId)?.cancel(o.key);
      else if (o.type === 'response') responses.push(o);
      else if (o.type === 'event') this.#event(groupId, o.event);
    }
    this.#send(responses);
  }

  #event(groupId: string, event: GroupEvent): void {
    if (event.kind === 'request-abandoned') this.#options.transport.abandon?.(event.requestId, event.api);
    this.emit('groupEvent', groupId, event);
  }

  #append(records: readonly GroupCoordinatorRecord[]): void {
    this.#inflightAppends++;
    const appended = this.#options.log.append(records).then(
      () => true,
      (error: unknown) => {
        this.#fail(error);
        return false;
      },
    );
    const previous = this.#durable;
    this.#durable = Promise.all([previous, appended]).then(([a, b]) => {
      this.#inflightAppends--;
      return a && b;
    });
  }

  #fail(error: unknown): void {
    if (this.#failed !== undefined) return;
    // The in-memory groups are now ahead of the log: stop, as Kafka's coordinator resigns.
    this.#failed = error;
    for (const timers of this.#timers.values()) timers.cancelAll();
    this.#expiry.cancelAll();
    this.emit('error', error);
  }

  /** Sends responses at once when nothing is being appended, otherwise once every append so far is durable. */
  #send(responses: readonly CoordinatorResponse[]): void {
    if (responses.length === 0) return;
    const transport = this.#options.transport;
    if (this.#inflightAppends === 0 && this.#failed === undefined) {
      for (const r of responses) transport.respond(r);
      return;
    }
    void this.#durable.then((ok) => {
      for (const r of responses) transport.respond(ok ? r : failedResponse(r, ErrorCode.NOT_COORDINATOR));
    });
  }

  #describeMany(request: Extract<CoordinatorRequest, { api: 'ConsumerGroupDescribe' }>): void {
    const groupIds = (request.body as { groupIds?: unknown }).groupIds;
    if (!Array.isArray(groupIds) || groupIds.some((id) => typeof id !== 'string')) {
      return this.#send([errorResponse(request, ErrorCode.INVALID_REQUEST, 'GroupIds must be strings.')]);
    }
    const groups = (groupIds as string[]).map((groupId) => this.#describeConsumer(groupId, request.apiVersion));
    this.#send([{ type: 'response', api: 'ConsumerGroupDescribe', requestId: request.requestId, apiVersion: request.apiVersion, response: { groups } }]);
  }

  #describeConsumer(groupId: string, apiVersion: number): DescribedConsumerGroup {
    const slot = this.#groups.get(groupId);
    if (slot?.type !== 'consumer') return notFoundDescription(groupId, slot === undefined ? `Group ${groupId} not found.` : `Group ${groupId} is not a consumer group.`);
    const r = stepSlot(slot, { type: 'request', api: 'ConsumerGroupDescribe', requestId: 0, apiVersion, body: { groupIds: [groupId] } }, this.#clock.nowMs());
    const response = r.outputs.find((o) => o.type === 'response');
    const described = response?.api === 'ConsumerGroupDescribe' ? response.response.groups[0] : undefined;
    return described ?? notFoundDescription(groupId, `Group ${groupId} not found.`);
  }

  /** Runs expiry now (it also runs every `offsetsRetentionCheckIntervalMs`); returns how many records it wrote. */
  expire(): number {
    if (this.#failed !== undefined) return 0;
    let written = 0;
    const nowMs = this.#clock.nowMs();
    for (const groupId of this.groupIds()) {
      const slot = this.#groups.get(groupId) as GroupSlot;
      const records = expiryRecords(slot, nowMs, this.#options.offsetsRetentionMs);
      if (records.length === 0) continue;
      this.#append(records);
      this.#store(groupId, slot, records.reduce(replaySlotRecord, slot));
      written += records.length;
    }
    return written;
  }

  #runExpiry(): void {
    this.expire();
    if (this.#failed === undefined && !this.#closed) this.#expiry.schedule(EXPIRY_TIMER_KEY, this.#clock.nowMs() + this.#options.offsetsRetentionCheckIntervalMs);
  }

  /** Gives every KIP-848 group the cluster's new topics (groups whose subscribed topics changed rebalance). */
  updateMetadata(topics: readonly TopicImage[]): void {
    this.#topics = [...topics];
    for (const groupId of this.groupIds()) {
      const slot = this.#groups.get(groupId) as GroupSlot;
      if (slot.type === 'consumer') this.#step(groupId, slot, { type: 'metadata', topics: this.#topics });
    }
  }

  /** The ids of every group, sorted. */
  groupIds(): string[] {
    return [...this.#groups.keys()].sort(compareStrings);
  }

  /** Kafka's ListGroups: every group, sorted by id, optionally only some states or types. */
  listGroups(filter: { readonly states?: readonly string[]; readonly types?: readonly GroupType[] } = {}): ListedGroup[] {
    const out: ListedGroup[] = [];
    for (const groupId of this.groupIds()) {
      const listed = listedGroup(groupId, this.#groups.get(groupId) as GroupSlot);
      if (listed === null) continue;
      if (filter.states !== undefined && !filter.states.includes(listed.groupState)) continue;
      if (filter.types !== undefined && !filter.types.includes(listed.groupType)) continue;
      out.push(listed);
    }
    return out;
  }

  /** DescribeGroups (classic) or ConsumerGroupDescribe (KIP-848) for one group; null when it does not exist. */
  describeGroup(groupId: string): DescribedGroup | null {
    const slot = this.#groups.get(groupId);
    if (slot === undefined) return null;
    if (slot.type === 'classic') return describeClassic(groupId, slot.state);
    return { groupType: 'consumer', ...this.#describeConsumer(groupId, 1) };
  }

  /** The machine state of one group (read-only; for tests, tools and the persisted view). */
  groupState(groupId: string): GroupSlot | undefined {
    return this.#groups.get(groupId);
  }

  /** The armed timers of one group, sorted by key. */
  timersOf(groupId: string): [string, number][] {
    return this.#timers.get(groupId)?.deadlines() ?? [];
  }

  /** Resolves once every record appended so far is durable (or the log failed). */
  async flush(): Promise<void> {
    await this.#durable;
  }

  /** Stops every timer and waits for pending appends. The log stays open: it is the application's. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const timers of this.#timers.values()) timers.cancelAll();
    this.#expiry.cancelAll();
    await this.#durable;
  }
}

function mismatchResponse(request: CoordinatorRequest, groupId: string, existing: GroupType): CoordinatorResponse {
  // Kafka answers a request of the other protocol with GROUP_ID_NOT_FOUND ("Group g is not a ... group.").
  const message = `Group ${groupId} is not a ${existing === 'classic' ? 'consumer' : 'classic'} group.`;
  return errorResponse(request, ErrorCode.GROUP_ID_NOT_FOUND, message);
}

function notFoundDescription(groupId: string, message: string): DescribedConsumerGroup {
  return { errorCode: ErrorCode.GROUP_ID_NOT_FOUND, errorMessage: message, groupId, groupState: 'Dead', groupEpoch: -1, assignmentEpoch: -1, assignorName: '', members: [] };
}
