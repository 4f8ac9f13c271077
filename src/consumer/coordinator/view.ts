/**
 * Read-only views of the state: what the records describe (the persisted view, which a replay
 * must reproduce exactly, derived indexes included), the derived group state, and a readable
 * description for transcripts and logs.
 */
import { PackedTopicPartitions, compareStrings } from '../../protocol/topic-partitions.js';
import { sortedMemberIds } from './member-order.js';
import { groupStateOf } from './view-state.js';
import type { ConsumerGroup, ConsumerGroupCoordinatorState, ConsumerGroupMember, ConsumerGroupRecord, ConsumerGroupStepResult } from './types.js';

function sortedEntries<V>(map: { entries(): Iterable<[string, V]> }): [string, V][] {
  return [...map.entries()].sort((a, b) => compareStrings(a[0], b[0]));
}

function plain(tp: PackedTopicPartitions): Record<string, number[]> {
  return tp.toJSON();
}

/** A JSON-ready, canonical (sorted) view of everything the records determine; null when the group does not exist. */
export function consumerGroupPersistedView(state: ConsumerGroupCoordinatorState): unknown {
  const g = state.group;
  if (g === null) return null;
  return {
    groupEpoch: g.groupEpoch,
    assignmentEpoch: g.assignmentEpoch,
    metadataHash: g.metadataHash,
    hasPartitionMetadataRecord: g.hasPartitionMetadataRecord,
    members: sortedMemberIds(g.members).map((id) => memberView(g.members.get(id) as ConsumerGroupMember)),
    targetAssignment: sortedEntries(g.targetAssignment).map(([id, tp]) => [id, plain(tp)]),
    staticMembers: sortedEntries(g.staticMembers),
    partitionOwners: sortedEntries(g.partitionOwners),
    subscribedTopicNames: sortedEntries(g.subscribedTopicNames),
    subscribedRegularExpressions: sortedEntries(g.subscribedRegularExpressions),
    resolvedRegularExpressions: sortedEntries(g.resolvedRegularExpressions),
    serverAssignors: sortedEntries(g.serverAssignors),
    stableMemberCounts: sortedEntries(g.stableMemberCounts),
  };
}

function memberView(m: ConsumerGroupMember): unknown {
  return { ...m, assignedPartitions: plain(m.assignedPartitions), partitionsPendingRevocation: plain(m.partitionsPendingRevocation) };
}

/** "foo-id:0,1 bar-id:2" style, topics ascending; "-" when empty. */
export function formatTopicPartitions(tp: PackedTopicPartitions, name: (topicId: string) => string = (t) => t): string {
  if (tp.size === 0) return '-';
  const parts: string[] = [];
  for (let i = 0; i < tp.size; i++) parts.push(`${name(tp.topicAt(i))}:${tp.partitionsAt(i).join(',')}`);
  return parts.join(' ');
}

const STATE_ABBREV: Record<ConsumerGroupMember['state'], string> = {
  STABLE: 'STABLE',
  UNREVOKED_PARTITIONS: 'UNREVOKED',
  UNRELEASED_PARTITIONS: 'UNRELEASED',
  UNKNOWN: 'UNKNOWN',
};

/** A readable, deterministic description of the group (topics by name when the metadata knows them). */
export function describeConsumerGroup(state: ConsumerGroupCoordinatorState): string {
  const g: ConsumerGroup | null = state.group;
  if (g === null) return 'group: none';
  const name = (id: string) => state.metadata.byId.get(id)?.name ?? id;
  const lines = [`state=${groupStateOf(g)} epoch=${g.groupEpoch} assignment-epoch=${g.assignmentEpoch}`];
  for (const id of sortedMemberIds(g.members)) {
    const m = g.members.get(id) as ConsumerGroupMember;
    const parts = [`  ${id}`];
    if (m.instanceId !== null) parts.push(`instance=${m.instanceId}`);
    parts.push(STATE_ABBREV[m.state], `epoch=${m.memberEpoch}`, `prev=${m.previousMemberEpoch}`);
    if (m.subscribedTopicNames.length > 0) parts.push(`topics=(${m.subscribedTopicNames.join(',')})`);
    if (m.subscribedTopicRegex !== '') parts.push(`regex=${m.subscribedTopicRegex}`);
    parts.push(`owns=${formatTopicPartitions(m.assignedPartitions, name)}`);
    if (m.partitionsPendingRevocation.size > 0) parts.push(`revoking=${formatTopicPartitions(m.partitionsPendingRevocation, name)}`);
    parts.push(`target=${formatTopicPartitions(g.targetAssignment.get(id) ?? PackedTopicPartitions.EMPTY, name)}`);
    lines.push(parts.join(' '));
  }
  for (const [regex, r] of sortedEntries(g.resolvedRegularExpressions)) lines.push(`  regex ${regex} -> (${r.topics.join(',')})`);
  return lines.join('\n');
}

/** The records a step emitted. */
export function recordsOf(result: ConsumerGroupStepResult): ConsumerGroupRecord[] {
  return result.outputs.flatMap((o) => (o.type === 'record' ? [o.record] : []));
}

/** A JSON-ready, sorted view of the committed offsets: [topic, [[partition, offset], ...]] pairs. */
export function consumerGroupOffsetsView(state: ConsumerGroupCoordinatorState): unknown {
  const out: [string, [number, unknown][]][] = [];
  state.offsets?.forEach((byPartition, topic) => out.push([topic, [...byPartition].sort((a, b) => a[0] - b[0])]));
  return out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}
