/**
 * The derived state of a group (reference §2.4) in constant time: the number of STABLE members
 * at the target assignment epoch is kept as a count, so no member is visited.
 */
import { deriveGroupState, type ConsumerGroupStateName } from './states.js';
import type { ConsumerGroup } from './types.js';

/** The group's state, or null when the group does not exist (Kafka reports Dead). */
export function groupStateOf(g: ConsumerGroup | null): ConsumerGroupStateName | null {
  if (g === null) return null;
  const stable = g.stableMemberCounts.get(String(g.assignmentEpoch)) ?? 0;
  return deriveGroupState({
    memberCount: g.members.size,
    groupEpoch: g.groupEpoch,
    assignmentEpoch: g.assignmentEpoch,
    allReconciled: stable === g.members.size,
  });
}
