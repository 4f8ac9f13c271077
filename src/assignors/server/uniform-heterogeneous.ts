/**
 * The uniform assignor for a heterogeneous group (TS counterpart of Kafka's
 * `UniformHeterogeneousAssignmentBuilder`): revoke unsubscribed topics, hand the free partitions
 * of each topic to its least loaded subscribers, then move partitions from the most to the least
 * loaded subscribers of each topic until every topic is balanced (at most 16 passes).
 */
import { PackedTopicPartitions, TopicPartitionsBuilder, compareStrings, packedArrays } from '../../protocol/topic-partitions.js';
import { MemberBalancer } from './member-balancer.js';
import { cachedTopicIdComparator } from './topic-id-order.js';
import type { GroupAssignment, GroupSpec, SubscribedTopicDescriber } from './types.js';
import { PartitionAssignorError } from './types.js';

/** Kafka's iteration limit for the balancing passes. */
const MAX_ITERATION_COUNT = 16;

interface TopicState {
  readonly id: string;
  readonly count: number;
  /** Subscriber member indices, ascending. */
  readonly subscribers: number[];
  /** Owner member index per partition, -1 when free. */
  readonly owners: Int32Array;
}

/** The working state of one run. */
class HeterogeneousRun {
  readonly memberIds: readonly string[];
  readonly sizes: Int32Array;
  readonly topics = new Map<string, TopicState>();
  /** Members whose target differs from their current one. */
  readonly touched = new Set<number>();
  /** The current targets with unsubscribed topics removed (same object when nothing was). */
  readonly retained: PackedTopicPartitions[] = [];

  constructor(
    private readonly spec: GroupSpec,
    describer: SubscribedTopicDescriber,
  ) {
    this.memberIds = spec.memberIds;
    this.sizes = new Int32Array(this.memberIds.length);
    // Subscriber lists come out in member index order whatever order each set iterates in; the
    // topic table's own order is never used unsorted.
    this.memberIds.forEach((memberId, i) => {
      for (const id of spec.memberSubscription(memberId).subscribedTopicIds) {
        let t = this.topics.get(id);
        if (t === undefined) {
          const count = describer.numPartitions(id);
          if (count < 0) throw new PartitionAssignorError(`Members are subscribed to topic ${id} which doesn't exist in the topic metadata.`);
          t = { id, count, subscribers: [], owners: new Int32Array(count).fill(-1) };
          this.topics.set(id, t);
        }
        t.subscribers.push(i);
      }
    });
  }

  /** Step 1: keep each member's subscribed, existing, not yet taken partitions. */
  revokeUnsubscribed(): void {
    this.memberIds.forEach((memberId, i) => {
      const current = PackedTopicPartitions.from(this.spec.memberAssignment(memberId));
      const subscribed = this.spec.memberSubscription(memberId).subscribedTopicIds;
      const { topics, starts, partitions } = packedArrays(current);
      let dropped = false;
      for (let k = 0; k < topics.length; k++) {
        const t = this.topics.get(topics[k] as string);
        const end = starts[k + 1] as number;
        for (let j = starts[k] as number; j < end; j++) {
          const p = partitions[j] as number;
          if (t === undefined || !subscribed.has(t.id) || p >= t.count || (t.owners[p] as number) !== -1) dropped = true;
          else {
            t.owners[p] = i;
            this.sizes[i] = (this.sizes[i] as number) + 1;
          }
        }
      }
      this.retained.push(current);
      if (dropped) this.touched.add(i);
    });
  }

  /** Kafka's topic order: partitions per subscriber descending, subscribers ascending, topic id ascending. */
  sortTopics(ids: readonly string[]): string[] {
    const byId = cachedTopicIdComparator();
    const ratio = (t: TopicState) => t.count / t.subscribers.length;
    return [...ids].sort((a, b) => {
      const ta = this.topics.get(a) as TopicState;
      const tb = this.topics.get(b) as TopicState;
      return ratio(tb) - ratio(ta) || ta.subscribers.length - tb.subscribers.length || byId(a, b);
    });
  }

  /** Gives partition `p` of `t` to member `to`. */
  assign(t: TopicState, p: number, to: number): void {
    const from = t.owners[p] as number;
    if (from !== -1) {
      this.sizes[from] = (this.sizes[from] as number) - 1;
      this.touched.add(from);
    }
    t.owners[p] = to;
    this.sizes[to] = (this.sizes[to] as number) + 1;
    this.touched.add(to);
  }

  /** Step 2: the free partitions of each topic go to its least loaded subscribers. */
  assignFree(balancer: MemberBalancer): void {
    const withFree = [...this.topics.values()].filter((t) => t.owners.includes(-1)).map((t) => t.id);
    for (const id of this.sortTopics(withFree)) {
      const t = this.topics.get(id) as TopicState;
      balancer.initialize(t.subscribers);
      for (let p = 0; p < t.count; p++) if (t.owners[p] === -1) this.assign(t, p, balancer.nextLeastLoaded());
    }
  }

  /** Step 3: passes over the topics with two or more subscribers until a full pass moves nothing. */
  balance(balancer: MemberBalancer): void {
    const ids = this.sortTopics([...this.topics.values()].filter((t) => t.subscribers.length >= 2).map((t) => t.id));
    let lastMoved = -1;
    for (let pass = 0; pass < MAX_ITERATION_COUNT; pass++) {
      for (let k = 0; k < ids.length; k++) {
        if (k === lastMoved) return;
        const moved = this.balanceTopic(this.topics.get(ids[k] as string) as TopicState, balancer);
        if (moved > 0 || lastMoved === -1) lastMoved = k;
      }
    }
  }

  private balanceTopic(t: TopicState, balancer: MemberBalancer): number {
    if (balancer.initialize(t.subscribers) <= 1) return 0;
    // Partitions grouped by owner (then by id), with each owner's [start, end) range.
    const order = Array.from({ length: t.count }, (_, p) => p).sort((a, b) => (t.owners[a] as number) - (t.owners[b] as number) || a - b);
    const start = new Map<number, number>();
    const end = new Map<number, number>();
    order.forEach((p, i) => {
      const owner = t.owners[p] as number;
      if (!start.has(owner)) start.set(owner, i);
      end.set(owner, i + 1);
    });
    let moved = 0;
    while (!balancer.isBalanced()) {
      let most = balancer.nextMostLoaded();
      while (most !== -1 && (end.get(most) ?? 0) - (start.get(most) ?? 0) <= 0) {
        balancer.excludeMostLoaded();
        most = balancer.nextMostLoaded();
      }
      if (most === -1) break;
      const last = (end.get(most) as number) - 1;
      end.set(most, last);
      const least = balancer.nextLeastLoaded();
      if (balancer.isBalanced()) break;
      this.assign(t, order[last] as number, least);
      moved += 1;
    }
    return moved;
  }

  /** The result: untouched members keep their current target object. */
  result(): GroupAssignment {
    const out = new Map<string, PackedTopicPartitions>();
    const builders = new Map<number, TopicPartitionsBuilder>();
    for (const i of this.touched) builders.set(i, new TopicPartitionsBuilder());
    const ids = [...this.topics.keys()].sort(compareStrings);
    for (const id of ids) {
      const t = this.topics.get(id) as TopicState;
      for (let p = 0; p < t.count; p++) builders.get(t.owners[p] as number)?.add(id, p);
    }
    this.memberIds.forEach((memberId, i) => {
      const b = builders.get(i);
      out.set(memberId, b === undefined ? (this.retained[i] as PackedTopicPartitions) : b.build());
    });
    return out;
  }
}

/** Runs the heterogeneous uniform algorithm (reference §5.5). */
export function assignUniformHeterogeneous(spec: GroupSpec, describer: SubscribedTopicDescriber): GroupAssignment {
  const run = new HeterogeneousRun(spec, describer);
  if (run.topics.size === 0) return new Map();
  run.revokeUnsubscribed();
  const balancer = new MemberBalancer(run.sizes);
  run.assignFree(balancer);
  run.balance(balancer);
  return run.result();
}
