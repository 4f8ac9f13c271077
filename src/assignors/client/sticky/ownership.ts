/**
 * Who owns what before the assignment: Kafka's ownership derivation (the loop in
 * `allSubscriptionsEqual`). Members are visited in Java HashMap order; the first claim of a
 * partition wins it; a later claim at a higher generation takes it over; a later claim at the
 * same generation takes it from everyone (the partition is then "claimed by multiple previous
 * owners" and nobody owns it).
 *
 * As in Kafka, a rival claim is judged against the earlier claimant's raw
 * `Subscription.generationId`, not against the generation in its user data (for `sticky`
 * members on an old subscription version that field is absent, -1). A member that lists a
 * partition twice owns it once (Kafka would see its own second claim as a rival one).
 */
import type { StickyLayout } from './layout.js';
import type { MemberClaims } from './member-data.js';

/** The derived previous ownership. */
export interface Ownership {
  /** Owner of each partition (member index), -1 when none. */
  readonly owner: Int32Array;
  /** 1 for a partition claimed twice at one generation (Kafka's partitionsWithMultiplePreviousOwners); null when none was. */
  readonly multiplyClaimed: Uint8Array | null;
  /** The highest memberData generation, -1 when none. Unlike Kafka's, it is not carried from one call to the next. */
  readonly maxGeneration: number;
}

/** Derives the previous ownership from every member's claims. */
export function deriveOwnership(layout: StickyLayout, claims: MemberClaims): Ownership {
  const owner = new Int32Array(layout.totalPartitions).fill(-1);
  // Kafka's allPreviousPartitionsToOwner: the last member to claim it, owner or not.
  const claimant = new Int32Array(layout.totalPartitions).fill(-1);
  let multiplyClaimed: Uint8Array | null = null;
  let maxGeneration = -1;
  const { start, partitions, generation, subscriptionGeneration } = claims;
  for (const m of layout.javaOrder) {
    const memberGeneration = generation[m] as number;
    if (memberGeneration > maxGeneration) maxGeneration = memberGeneration;
    for (let i = start[m] as number; i < (start[m + 1] as number); i++) {
      const g = partitions[i] as number;
      const other = claimant[g] as number;
      if (other === m) continue;
      if (other === -1) {
        owner[g] = m;
        claimant[g] = m;
        continue;
      }
      const otherGeneration = subscriptionGeneration[other] as number;
      if (memberGeneration === otherGeneration) {
        (multiplyClaimed ??= new Uint8Array(layout.totalPartitions))[g] = 1;
        owner[g] = -1;
        claimant[g] = m;
      } else if (memberGeneration > otherGeneration) {
        owner[g] = m;
        claimant[g] = m;
      }
    }
  }
  return { owner, multiplyClaimed, maxGeneration };
}
