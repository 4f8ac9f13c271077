/**
 * Member ids in ascending order, memoized per member table. Sorting 10,000 ids costs more than
 * the rest of an incremental target assignment, so the sorted list of a new table is derived
 * from the previous table's list when one member is added or removed (a binary insertion). The
 * memo is keyed by the immutable table object, so it never changes what any function returns.
 */
import type { PMap } from '../../internal/pmap.js';
import { compareStrings } from '../../protocol/topic-partitions.js';

const SORTED = new WeakMap<PMap<unknown>, readonly string[]>();

/** The keys of `members`, ascending by UTF-16 code unit. */
export function sortedMemberIds(members: PMap<unknown>): readonly string[] {
  let ids = SORTED.get(members);
  if (ids === undefined) {
    ids = Object.freeze([...members.keys()].sort(compareStrings));
    SORTED.set(members, ids);
  }
  return ids;
}

function lowerBound(ids: readonly string[], id: string): number {
  let lo = 0;
  let hi = ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((ids[mid] as string) < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Records that `after` is `before` with `memberId` added, removed or updated (the caller knows
 * which), so that its sorted ids can be derived cheaply (a no-op when `before` has no memo).
 */
export function carrySortedMemberIds(before: PMap<unknown>, after: PMap<unknown>, memberId: string, change: 'added' | 'removed' | 'updated'): void {
  if (before === after) return;
  // Only carried when the previous table was sorted already: a replay of 10,000 records would
  // otherwise pay a copy per record; the first target assignment after a load sorts once.
  const ids = SORTED.get(before);
  if (ids === undefined) return;
  if (change === 'updated') {
    SORTED.set(after, ids);
    return;
  }
  const at = lowerBound(ids, memberId);
  const next = ids.slice();
  if (change === 'added') next.splice(at, 0, memberId);
  else next.splice(at, 1);
  SORTED.set(after, Object.freeze(next));
}
