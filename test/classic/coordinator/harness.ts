/**
 * A deterministic driver for the classic coordinator, used by the transcript scenarios and the
 * property tests: a virtual clock, a timer table (schedule replaces, cancel removes, due timers
 * fire in deadline order at the advanced time, as Kafka's MockCoordinatorTimer does), the log
 * of records, and a replay check after every step.
 *
 * Replay check: after every step the records so far are replayed and the rebuilt group's
 * persisted view is compared with the live group's when the live group is at rest (Empty or
 * Stable), and with the view of the last rest point otherwise (during a rebalance the log still
 * describes the previous generation, as in Kafka). Offsets must always agree.
 */
import { encodeSubscription } from '../../../src/protocol/consumer-protocol.js';
import type { ErrorCode } from '../../../src/protocol/error-codes.js';
import { errorName } from '../../../src/protocol/error-codes.js';
import {
  describeGroup,
  initialState,
  isAtRest,
  onLoaded,
  persistedView,
  replay,
  step,
  toHex,
} from '../../../src/classic/coordinator/index.js';
import type {
  ClassicCoordinatorInput,
  ClassicCoordinatorOutput,
  ClassicCoordinatorState,
  ClassicGroupConfig,
  ClassicGroupRecord,
  ClassicStepResult,
  PersistedView,
} from '../../../src/classic/coordinator/index.js';

/** The defaults of Kafka's GroupMetadataManagerTestContext (reference §5 conventions). */
export const SCENARIO_CONFIG: ClassicGroupConfig = {
  groupId: 'group',
  initialRebalanceDelayMs: 3000,
  newMemberJoinTimeoutMs: 300_000,
  minSessionTimeoutMs: 10,
  maxSessionTimeoutMs: 600_000,
  memberIdSource: (prefix, sequence) => `${prefix}-${sequence}`,
};

/** A replay check that failed. */
export class ReplayMismatch extends Error {
  override readonly name = 'ReplayMismatch';
}

type GroupView = PersistedView['group'];

// An Empty group that has never had anything (a "simple" group whose commits all failed) is
// only in memory, in Kafka as here: the log has nothing for it.
function normalizeGroup(view: GroupView): GroupView {
  if (view === null) return null;
  const pristine = view.state === 'Empty' && view.generationId === 0 && view.protocolType === null && view.protocolName === null && view.leaderId === null && view.members.length === 0;
  return pristine ? null : view;
}

/** Drives one coordinator in virtual time and checks replay after every step. */
export class CoordinatorHarness {
  state: ClassicCoordinatorState;
  nowMs = 0;
  /** Armed timers: key -> deadline, with arming order to break ties. */
  readonly timers = new Map<string, { deadlineMs: number; seq: number }>();
  records: ClassicGroupRecord[] = [];
  private timerSeq = 0;
  private lastRestGroup: GroupView = null;
  /** Set to false to skip the replay check (a test of the check itself). */
  checkReplay = true;

  constructor(readonly config: ClassicGroupConfig = SCENARIO_CONFIG) {
    this.state = initialState(config);
  }

  /**
   * When set, the next request step that writes records fails to append them with this storage
   * error: the step's state and outputs are discarded (none of them was acted on) and the
   * machine is stepped with `append-failed` from the state before it, as a driver must do.
   */
  failNextAppend: ErrorCode | null = null;
  /** The failed step's outputs, discarded (shown by the transcripts for review). */
  lastDiscarded: readonly ClassicCoordinatorOutput[] = [];

  /** Applies one input now; returns its outputs. Throws ReplayMismatch if replay disagrees. */
  apply(input: ClassicCoordinatorInput): readonly ClassicCoordinatorOutput[] {
    const result = step(this.state, input, this.nowMs);
    const errorCode = this.failNextAppend;
    if (errorCode !== null && input.type === 'request' && result.outputs.some((o) => o.type === 'record')) {
      this.failNextAppend = null;
      this.lastDiscarded = result.outputs;
      return this.absorb(step(this.state, { type: 'append-failed', request: input, errorCode }, this.nowMs));
    }
    this.lastDiscarded = [];
    return this.absorb(result);
  }

  private absorb(result: ClassicStepResult): readonly ClassicCoordinatorOutput[] {
    this.state = result.state;
    let wroteGroup = false;
    for (const o of result.outputs) {
      if (o.type === 'schedule-timer') this.timers.set(o.key, { deadlineMs: o.deadlineMs, seq: this.timerSeq++ });
      else if (o.type === 'cancel-timer') this.timers.delete(o.key);
      else if (o.type === 'record') {
        this.records.push(o.record);
        if (o.record.type === 'GroupMetadata') wroteGroup = true;
      }
    }
    if (this.checkReplay) this.verifyReplay(wroteGroup);
    return result.outputs;
  }

  /** The settings now in force (they may have been changed by `configure` inputs). */
  currentConfig(): ClassicGroupConfig {
    return this.state.config;
  }

  private verifyReplay(wroteGroup: boolean): void {
    const rebuilt = persistedView(replay(this.currentConfig(), this.records));
    const live = persistedView(this.state);
    const rebuiltGroup = normalizeGroup(rebuilt.group);
    if (isAtRest(this.state)) {
      this.lastRestGroup = normalizeGroup(live.group);
    } else if (wroteGroup) {
      // Only a brand-new group is recorded while not at rest (its empty GroupMetadata record).
      this.lastRestGroup = rebuiltGroup;
    }
    const expected = { group: this.lastRestGroup, offsets: live.offsets };
    const actual = { group: rebuiltGroup, offsets: rebuilt.offsets };
    const a = JSON.stringify(actual);
    const e = JSON.stringify(expected);
    if (a !== e) throw new ReplayMismatch(`replay disagrees with the live group\n  replayed: ${a}\n  expected: ${e}`);
  }

  /** The next due timer (earliest deadline, then earliest armed), if any is due at `atMs`. */
  private nextDue(atMs: number): string | undefined {
    let best: [string, { deadlineMs: number; seq: number }] | undefined;
    for (const entry of this.timers) {
      const t = entry[1];
      if (t.deadlineMs > atMs) continue;
      if (best === undefined || t.deadlineMs < best[1].deadlineMs || (t.deadlineMs === best[1].deadlineMs && t.seq < best[1].seq)) best = entry;
    }
    return best?.[0];
  }

  /**
   * Advances the clock by `ms`, then fires every due timer in deadline order, all at the new
   * time (timers re-armed by a firing count from the new time). Returns each firing's outputs.
   */
  advance(ms: number): { key: string; outputs: readonly ClassicCoordinatorOutput[] }[] {
    this.nowMs += ms;
    const fired: { key: string; outputs: readonly ClassicCoordinatorOutput[] }[] = [];
    for (let key = this.nextDue(this.nowMs); key !== undefined; key = this.nextDue(this.nowMs)) {
      this.timers.delete(key);
      fired.push({ key, outputs: this.apply({ type: 'timer', key }) });
      if (fired.length > 100_000) throw new Error('timers keep firing: a loop?');
    }
    return fired;
  }

  /** Replaces the log with `records`, replays it and runs the load step (a coordinator failover). */
  load(records: ClassicGroupRecord[]): readonly ClassicCoordinatorOutput[] {
    this.records = [...records];
    this.timers.clear();
    this.state = replay(this.currentConfig(), this.records);
    this.lastRestGroup = normalizeGroup(persistedView(this.state).group);
    return this.absorb(onLoaded(this.state, this.nowMs));
  }

  /** The group, described. */
  describe(): string {
    return describeGroup(this.state);
  }
}

/** Protocol metadata for the transcripts: a ConsumerProtocol subscription to `topics`. */
export function subscriptionBytes(topics: readonly string[]): Uint8Array {
  return encodeSubscription({ topics }, 0);
}

// ----- formatting ------------------------------------------------------------------------------

function members(list: readonly { memberId: string; groupInstanceId: string | null }[]): string {
  return `(${list.map((m) => (m.groupInstanceId === null ? m.memberId : `${m.memberId}/${m.groupInstanceId}`)).join(', ')})`;
}

function hexOrDash(bytes: Uint8Array): string {
  return bytes.length === 0 ? '-' : toHex(bytes);
}

/** One line per output, as the transcripts show them. */
export function formatOutput(o: ClassicCoordinatorOutput): string {
  switch (o.type) {
    case 'response':
      return `${o.api} ${String(o.requestId)}: ${formatResponse(o)}`;
    case 'record':
      return `record ${formatRecord(o.record)}`;
    case 'schedule-timer':
      return `timer ${o.key} at ${o.deadlineMs}`;
    case 'cancel-timer':
      return `cancel ${o.key}`;
    case 'event': {
      const e = o.event;
      switch (e.kind) {
        case 'state-changed':
          return `event ${e.from} -> ${e.to} (generation ${e.generationId})`;
        case 'member-added':
          return `event added ${e.memberId}`;
        case 'member-removed':
          return `event removed ${e.memberId} (${e.reason})`;
        case 'request-abandoned':
          return `event abandoned ${e.api} ${String(e.requestId)}`;
      }
    }
  }
  return JSON.stringify(o);
}

function formatResponse(o: Extract<ClassicCoordinatorOutput, { type: 'response' }>): string {
  switch (o.api) {
    case 'JoinGroup': {
      const r = o.response;
      const parts = [errorName(r.errorCode), `member=${r.memberId === '' ? '""' : r.memberId}`];
      if (r.generationId !== -1) parts.push(`gen=${r.generationId}`);
      if (r.leader !== '') parts.push(`leader=${r.leader}`);
      if (r.protocolName !== null) parts.push(`protocol=${r.protocolName}`);
      if (r.protocolType !== null) parts.push(`type=${r.protocolType}`);
      if (r.skipAssignment) parts.push('skip-assignment');
      if (r.members.length > 0) parts.push(`members=${members(r.members)}`);
      return parts.join(' ');
    }
    case 'SyncGroup': {
      const r = o.response;
      const parts = [errorName(r.errorCode)];
      if (r.errorCode === 0 || r.assignment.length > 0) parts.push(`assignment=${hexOrDash(r.assignment)}`);
      if (r.protocolName !== null) parts.push(`protocol=${r.protocolName}`);
      if (r.protocolType !== null) parts.push(`type=${r.protocolType}`);
      return parts.join(' ');
    }
    case 'Heartbeat':
      return errorName(o.response.errorCode);
    case 'LeaveGroup': {
      const r = o.response;
      const each = r.members.map((m) => `${m.memberId === '' ? '""' : m.memberId}${m.groupInstanceId === null ? '' : `/${m.groupInstanceId}`}=${errorName(m.errorCode)}`);
      return each.length === 0 ? errorName(r.errorCode) : `${errorName(r.errorCode)} members=(${each.join(', ')})`;
    }
    case 'OffsetCommit':
      return o.response.topics.flatMap((t) => t.partitions.map((p) => `${t.name}-${p.partitionIndex}=${errorName(p.errorCode)}`)).join(' ') || '(no partitions)';
    case 'OffsetFetch': {
      const r = o.response;
      const parts = r.topics.flatMap((t) =>
        t.partitions.map((p) => `${t.name}-${p.partitionIndex}=${p.committedOffset}${p.metadata === '' ? '' : `(${p.metadata})`}${p.errorCode === 0 ? '' : ` ${errorName(p.errorCode)}`}`),
      );
      return [errorName(r.errorCode), ...parts].join(' ');
    }
  }
}

function formatRecord(r: ClassicGroupRecord): string {
  if (r.type === 'OffsetCommit') {
    if (r.value === null) return `OffsetCommit ${r.topic}-${r.partition} tombstone`;
    return `OffsetCommit ${r.topic}-${r.partition} offset=${r.value.offset} epoch=${r.value.leaderEpoch}${r.value.metadata === '' ? '' : ` metadata=${r.value.metadata}`}`;
  }
  if (r.value === null) return 'GroupMetadata tombstone';
  const v = r.value;
  const ms = v.members.map((m) => `${m.groupInstanceId === null ? m.memberId : `${m.memberId}/${m.groupInstanceId}`}:${hexOrDash(m.assignment)}`);
  return `GroupMetadata type=${v.protocolType === '' ? '""' : v.protocolType} gen=${v.generation} protocol=${v.protocol ?? '-'} leader=${v.leader ?? '-'} members=(${ms.join(', ')})`;
}
