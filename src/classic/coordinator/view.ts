/**
 * Read-only views of the state: what the records describe (the persisted view, which replay
 * must reproduce), and a readable description for transcripts and debugging.
 */
import { compareStrings } from '../../protocol/topic-partitions.js';
import { memberMetadata, membersInJoinOrder } from './group.js';
import type { ClassicCoordinatorState, ClassicGroupRecord, ClassicStepResult } from './types.js';
import type { ClassicGroupStateName } from './states.js';

/** One member as the GroupMetadata record has it (bytes as hex). */
export interface PersistedMemberView {
  readonly memberId: string;
  readonly groupInstanceId: string | null;
  readonly clientId: string;
  readonly clientHost: string;
  readonly rebalanceTimeoutMs: number;
  readonly sessionTimeoutMs: number;
  readonly subscription: string;
  readonly assignment: string;
}

/** The group as its records describe it. */
export interface PersistedView {
  readonly group: {
    readonly state: ClassicGroupStateName;
    readonly generationId: number;
    readonly protocolType: string | null;
    readonly protocolName: string | null;
    readonly leaderId: string | null;
    /** In join order. */
    readonly members: readonly PersistedMemberView[];
  } | null;
  /** Sorted by topic then partition. */
  readonly offsets: readonly { topic: string; partition: number; offset: number; leaderEpoch: number; metadata: string; commitTimestampMs: number; expireTimestampMs: number | null }[];
}

/** Lowercase hex of `bytes`. */
export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

/**
 * The persisted view: the fields a GroupMetadata record carries, and the committed offsets.
 * It matches the live group whenever the group is at rest (Empty or Stable); during a
 * rebalance the log still describes the last completed generation, as in Kafka.
 */
export function persistedView(state: ClassicCoordinatorState): PersistedView {
  const g = state.group;
  const offsets: PersistedView['offsets'][number][] = [];
  for (const topic of [...state.offsets.keys()].sort(compareStrings)) {
    const parts = state.offsets.get(topic) as ReadonlyMap<number, { offset: number; leaderEpoch: number; metadata: string; commitTimestampMs: number; expireTimestampMs: number | null }>;
    for (const partition of [...parts.keys()].sort((a, b) => a - b)) offsets.push({ topic, partition, ...(parts.get(partition) as NonNullable<ReturnType<typeof parts.get>>) });
  }
  if (g === null) return { group: null, offsets };
  const members = membersInJoinOrder(g).map((m) => ({
    memberId: m.memberId,
    groupInstanceId: m.groupInstanceId,
    clientId: m.clientId,
    clientHost: m.clientHost,
    rebalanceTimeoutMs: m.rebalanceTimeoutMs,
    sessionTimeoutMs: m.sessionTimeoutMs,
    subscription: toHex(memberMetadata(m, g.protocolName)),
    assignment: toHex(m.assignment),
  }));
  return {
    group: { state: g.state, generationId: g.generationId, protocolType: g.protocolType, protocolName: g.protocolName, leaderId: g.leaderId, members },
    offsets,
  };
}

/** True when the group is in a state its records fully describe (absent, Empty or Stable). */
export function isAtRest(state: ClassicCoordinatorState): boolean {
  const s = state.group?.state;
  return s === undefined || s === 'Empty' || s === 'Stable';
}

function flags(m: { awaitingJoin: unknown; awaitingSync: unknown; isNew: boolean }): string {
  const f: string[] = [];
  if (m.awaitingJoin !== null) f.push('awaiting-join');
  if (m.awaitingSync !== null) f.push('awaiting-sync');
  if (m.isNew) f.push('new');
  return f.length === 0 ? '' : ` [${f.join(' ')}]`;
}

/** A readable, deterministic description of the group (for transcripts and logs). */
export function describeGroup(state: ClassicCoordinatorState): string {
  const g = state.group;
  if (g === null) return 'group: none';
  const lines = [
    `state=${g.state} previous=${g.previousState} generation=${g.generationId} protocolType=${g.protocolType ?? '-'} protocol=${g.protocolName ?? '-'} leader=${g.leaderId ?? '-'}`,
  ];
  for (const m of membersInJoinOrder(g)) {
    const protocols = m.protocols.map((p) => p.name).join(',');
    lines.push(
      `  ${m.memberId}${m.groupInstanceId === null ? '' : ` instance=${m.groupInstanceId}`} protocols=(${protocols}) session=${m.sessionTimeoutMs} rebalance=${m.rebalanceTimeoutMs} assignment=${toHex(m.assignment) || '-'}${flags(m)}`,
    );
  }
  const pendingJoin = [...g.pendingJoinMembers.keys()].sort(compareStrings);
  const pendingSync = [...g.pendingSyncMembers.keys()].sort(compareStrings);
  if (pendingJoin.length > 0) lines.push(`pending-join: ${pendingJoin.join(' ')}`);
  if (pendingSync.length > 0) lines.push(`pending-sync: ${pendingSync.join(' ')}`);
  return lines.join('\n');
}

/** The records a step emitted. */
export function recordsOf(result: ClassicStepResult): ClassicGroupRecord[] {
  return result.outputs.flatMap((o) => (o.type === 'record' ? [o.record] : []));
}
