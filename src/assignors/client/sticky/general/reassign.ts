/**
 * Kafka's performReassignments and the revert that follows it (GeneralAssignmentBuilder.balance).
 *
 * Passes over the reassignable partitions repeat while a pass moved something. For each
 * partition, unless the assignment is balanced: if a member that owned it at an older generation
 * has two fewer partitions than its owner, it goes back there; else if some member subscribed
 * to its topic has two fewer, it goes to the least loaded such member (or, by the stickiness
 * memory, a partition of the same topic that moved the other way goes back). Afterwards, unless
 * the group is being initialized, the moves are undone when they did not lower Kafka's balance
 * score.
 *
 * Two deliberate differences (docs/sticky.md): a previous owner is only considered when it is
 * still subscribed to the topic and takes part in reassignment (Kafka would hand it a partition
 * of a topic it dropped, or fail), and the number of moves is bounded, so that a cycle can never
 * make the assignment hang.
 */
import type { StickyLayout } from '../layout.js';
import type { MemberClaims } from '../member-data.js';
import type { BalanceState } from './balance.js';
import { IndexedLoadHeap } from './load-heap.js';
import type { PartitionMovements } from './movements.js';
import type { Subscriptions } from './subscriptions.js';

/** What the reassignment passes work on. */
export interface ReassignContext {
  readonly layout: StickyLayout;
  readonly subs: Subscriptions;
  readonly owner: Int32Array;
  readonly count: Int32Array;
  readonly fixed: Uint8Array;
  readonly state: BalanceState;
  readonly movements: PartitionMovements;
  readonly prevOwner: Int32Array;
  /** Moves left before the passes stop. */
  budget: number;
  /** Topics with more subscription classes than this get a heap of subscribers (see {@link CLASS_SCAN_LIMIT}). */
  readonly classScanLimit: number;
  /** A reusable heap of one topic's subscribers, and the one in use for the current run (if any). */
  heap?: IndexedLoadHeap;
  runHeap?: IndexedLoadHeap | null;
}

/**
 * One call of Kafka's performReassignments over `partitions` (reassignable partitions, grouped
 * by topic). Returns true when it moved something.
 */
export function performReassignments(ctx: ReassignContext, partitions: Int32Array): boolean {
  const { layout, owner, count, state } = ctx;
  let performed = false;
  let modified: boolean;
  do {
    modified = false;
    let runTopic = -1;
    let lightestOf: (() => number) | null = null;
    for (let i = 0; i < partitions.length; i++) {
      if (ctx.budget <= 0) return performed;
      const g = partitions[i] as number;
      const t = layout.topicOf[g] as number;
      if (state.isBalanced(state.componentOfTopic(t))) {
        // Nothing of this component can move until something in it moves: skip the topic's run.
        while (i + 1 < partitions.length && layout.topicOf[partitions[i + 1] as number] === t) i++;
        continue;
      }
      if (t !== runTopic) {
        runTopic = t;
        lightestOf = lightestSubscriberOf(ctx, t);
      }
      const current = owner[g] as number;
      const previous = ctx.prevOwner[g] as number;
      if (previous >= 0 && ctx.fixed[previous] === 0 && ctx.subs.subscribes(previous, t) && (count[current] as number) > (count[previous] as number) + 1) {
        reassignPartition(ctx, g, previous);
        performed = modified = true;
        continue;
      }
      const lightest = (lightestOf as () => number)();
      if ((count[current] as number) > (count[lightest] as number) + 1) {
        reassignPartition(ctx, g, lightest);
        performed = modified = true;
      }
    }
  } while (modified);
  return performed;
}

/**
 * How to find topic t's least loaded subscriber while the passes walk its partitions: ask the
 * subscription classes when there are few, else keep a heap of its subscribers for the run
 * (every member whose load a move of one of t's partitions changes subscribes to t).
 */
function lightestSubscriberOf(ctx: ReassignContext, t: number): () => number {
  ctx.runHeap = null;
  if (ctx.state.classesOfTopic(t) <= ctx.classScanLimit) return () => ctx.state.lightestSubscriber(t);
  const heap = (ctx.heap ??= new IndexedLoadHeap(ctx.count));
  heap.reset(ctx.subs.subscribers.subarray(ctx.subs.subscriberStart[t], ctx.subs.subscriberStart[t + 1]));
  ctx.runHeap = heap;
  return () => heap.top();
}

/** Above this many subscription classes, a topic's lightest subscriber comes from a heap rather than a scan of the classes. */
export const CLASS_SCAN_LIMIT = 16;

function reassignPartition(ctx: ReassignContext, g: number, to: number): void {
  const moved = ctx.movements.actualPartitionToMove(g, ctx.owner[g] as number, to);
  const from = ctx.owner[moved] as number;
  ctx.movements.move(moved, from, to);
  ctx.state.move(moved, to);
  ctx.runHeap?.update(from);
  ctx.runHeap?.update(to);
  ctx.budget--;
}

/**
 * Kafka's prevAssignment: for each partition, the member that claimed it at the highest
 * generation below the maximum (claims without a generation count as -1 once some member has
 * one); on a tie the first member in Java HashMap order keeps it.
 */
export function previousOwners(layout: StickyLayout, claims: MemberClaims, maxGeneration: number): Int32Array {
  const prevOwner = new Int32Array(layout.totalPartitions).fill(-1);
  const prevGeneration = new Int32Array(layout.totalPartitions);
  for (const m of layout.javaOrder) {
    let generation: number;
    if (claims.hasGeneration[m] === 1) {
      generation = claims.generation[m] as number;
      if (generation >= maxGeneration) continue;
    } else if (maxGeneration > -1) generation = -1;
    else continue;
    for (let i = claims.start[m] as number; i < (claims.start[m + 1] as number); i++) {
      const g = claims.partitions[i] as number;
      if (prevOwner[g] === -1 || generation > (prevGeneration[g] as number)) {
        prevOwner[g] = m;
        prevGeneration[g] = generation;
      }
    }
  }
  return prevOwner;
}

/** Kafka's getBalanceScore: the sum over pairs of members of the difference of their counts. */
export function balanceScore(count: Int32Array, fixed: Uint8Array): number {
  const counts: number[] = [];
  for (let m = 0; m < count.length; m++) if (fixed[m] === 0) counts.push(count[m] as number);
  counts.sort((a, b) => a - b);
  let score = 0;
  for (let i = 0; i < counts.length; i++) score += (counts[i] as number) * (2 * i - (counts.length - 1));
  return score;
}
