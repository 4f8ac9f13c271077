/**
 * Kafka's assignCoPartitionedWithRackMatching: topics with the same subscribers and the same
 * partition count are "co-partitioned", and range must keep partition i of all of them on one
 * consumer. Partition index by index, the first consumer in ring order that matches the racks of
 * partition i of every topic, and may still take a partition of every topic, gets all of them.
 * Indices nobody matches are left for the final range pass.
 *
 * Kafka scans every remaining consumer for every index. Here the consumers are bucketed by rack
 * (plus one bucket for those without a rack) in ring order, and each bucket keeps a pointer to
 * its first live consumer. A consumer dies when it cannot take more (its quota is reached, or the
 * extra partitions ran out), and that never reverses, so the winner for index i is the earliest
 * live head among the buckets of the racks all the topics' partition i share.
 */
import type { RangeTopicState } from './topic-state.js';

interface Bucket {
  readonly slots: number[];
  next: number;
}

/** Runs the co-partitioned rack-matching pass over `states` (>= 2 topics, same subscribers, same partition count). */
export function assignCoPartitioned(states: readonly RangeTopicState[]): void {
  const first = states[0];
  if (first === undefined || first.partitionRacks === null) return;
  const k = first.subscribers.length;
  const removed = new Uint8Array(k);
  let remaining = k;
  // The topics start alike (same subscribers, same counts) and this pass gives each of them the
  // same partition index at every step, so their quotas move in lockstep: the first topic's
  // quota stands for all of them. Only their racks differ.
  const canTake = (slot: number) => removed[slot] === 0 && first.maxAssignable(slot) > 0;
  const { noRack, byRack } = bucketsByRack(first.slotRacks);
  for (let p = 0; p < first.partitions && remaining > 0; p++) {
    let winner = liveHead(noRack, canTake);
    for (const rack of sharedRacks(states, p)) {
      const bucket = byRack.get(rack);
      const head = bucket === undefined ? -1 : liveHead(bucket, canTake);
      if (head >= 0 && (winner < 0 || head < winner)) winner = head;
    }
    if (winner < 0) continue;
    for (const s of states) s.assignOne(winner, p);
    if (first.maxAssignable(winner) === 0) {
      removed[winner] = 1;
      remaining--;
    }
  }
}

/** The racks holding a replica of partition `p` of every topic (rack sets are interned: equal sets are one object). */
function sharedRacks(states: readonly RangeTopicState[], p: number): Iterable<string> {
  const first = (states[0] as RangeTopicState).partitionRacks?.[p];
  if (first === undefined) return [];
  let shared: string[] | null = null;
  for (const s of states) {
    const racks = s.partitionRacks?.[p];
    if (racks === first) continue;
    shared = (shared ?? [...first]).filter((r) => racks?.has(r) ?? false);
  }
  return shared ?? first;
}

function bucketsByRack(slotRacks: readonly (string | null)[]): { noRack: Bucket; byRack: Map<string, Bucket> } {
  const noRack: Bucket = { slots: [], next: 0 };
  const byRack = new Map<string, Bucket>();
  slotRacks.forEach((rack, slot) => {
    if (rack === null) {
      noRack.slots.push(slot);
      return;
    }
    let bucket = byRack.get(rack);
    if (bucket === undefined) byRack.set(rack, (bucket = { slots: [], next: 0 }));
    bucket.slots.push(slot);
  });
  return { noRack, byRack };
}

/** The bucket's first consumer that can still take a partition, or -1; skips the dead for good. */
function liveHead(bucket: Bucket, canTake: (slot: number) => boolean): number {
  while (bucket.next < bucket.slots.length) {
    const slot = bucket.slots[bucket.next] as number;
    if (canTake(slot)) return slot;
    bucket.next++;
  }
  return -1;
}
