/**
 * Kafka's `roundrobin` assignor (RoundRobinAssignor, Kafka 3.8/3.9), exactly.
 *
 * Members stand in a ring in Kafka's member order (static members first by group.instance.id,
 * then dynamic members by member id). One cursor walks the ring while the partitions are dealt
 * in order: topics by name, partitions ascending. Each partition goes to the first member at or
 * after the cursor that subscribes to its topic, and the cursor moves one past that member. The
 * cursor is never reset between topics.
 *
 * Dealing partition by partition and skipping unsubscribed members one by one would cost
 * O(partitions x members) when few members subscribe to a topic. Instead, within one topic the
 * receivers are simply the topic's subscribers taken cyclically, starting at the first one at or
 * after the cursor (a binary search over their ring positions); so subscriber j of a topic with
 * k subscribers gets partitions first(j), first(j) + k, ... and the whole assignment takes
 * O(members + subscriptions + partitions).
 */
import { UsageError } from '../../errors.js';
import type { Assignment } from '../../protocol/types.js';
import type { AssignInput, PartitionAssignor } from '../types.js';
import { groupLayout, type GroupLayout } from './member-order.js';
import { prepareInput } from './prepare.js';
import { AssignmentWriter, toAssignmentMap } from './assignment-writer.js';

/** Options of {@link createRoundRobinAssignor}: none, as Kafka's roundrobin has no settings. */
export type RoundRobinAssignorOptions = Readonly<Record<never, never>>;

/**
 * Creates Kafka's `roundrobin` assignor (EAGER only, stateless). Its output equals Kafka's
 * exactly, list order included: Kafka deals partitions in (topic, partition) order, which is
 * also the order of a `PackedTopicPartitions`.
 *
 * One documented deviation: with no members at all Kafka throws (its circular iterator rejects
 * an empty list); kgroup returns an empty map.
 */
export function createRoundRobinAssignor(options: RoundRobinAssignorOptions = {}): PartitionAssignor {
  if (typeof options !== 'object' || options === null) throw new UsageError('createRoundRobinAssignor: options must be an object');
  return Object.freeze({
    name: 'roundrobin',
    supportedProtocols: Object.freeze(['EAGER'] as const),
    assign: assignRoundRobin,
  });
}

/** Kafka's `roundrobin` assignor; see {@link createRoundRobinAssignor}. */
export const roundRobinAssignor: PartitionAssignor = createRoundRobinAssignor();

function assignRoundRobin(input: AssignInput): Map<string, Assignment> {
  const layout = groupLayout(prepareInput(input, 'roundrobin'));
  const firsts = dealingStarts(layout);
  const writer = new AssignmentWriter(layout.topics, layout.prepared.members.length);
  forEachShare(layout, firsts, (m, t, _first, _step, count) => writer.reserve(m, t, count));
  writer.allocate();
  forEachShare(layout, firsts, (m, t, first, step, count) => writer.appendStride(m, t, first, step, count));
  return toAssignmentMap(layout.prepared.members, writer.build());
}

/**
 * For each topic, the index (among its subscribers) of the subscriber that gets partition 0:
 * the first one at or after the cursor in the ring, wrapping around. The cursor then ends one
 * past whoever got the topic's last partition.
 */
function dealingStarts(layout: GroupLayout): Int32Array {
  const firsts = new Int32Array(layout.topics.length);
  let cursor = 0;
  for (let t = 0; t < firsts.length; t++) {
    const subs = layout.subscribers[t] as readonly number[];
    const k = subs.length;
    if (k === 0) continue; // cannot happen: prepared topics all have a subscriber
    const j0 = firstAtOrAfter(subs, layout.rank, cursor);
    firsts[t] = j0;
    const last = subs[(j0 + (layout.partitionCounts[t] as number) - 1) % k] as number;
    cursor = (layout.rank[last] as number) + 1;
  }
  return firsts;
}

/** Binary search: the first subscriber whose ring position is >= `cursor`, or 0 (wrap around). */
function firstAtOrAfter(subs: readonly number[], rank: Int32Array, cursor: number): number {
  let lo = 0;
  let hi = subs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((rank[subs[mid] as number] as number) < cursor) lo = mid + 1;
    else hi = mid;
  }
  return lo === subs.length ? 0 : lo;
}

type ShareVisitor = (member: number, topic: number, first: number, step: number, count: number) => void;

/** Visits every member's share of every topic: partitions first, first + k, ... in topic order. */
function forEachShare(layout: GroupLayout, firsts: Int32Array, visit: ShareVisitor): void {
  for (let t = 0; t < firsts.length; t++) {
    const subs = layout.subscribers[t] as readonly number[];
    const k = subs.length;
    const partitions = layout.partitionCounts[t] as number;
    const j0 = firsts[t] as number;
    for (let j = 0; j < k; j++) {
      const first = (j - j0 + k) % k;
      if (first >= partitions) continue;
      visit(subs[j] as number, t, first, k, Math.floor((partitions - 1 - first) / k) + 1);
    }
  }
}
