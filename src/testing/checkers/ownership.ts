/**
 * Safety: no partition is owned by two live members at once. "Live" means the process runs and
 * the coordinator still counts it as a member: a zombie (a member the group expired while it
 * was stalled or cut off) may still believe it owns partitions, which Kafka does not prevent
 * (commits from it are fenced instead), so it is not an overlap. In the classic protocol the
 * promise holds within a generation only: a member that missed a rebalance (a lost heartbeat,
 * a static member the group kept) holds the old generation's partitions until it learns.
 */
import type { TopicPartitions } from '../../protocol/topic-partitions.js';
import type { OwnershipIndex } from '../ownership.js';

/** One member as the standalone checker sees it. */
export interface OwnershipClaim {
  readonly name: string;
  readonly owned: TopicPartitions;
  /** Running and a member of the group according to the coordinator. */
  readonly live: boolean;
}

/** Every partition claimed by two live members, as `topic-partition owned by a and b` lines, sorted. */
export function findOwnershipOverlaps(claims: readonly OwnershipClaim[]): string[] {
  const seen = new Map<string, string>();
  const out: string[] = [];
  for (const c of [...claims].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (!c.live) continue;
    for (const [topic, partitions] of c.owned) {
      for (const p of partitions) {
        const key = `${topic}-${p}`;
        const other = seen.get(key);
        if (other !== undefined) out.push(`${key} owned by ${other} and ${c.name}`);
        else seen.set(key, c.name);
      }
    }
  }
  return out.sort();
}

/** The same check over a live {@link OwnershipIndex}: only partitions with two owners are looked at. */
export function indexOverlaps(index: OwnershipIndex, isLive: (member: string) => boolean): string[] {
  const out: string[] = [];
  for (const p of [...index.contended].sort((a, b) => a - b)) {
    const live = (index.owners[p] as string[]).filter(isLive).sort();
    if (live.length < 2) continue;
    const { topic, partition } = index.layout.partitionAt(p);
    out.push(`${topic}-${partition} owned by ${live.join(' and ')}`);
  }
  return out;
}
