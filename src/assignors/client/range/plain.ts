/**
 * Classic range (no racks involved): for each topic, its C subscribers in ring order and its P
 * partitions in order; the first P mod C subscribers get ⌈P/C⌉ contiguous partitions and the
 * rest ⌊P/C⌋. Topics are independent, which is why co-partitioning holds by construction.
 * This is exactly what Kafka's final range pass gives when no rack-aware pass ran before it, so
 * it is computed arithmetically instead of simulated: O(members + subscriptions + partitions).
 */
import type { PackedTopicPartitions } from '../../../protocol/topic-partitions.js';
import type { GroupLayout } from '../member-order.js';
import { AssignmentWriter } from '../assignment-writer.js';

/** Every member's range assignment, by member index. */
export function plainRanges(layout: GroupLayout): PackedTopicPartitions[] {
  const writer = new AssignmentWriter(layout.topics, layout.prepared.members.length);
  forEachRange(layout, (m, t, _start, count) => writer.reserve(m, t, count));
  writer.allocate();
  forEachRange(layout, (m, t, start, count) => writer.appendRange(m, t, start, count));
  return writer.build();
}

function forEachRange(layout: GroupLayout, visit: (member: number, topic: number, start: number, count: number) => void): void {
  for (let t = 0; t < layout.topics.length; t++) {
    const subs = layout.subscribers[t] as readonly number[];
    const k = subs.length;
    if (k === 0) continue;
    const partitions = layout.partitionCounts[t] as number;
    const per = Math.floor(partitions / k);
    const extra = partitions % k;
    let start = 0;
    for (let i = 0; i < k; i++) {
      const count = per + (i < extra ? 1 : 0);
      if (count === 0) break; // everyone after gets ⌊P/C⌋ = 0 too
      visit(subs[i] as number, t, start, count);
      start += count;
    }
  }
}
