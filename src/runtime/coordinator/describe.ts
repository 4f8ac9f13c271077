/**
 * Read-only views across groups: ListGroups and DescribeGroups (classic) or
 * ConsumerGroupDescribe (KIP-848), answered from the machines' states.
 */
import type { ClassicCoordinatorState } from '../../classic/index.js';
import { consumerGroupStateOf } from '../../consumer/index.js';
import type { DescribedClassicGroup, GroupSlot, ListedGroup } from './types.js';

/** The ListGroups entry of a slot that holds a group, null otherwise. */
export function listedGroup(groupId: string, slot: GroupSlot): ListedGroup | null {
  if (slot.type === 'classic') {
    const g = slot.state.group;
    // A group that only has offsets is a "simple" group: Kafka lists it as Empty.
    if (g === null) return slot.state.offsets.size > 0 ? { groupId, groupType: 'classic', protocolType: '', groupState: 'Empty' } : null;
    return { groupId, groupType: 'classic', protocolType: g.protocolType ?? '', groupState: g.state };
  }
  const groupState = consumerGroupStateOf(slot.state.group);
  return groupState === null ? null : { groupId, groupType: 'consumer', protocolType: 'consumer', groupState };
}

/** A classic group as DescribeGroups reports it (members in join order). */
export function describeClassic(groupId: string, state: ClassicCoordinatorState): DescribedClassicGroup {
  const g = state.group;
  if (g === null) return { groupType: 'classic', groupId, groupState: 'Empty', generationId: 0, protocolType: '', protocolData: '', leaderId: null, members: [] };
  const members = [...g.members.values()]
    .sort((a, b) => a.joinSeq - b.joinSeq)
    .map((m) => ({
      memberId: m.memberId,
      groupInstanceId: m.groupInstanceId,
      clientId: m.clientId,
      clientHost: m.clientHost,
      memberMetadata: m.protocols.find((p) => p.name === g.protocolName)?.metadata ?? new Uint8Array(0),
      memberAssignment: m.assignment,
    }));
  return {
    groupType: 'classic',
    groupId,
    groupState: g.state,
    generationId: g.generationId,
    protocolType: g.protocolType ?? '',
    protocolData: g.protocolName ?? '',
    leaderId: g.leaderId,
    members,
  };
}
