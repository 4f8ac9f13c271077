/**
 * What the member watches in the cluster metadata: the topics it needs (its subscription, plus
 * every member's topics when it is the leader) and Kafka's MetadataSnapshot of them, whose
 * change after an assignment makes the leader rejoin (new partitions, a topic appearing or
 * disappearing, and with a rack configured, replica racks moving).
 */
import { compareStrings } from '../../protocol/topic-partitions.js';
import type { TopicMetadata } from '../../protocol/types.js';
import type { ClassicMemberState } from './types.js';

/** Kafka's SubscriptionState.metadataTopics: the subscription, and the group's when leader. Sorted. */
export function metadataTopics(s: Pick<ClassicMemberState, 'subscription' | 'groupSubscription'>): readonly string[] {
  if (s.groupSubscription.length === 0) return s.subscription;
  return mergeSorted(s.groupSubscription, s.subscription);
}

/** The sorted union of two sorted, duplicate-free lists. */
export function mergeSorted(a: readonly string[], b: readonly string[]): readonly string[] {
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i];
    const y = b[j];
    if (y === undefined || (x !== undefined && x < y)) out.push(a[i++] as string);
    else if (x === undefined || y < x) out.push(b[j++] as string);
    else {
      out.push(x);
      i++;
      j++;
    }
  }
  return out;
}

function racksOf(meta: TopicMetadata): string {
  const racks = meta.partitionRacks ?? [];
  return JSON.stringify(Array.from({ length: meta.partitions }, (_, p) => [...new Set(racks[p] ?? [])].sort(compareStrings)));
}

/**
 * The snapshot as a canonical string: for each watched topic that exists, its partition count
 * and, when the member has a rack (as Kafka compares them only then), the racks of each partition.
 */
export function metadataSnapshot(s: Pick<ClassicMemberState, 'subscription' | 'groupSubscription' | 'metadata' | 'config'>): string {
  const entries: unknown[] = [];
  for (const topic of metadataTopics(s)) {
    const meta = s.metadata.get(topic);
    if (meta === undefined) continue;
    entries.push(s.config.rackId === null ? [topic, meta.partitions] : [topic, meta.partitions, racksOf(meta)]);
  }
  return JSON.stringify(entries);
}

/** Sorted, distinct copy of a topic list. */
export function sortedTopics(topics: readonly string[]): readonly string[] {
  return Object.freeze([...new Set(topics)].sort(compareStrings));
}

/** True when two sorted lists are equal. */
export function sameTopics(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((t, i) => t === b[i]);
}
