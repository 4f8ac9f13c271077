/**
 * CooperativeStickyAssignor's adjustAssignment: a partition that changes owner is left out for
 * one round. Its old owner revokes it and rejoins; in that follow-up rebalance it is unowned and
 * is assigned normally. So no member is ever given a partition another member still holds.
 */
import type { MemberClaims } from './member-data.js';

/** Removes `transferring` partitions from the assignment (the constrained builder's list). */
export function withhold(owner: Int32Array, transferring: Int32Array): void {
  for (const g of transferring) owner[g] = -1;
}

/**
 * The general path's transfers, computed as Kafka does from the members' owned partitions:
 * partitions now assigned to a member that did not own them, which some member owned and no
 * longer gets. A partition two members claimed stays with the claimant that gets it.
 */
export function withholdTransfers(owner: Int32Array, claims: MemberClaims): void {
  const revoked = new Uint8Array(owner.length);
  const keptByClaimant = new Uint8Array(owner.length);
  const { start, partitions } = claims;
  for (let m = 0; m + 1 < start.length; m++) {
    for (let i = start[m] as number; i < (start[m + 1] as number); i++) {
      const g = partitions[i] as number;
      if (owner[g] === m) keptByClaimant[g] = 1;
      else revoked[g] = 1;
    }
  }
  for (let g = 0; g < owner.length; g++) if (revoked[g] === 1 && keptByClaimant[g] === 0 && owner[g] !== -1) owner[g] = -1;
}
