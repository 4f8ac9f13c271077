/**
 * Turns the final owner array into kgroup's output: one {@link PackedTopicPartitions} per member,
 * written straight from a counting sort by owner (ascending global index is ascending (topic,
 * partition), the packed order), into two shared buffers; no per-partition objects, no strings.
 */
import { PackedTopicPartitions } from '../../../protocol/topic-partitions.js';
import type { Assignment } from '../../../protocol/types.js';
import type { StickyLayout } from './layout.js';

/** Every member's assignment, keyed by member id (members that get nothing map to the empty set). */
export function buildAssignments(layout: StickyLayout, owner: Int32Array): Map<string, Assignment> {
  const memberCount = layout.members.length;
  const start = new Int32Array(memberCount + 1);
  for (let g = 0; g < owner.length; g++) {
    const m = owner[g] as number;
    if (m >= 0) start[m + 1] = (start[m + 1] as number) + 1;
  }
  for (let m = 0; m < memberCount; m++) start[m + 1] = (start[m + 1] as number) + (start[m] as number);
  const next = start.slice(0, memberCount);
  // partitions[i] is a partition id and topicAt[i] its topic index; each member's slice comes out
  // ascending by global index, that is by (topic, partition).
  const partitions = new Int32Array(start[memberCount] as number);
  const topicAt = new Int32Array(partitions.length);
  const base = layout.base;
  for (let t = 0; t < layout.topics.length; t++) {
    const first = base[t] as number;
    const end = base[t + 1] as number;
    for (let g = first; g < end; g++) {
      const m = owner[g] as number;
      if (m < 0) continue;
      const i = next[m] as number;
      next[m] = i + 1;
      topicAt[i] = t;
      partitions[i] = g - first;
    }
  }
  const out = new Map<string, Assignment>();
  for (let m = 0; m < memberCount; m++) {
    const from = start[m] as number;
    const to = start[m + 1] as number;
    out.set(layout.members[m]?.memberId as string, { partitions: packMember(layout, topicAt, partitions, from, to) });
  }
  return out;
}

function packMember(layout: StickyLayout, topicAt: Int32Array, partitions: Int32Array, from: number, to: number): PackedTopicPartitions {
  if (from === to) return PackedTopicPartitions.EMPTY;
  let topicCount = 0;
  for (let i = from, last = -1; i < to; i++) {
    if (topicAt[i] !== last) {
      last = topicAt[i] as number;
      topicCount++;
    }
  }
  const starts = new Int32Array(topicCount + 1);
  // A member with a partition of every topic shares the layout's frozen topic list.
  const everyTopic = topicCount === layout.topics.length;
  const topics: string[] | readonly string[] = everyTopic ? layout.topics : new Array<string>(topicCount);
  let k = 0;
  for (let i = from, last = -1; i < to; i++) {
    const t = topicAt[i] as number;
    if (t === last) continue;
    if (k > 0) starts[k] = i - from;
    if (!everyTopic) (topics as string[])[k] = layout.topics[t] as string;
    last = t;
    k++;
  }
  starts[topicCount] = to - from;
  return PackedTopicPartitions.fromNormalized(topics, starts, partitions.subarray(from, to));
}
