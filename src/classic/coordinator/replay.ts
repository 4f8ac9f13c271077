/**
 * Rebuilding a group from its records (Kafka's `replay` for GroupMetadata and OffsetCommit
 * records) and re-arming its timers once loaded (Kafka's `onLoaded`).
 */
import { UsageError } from '../../errors.js';
import { resolveConfig } from './config.js';
import { StepContext } from './context.js';
import { membersInJoinOrder, newClassicGroup } from './group.js';
import { PMap } from '../../internal/pmap.js';
import { prepareRebalance, rescheduleHeartbeat } from './rebalance.js';
import type {
  ClassicCoordinatorState,
  ClassicGroup,
  ClassicGroupConfig,
  ClassicGroupMember,
  ClassicGroupRecord,
  ClassicStepResult,
  GroupMetadataValue,
} from './types.js';

/** The state of a coordinator whose group does not exist yet. */
export function initialState(config: ClassicGroupConfig): ClassicCoordinatorState {
  return { config: resolveConfig(config), group: null, offsets: PMap.empty(), memberIdSequence: 0 };
}

function loadedMember(value: GroupMetadataValue, m: GroupMetadataValue['members'][number], joinSeq: number): ClassicGroupMember {
  return {
    memberId: m.memberId,
    groupInstanceId: m.groupInstanceId,
    clientId: m.clientId,
    clientHost: m.clientHost,
    // Records from old brokers carry -1: the session timeout stands in, as in Kafka.
    rebalanceTimeoutMs: m.rebalanceTimeoutMs === -1 ? m.sessionTimeoutMs : m.rebalanceTimeoutMs,
    sessionTimeoutMs: m.sessionTimeoutMs,
    protocolType: value.protocolType,
    // Only the selected protocol survives in the log.
    protocols: [{ name: value.protocol ?? '', metadata: m.subscription }],
    assignment: m.assignment,
    awaitingJoin: null,
    awaitingSync: null,
    isNew: false,
    joinSeq,
  };
}

/** The group a GroupMetadata record describes: Stable with members, Empty without. */
function groupFromRecord(groupId: string, value: GroupMetadataValue): ClassicGroup {
  const base = newClassicGroup(groupId, value.currentStateTimestampMs);
  let members = PMap.empty<ClassicGroupMember>();
  let staticMembers = PMap.empty<string>();
  value.members.forEach((m, i) => {
    members = members.set(m.memberId, loadedMember(value, m, i));
    if (m.groupInstanceId !== null) staticMembers = staticMembers.set(m.groupInstanceId, m.memberId);
  });
  const supportedProtocols = new Map<string, number>();
  if (members.size > 0) supportedProtocols.set(value.protocol ?? '', members.size);
  return {
    ...base,
    state: members.size > 0 ? 'Stable' : 'Empty',
    generationId: value.generation,
    protocolType: value.protocolType === '' ? null : value.protocolType,
    protocolName: value.protocol,
    leaderId: value.leader,
    members,
    staticMembers,
    supportedProtocols,
    nextJoinSeq: value.members.length,
  };
}

/** Applies one record to a state (Kafka's `replay`); the record must belong to the state's group. */
export function replayRecord(state: ClassicCoordinatorState, record: ClassicGroupRecord): ClassicCoordinatorState {
  if (record.groupId !== state.config.groupId) {
    throw new UsageError(`record of group ${JSON.stringify(record.groupId)} replayed into group ${JSON.stringify(state.config.groupId)}`);
  }
  if (record.type === 'GroupMetadata') {
    return { ...state, group: record.value === null ? null : groupFromRecord(record.groupId, record.value) };
  }
  const ctx = new StepContext(state, 0);
  // Offsets of a group without GroupMetadata belong to a "simple" group: Empty, no protocol type.
  if (record.value !== null && ctx.groupOrNull === null) ctx.setGroup(newClassicGroup(record.groupId, record.value.commitTimestampMs));
  ctx.storeOffset(record.topic, record.partition, record.value);
  return ctx.finish().state;
}

/** Rebuilds the coordinator state of `config.groupId` from its records, oldest first. */
export function replay(config: ClassicGroupConfig, records: Iterable<ClassicGroupRecord>): ClassicCoordinatorState {
  let state = initialState(config);
  for (const record of records) state = replayRecord(state, record);
  return state;
}

/**
 * The step after a replay (Kafka's `onLoaded`): every member's session timer is armed, and a
 * group over `maxSize` (the setting may have shrunk) starts a rebalance.
 */
export function onLoaded(state: ClassicCoordinatorState, nowMs: number): ClassicStepResult {
  const ctx = new StepContext(state, nowMs);
  const g = ctx.groupOrNull;
  if (g !== null && g.state !== 'Dead') {
    for (const m of membersInJoinOrder(g)) rescheduleHeartbeat(ctx, m);
    if (g.members.size > ctx.config.maxSize) prepareRebalance(ctx);
  }
  return ctx.finish();
}
