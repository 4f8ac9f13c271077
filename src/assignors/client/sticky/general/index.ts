/**
 * Kafka's GeneralAssignmentBuilder: the path taken when members subscribe to different topics.
 *
 * 1. Members keep what they owned, unless they no longer subscribe to its topic or (rack-aware
 *    mode) it has no replica on their rack; either of those means something must be revoked.
 * 2. Partitions are ordered by topic (fewest potential consumers first, then name), then id.
 *    Unassigned ones go to the least loaded subscribed member (rack-matching members first).
 * 3. Topics with fewer than two potential consumers and members that can neither give nor take
 *    a partition are set aside.
 * 4. Reassignment passes move partitions towards balance, first only the newly assigned ones
 *    (unless something had to be revoked), then all; the result is kept only if it is better
 *    balanced, unless the group is being initialized.
 */
import type { BuildResult } from '../constrained.js';
import type { StickyLayout } from '../layout.js';
import type { MemberClaims } from '../member-data.js';
import type { Ownership } from '../ownership.js';
import { racksMismatch, type RackInfo } from '../racks.js';
import { BalanceState } from './balance.js';
import { fillUnassigned } from './fill.js';
import { PartitionMovements } from './movements.js';
import { CLASS_SCAN_LIMIT, balanceScore, performReassignments, previousOwners, type ReassignContext } from './reassign.js';
import { generalSubscriptions, type Subscriptions } from './subscriptions.js';

/** Runs the general builder. `classScanLimit` is a tuning knob, exposed so that tests can force either strategy. */
export function generalAssign(layout: StickyLayout, claims: MemberClaims, ownership: Ownership, racks: RackInfo, classScanLimit = CLASS_SCAN_LIMIT): BuildResult {
  const subs = generalSubscriptions(layout);
  const owner = ownership.owner.slice();
  const count = new Int32Array(layout.members.length);
  const revocationRequired = keepOwnedPartitions(layout, subs, racks, owner, count);
  const initializing = count.every((c) => c === 0);
  const topicOrder = sortedTopics(layout, subs);
  const unassigned = unassignedPartitions(layout, topicOrder, owner);
  fillUnassigned(layout, subs, racks, unassigned, owner, count);
  const reassignable = Uint8Array.from(subs.potentialCount, (n) => (n >= 2 ? 1 : 0));
  const fixed = fixedMembers(layout, subs, owner, count, reassignable);
  if (!roughlyBalanced(count, fixed)) {
    const state = new BalanceState(layout, subs, owner, count, fixed, reassignable);
    const ctx: ReassignContext = {
      layout,
      subs,
      owner,
      count,
      fixed,
      state,
      movements: new PartitionMovements(layout),
      prevOwner: previousOwners(layout, claims, ownership.maxGeneration),
      budget: 16 * layout.totalPartitions + 1024,
      classScanLimit,
    };
    const before = owner.slice();
    const scoreBefore = balanceScore(count, fixed);
    if (!revocationRequired) performReassignments(ctx, onlyReassignable(layout, unassigned, reassignable));
    const performed = performReassignments(ctx, allReassignable(layout, topicOrder, reassignable));
    if (!initializing && performed && balanceScore(count, fixed) >= scoreBefore) owner.set(before);
  }
  return { owner, transferring: null };
}

/** Step 1; returns Kafka's revocationRequired. */
function keepOwnedPartitions(layout: StickyLayout, subs: Subscriptions, racks: RackInfo, owner: Int32Array, count: Int32Array): boolean {
  let revocationRequired = false;
  for (let g = 0; g < owner.length; g++) {
    const m = owner[g] as number;
    if (m < 0) continue;
    if (!subs.subscribes(m, layout.topicOf[g] as number) || racksMismatch(racks, m, g)) {
      owner[g] = -1;
      revocationRequired = true;
    } else count[m] = (count[m] as number) + 1;
  }
  return revocationRequired;
}

/** Topics by (number of potential consumers, name). */
function sortedTopics(layout: StickyLayout, subs: Subscriptions): Int32Array {
  return Int32Array.from(layout.topics.keys()).sort((a, b) => (subs.potentialCount[a] as number) - (subs.potentialCount[b] as number) || a - b);
}

function unassignedPartitions(layout: StickyLayout, topicOrder: Int32Array, owner: Int32Array): Int32Array {
  let n = 0;
  for (let g = 0; g < owner.length; g++) if (owner[g] === -1) n++;
  const out = new Int32Array(n);
  if (n === 0) return out;
  let i = 0;
  for (const t of topicOrder) {
    const end = layout.base[t + 1] as number;
    for (let g = layout.base[t] as number; g < end; g++) if (owner[g] === -1) out[i++] = g;
  }
  return out;
}

/** Members that already hold every partition they could and none that another member could take. */
function fixedMembers(layout: StickyLayout, subs: Subscriptions, owner: Int32Array, count: Int32Array, reassignable: Uint8Array): Uint8Array {
  const movable = new Uint8Array(layout.members.length);
  for (let g = 0; g < owner.length; g++) {
    const m = owner[g] as number;
    if (m >= 0 && reassignable[layout.topicOf[g] as number] === 1) movable[m] = 1;
  }
  return Uint8Array.from(movable, (mv, m) => (mv === 0 && (count[m] as number) >= (subs.maxSize[m] as number) ? 1 : 0));
}

/** Kafka's first balance test on the members in play: all counts within one of each other. */
function roughlyBalanced(count: Int32Array, fixed: Uint8Array): boolean {
  let min = Infinity;
  let max = -Infinity;
  for (let m = 0; m < count.length; m++) {
    if (fixed[m] === 1) continue;
    min = Math.min(min, count[m] as number);
    max = Math.max(max, count[m] as number);
  }
  return max - min <= 1;
}

function onlyReassignable(layout: StickyLayout, partitions: Int32Array, reassignable: Uint8Array): Int32Array {
  return partitions.filter((g) => reassignable[layout.topicOf[g] as number] === 1);
}

function allReassignable(layout: StickyLayout, topicOrder: Int32Array, reassignable: Uint8Array): Int32Array {
  let n = 0;
  for (const t of topicOrder) if (reassignable[t] === 1) n += layout.partitionCount[t] as number;
  const out = new Int32Array(n);
  let i = 0;
  for (const t of topicOrder) {
    if (reassignable[t] === 0) continue;
    for (let g = layout.base[t] as number; g < (layout.base[t + 1] as number); g++) out[i++] = g;
  }
  return out;
}
