/**
 * Kafka's rack-aware range (KIP-881), run when at least one topic needs it:
 *
 * 1. Topics are grouped by subscriber set, then by partition count (0 for topics whose
 *    subscribers have no racks). A sub-group of two or more topics is co-partitioned and gets the
 *    co-partitioned rack-matching pass; a lone topic gets a rack-filtered range pass if it needs
 *    rack awareness itself.
 * 2. Every topic then gets the plain range pass over what is left.
 *
 * Groups touch disjoint topics, so the order in which they run does not matter.
 */
import type { PackedTopicPartitions } from '../../../protocol/topic-partitions.js';
import type { GroupLayout } from '../member-order.js';
import { AssignmentWriter } from '../assignment-writer.js';
import { assignCoPartitioned } from './co-partitioned.js';
import type { TopicRacks } from './racks.js';
import { RangeTopicState } from './topic-state.js';

/** Every member's rack-aware range assignment, by member index. */
export function rackAwareRanges(layout: GroupLayout, racks: readonly TopicRacks[]): PackedTopicPartitions[] {
  const states = layout.topics.map((_, t) => {
    const r = racks[t] as TopicRacks;
    const subs = layout.subscribers[t] as readonly number[];
    return new RangeTopicState(t, layout.partitionCounts[t] as number, subs, r.slotRacks, r.partitionRacks, r.needsRackAware);
  });
  for (const group of coPartitionGroups(states)) {
    const lone = group[0] as RangeTopicState;
    if (group.length > 1) assignCoPartitioned(group);
    else if (lone.needsRackAware) lone.assignRanges(true);
  }
  for (const state of states) state.assignRanges(false);
  return writeOwners(layout, states);
}

/** Kafka's grouping: same subscribers (and so the same racks), then the same size of the partition-racks map. */
function coPartitionGroups(states: readonly RangeTopicState[]): RangeTopicState[][] {
  const groups = new Map<string, RangeTopicState[]>();
  const subscriberKeys = new Map<readonly number[], string>(); // topics often share one subscriber array
  for (const state of states) {
    let subscribers = subscriberKeys.get(state.subscribers);
    if (subscribers === undefined) subscriberKeys.set(state.subscribers, (subscribers = state.subscribers.join(',')));
    const racksSize = state.partitionRacks === null ? 0 : state.partitions;
    const key = `${racksSize}|${subscribers}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [state]);
    else group.push(state);
  }
  return [...groups.values()];
}

/** Writes out the owner tables; runs of consecutive partitions with one owner go in one append. */
function writeOwners(layout: GroupLayout, states: readonly RangeTopicState[]): PackedTopicPartitions[] {
  const writer = new AssignmentWriter(layout.topics, layout.prepared.members.length);
  forEachRun(states, (m, t, _start, count) => writer.reserve(m, t, count));
  writer.allocate();
  forEachRun(states, (m, t, start, count) => writer.appendRange(m, t, start, count));
  return writer.build();
}

function forEachRun(states: readonly RangeTopicState[], visit: (member: number, topic: number, start: number, count: number) => void): void {
  for (const state of states) {
    const owner = state.owner;
    let p = 0;
    while (p < owner.length) {
      const m = owner[p] as number;
      let end = p + 1;
      while (end < owner.length && owner[end] === m) end++;
      // Kafka's passes always place every partition; an unplaced one (-1) would simply stay unassigned.
      if (m >= 0) visit(m, state.topic, p, end - p);
      p = end;
    }
  }
}
