/**
 * The general path's first balancing step (Kafka's maybeAssign): every unassigned partition, in
 * order, goes to the least loaded member (ties by member id) that subscribes to its topic; in
 * rack-aware mode a first pass only considers members on one of the partition's replica racks
 * (or with no rack at all).
 *
 * Kafka walks its load-ordered TreeSet for each partition, which is O(members) when few members
 * subscribe to the topic. The partitions come topic by topic, so here each topic gets a heap of
 * its own subscribers (one heap per rack in the rack pass), built from the current counts: the
 * heap's top is exactly the member Kafka finds first.
 */
import type { StickyLayout } from '../layout.js';
import type { RackInfo } from '../racks.js';
import { heapify, lighter, siftDown } from './load-heap.js';
import type { Subscriptions } from './subscriptions.js';

/** Assigns every partition of `unassigned` (in the order given, grouped by topic), updating `owner` and `count`. */
export function fillUnassigned(
  layout: StickyLayout,
  subs: Subscriptions,
  racks: RackInfo,
  unassigned: Int32Array,
  owner: Int32Array,
  count: Int32Array,
): void {
  const heap = new Int32Array(layout.members.length);
  const remaining = racks.rackAware ? rackPass(layout, subs, racks, unassigned, owner, count, heap) : unassigned;
  plainPass(layout, subs, remaining, owner, count, heap);
}

/** The end of the run of partitions of one topic starting at `from`. */
function runEnd(layout: StickyLayout, partitions: Int32Array, from: number): number {
  const t = layout.topicOf[partitions[from] as number];
  let to = from + 1;
  while (to < partitions.length && layout.topicOf[partitions[to] as number] === t) to++;
  return to;
}

/**
 * Without racks, the members a topic's partitions go to follow a simple pattern: with the
 * subscribers sorted by (count, member id), the lightest level gets one partition each in member
 * id order, then the next level (the same members, now one heavier, merged in id order with those
 * that were at that level already), and so on. That is what popping a heap would give, in
 * O(subscribers + partitions) instead of O(partitions x log subscribers).
 */
function plainPass(layout: StickyLayout, subs: Subscriptions, partitions: Int32Array, owner: Int32Array, count: Int32Array, buffer: Int32Array): void {
  const members = layout.members.length;
  const byLoad = buffer;
  let active = new Int32Array(members);
  let merged = new Int32Array(members);
  const buckets = { array: new Int32Array(16) };
  for (let from = 0; from < partitions.length; ) {
    const to = runEnd(layout, partitions, from);
    const t = layout.topicOf[partitions[from] as number] as number;
    const s = subs.subscriberStart[t] as number;
    const k = (subs.subscriberStart[t + 1] as number) - s;
    if (k > 0) {
      sortByLoad(subs.subscribers.subarray(s, s + k), count, byLoad, buckets);
      let next = from;
      let taken = 0;
      let size = 0;
      let level = count[byLoad[0] as number] as number;
      while (next < to) {
        // Members whose count is `level` join the active ones, keeping member id order.
        let end = taken;
        while (end < k && count[byLoad[end] as number] === level) end++;
        if (end > taken) {
          size = mergeById(active, size, byLoad, taken, end, merged);
          [active, merged] = [merged, active];
          taken = end;
        }
        const take = Math.min(size, to - next);
        level++;
        for (let i = 0; i < take; i++) {
          const m = active[i] as number;
          owner[partitions[next + i] as number] = m;
          count[m] = level;
        }
        next += take;
      }
    }
    from = to;
  }
}

/** `members` (ascending) sorted by count, stably, into `out`: a counting sort when counts are close, else a comparison sort. */
function sortByLoad(members: Int32Array, count: Int32Array, out: Int32Array, buckets: { array: Int32Array }): void {
  const k = members.length;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < k; i++) {
    const c = count[members[i] as number] as number;
    if (c < min) min = c;
    if (c > max) max = c;
  }
  if (min === max) {
    out.set(members);
    return;
  }
  if (max - min > 4 * k + 16) {
    out.set(members);
    out.subarray(0, k).sort((a, b) => (count[a] as number) - (count[b] as number) || a - b);
    return;
  }
  const range = max - min + 2;
  if (buckets.array.length < range) buckets.array = new Int32Array(range);
  const start = buckets.array;
  start.fill(0, 0, range);
  for (let i = 0; i < k; i++) {
    const slot = (count[members[i] as number] as number) - min + 1;
    start[slot] = (start[slot] as number) + 1;
  }
  for (let i = 1; i < range; i++) start[i] = (start[i] as number) + (start[i - 1] as number);
  for (let i = 0; i < k; i++) {
    const m = members[i] as number;
    const slot = (count[m] as number) - min;
    const at = start[slot] as number;
    out[at] = m;
    start[slot] = at + 1;
  }
}

/** Merges `a[0 .. size)` and `b[from .. to)`, both ascending, into `out`; returns the merged size. */
function mergeById(a: Int32Array, size: number, b: Int32Array, from: number, to: number, out: Int32Array): number {
  let i = 0;
  let j = from;
  let n = 0;
  while (i < size && j < to) out[n++] = (a[i] as number) < (b[j] as number) ? (a[i++] as number) : (b[j++] as number);
  while (i < size) out[n++] = a[i++] as number;
  while (j < to) out[n++] = b[j++] as number;
  return n;
}

/** The rack-matching pass; returns the partitions it could not place, in order. */
function rackPass(
  layout: StickyLayout,
  subs: Subscriptions,
  racks: RackInfo,
  partitions: Int32Array,
  owner: Int32Array,
  count: Int32Array,
  heap: Int32Array,
): Int32Array {
  const left: number[] = [];
  // Heap segment of each rack: bucket 0 holds members without a rack, bucket r + 1 rack r.
  const bucketStart = new Int32Array(racks.rackCount + 2);
  const bucketEnd = new Int32Array(racks.rackCount + 1);
  for (let from = 0; from < partitions.length; ) {
    const to = runEnd(layout, partitions, from);
    const t = layout.topicOf[partitions[from] as number] as number;
    buildRackHeaps(subs, racks, t, heap, bucketStart, bucketEnd, count);
    for (let i = from; i < to; i++) {
      const g = partitions[i] as number;
      const bucket = lightestMatching(racks, racks.partitionRackSet[g] as number, heap, bucketStart, bucketEnd, count);
      if (bucket < 0) {
        left.push(g);
        continue;
      }
      const m = heap[bucketStart[bucket] as number] as number;
      owner[g] = m;
      count[m] = (count[m] as number) + 1;
      siftDown(heap, bucketStart[bucket] as number, bucketEnd[bucket] as number, 0, count);
    }
    from = to;
  }
  return Int32Array.from(left);
}

function buildRackHeaps(
  subs: Subscriptions,
  racks: RackInfo,
  t: number,
  heap: Int32Array,
  bucketStart: Int32Array,
  bucketEnd: Int32Array,
  count: Int32Array,
): void {
  const s = subs.subscriberStart[t] as number;
  const e = subs.subscriberStart[t + 1] as number;
  bucketStart.fill(0);
  for (let i = s; i < e; i++) {
    const b = (racks.memberRack[subs.subscribers[i] as number] as number) + 2;
    bucketStart[b] = (bucketStart[b] as number) + 1;
  }
  for (let b = 0; b + 1 < bucketStart.length; b++) bucketStart[b + 1] = (bucketStart[b + 1] as number) + (bucketStart[b] as number);
  bucketEnd.set(bucketStart.subarray(0, bucketEnd.length));
  for (let i = s; i < e; i++) {
    const m = subs.subscribers[i] as number;
    const b = (racks.memberRack[m] as number) + 1;
    const at = bucketEnd[b] as number;
    heap[at] = m;
    bucketEnd[b] = at + 1;
  }
  for (let b = 0; b < bucketEnd.length; b++) heapify(heap, bucketStart[b] as number, bucketEnd[b] as number, count);
}

/** The bucket whose top member is lightest among members without a rack and members on a rack of `set`; -1 if none. */
function lightestMatching(
  racks: RackInfo,
  set: number,
  heap: Int32Array,
  bucketStart: Int32Array,
  bucketEnd: Int32Array,
  count: Int32Array,
): number {
  let best = (bucketEnd[0] as number) > (bucketStart[0] as number) ? 0 : -1;
  for (let i = racks.setStart[set] as number; i < (racks.setStart[set + 1] as number); i++) {
    const b = (racks.setRacks[i] as number) + 1;
    if ((bucketEnd[b] as number) === (bucketStart[b] as number)) continue;
    if (best < 0 || lighter(count, heap[bucketStart[b] as number] as number, heap[bucketStart[best] as number] as number)) best = b;
  }
  return best;
}
