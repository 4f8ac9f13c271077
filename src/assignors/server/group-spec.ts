/**
 * Plain-data implementations of {@link GroupSpec} and {@link SubscribedTopicDescriber}, used by
 * the coordinator's TargetAssignmentBuilder and handy for running a server assignor directly.
 */
import { UsageError } from '../../errors.js';
import { PackedTopicPartitions, compareStrings, packedArrays, type TopicPartitions } from '../../protocol/topic-partitions.js';
import type { GroupSpec, MemberSubscription, SubscribedTopicDescriber, SubscriptionType } from './types.js';

/** One member of a group spec: its subscription and its current target assignment. */
export interface GroupSpecMember {
  readonly subscription: MemberSubscription;
  /** The current target, topic id -> partitions; absent or empty when it has none. */
  readonly assignment?: TopicPartitions;
}

/** The topic metadata a describer answers from (partition racks indexed by partition id). */
export interface TopicDescription {
  readonly partitions: number;
  readonly partitionRacks?: readonly (readonly string[])[];
}

const NO_RACKS: ReadonlySet<string> = new Set();

/** A describer over `topics` (topic id -> description). */
export function createTopicDescriber(topics: ReadonlyMap<string, TopicDescription>): SubscribedTopicDescriber {
  return {
    numPartitions: (topicId) => topics.get(topicId)?.partitions ?? -1,
    racksForPartition: (topicId, partition) => {
      const racks = topics.get(topicId)?.partitionRacks?.[partition];
      return racks === undefined ? NO_RACKS : new Set(racks);
    },
  };
}

/** HOMOGENEOUS when every member subscribes to the same topic ids (also for no members). */
export function subscriptionTypeOf(subscriptions: Iterable<MemberSubscription>): SubscriptionType {
  let first: ReadonlySet<string> | undefined;
  for (const s of subscriptions) {
    if (first === undefined) first = s.subscribedTopicIds;
    else if (!sameSet(first, s.subscribedTopicIds)) return 'HETEROGENEOUS';
  }
  return 'HOMOGENEOUS';
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a === b) return true;
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

/**
 * Per topic, which partitions a collection of assignments holds; `has` is a flat-array lookup
 * (the last topic asked for is cached, since assignors ask topic by topic).
 */
export class AssignedPartitionsIndex {
  private readonly byTopic = new Map<string, Uint8Array | Set<number>>();
  private lastTopic: string | undefined;
  private lastSet: Uint8Array | Set<number> | undefined;

  constructor(assignments: Iterable<PackedTopicPartitions>) {
    for (const tp of assignments) this.add(tp);
  }

  private add(tp: PackedTopicPartitions): void {
    const { topics, starts, partitions } = packedArrays(tp);
    for (let i = 0; i < topics.length; i++) {
      const topic = topics[i] as string;
      const end = starts[i + 1] as number;
      const max = partitions[end - 1] as number;
      let set = this.byTopic.get(topic);
      set = this.ensure(topic, set, max);
      for (let j = starts[i] as number; j < end; j++) {
        const p = partitions[j] as number;
        if (set instanceof Uint8Array) set[p] = 1;
        else set.add(p);
      }
    }
  }

  // A flat array per topic is fastest; a Set stands in for partition ids too large to index.
  private ensure(topic: string, set: Uint8Array | Set<number> | undefined, max: number): Uint8Array | Set<number> {
    if (set instanceof Set) return set;
    if (max >= 1 << 24) {
      const s = new Set<number>();
      if (set !== undefined) set.forEach((v, p) => v === 1 && s.add(p));
      this.byTopic.set(topic, s);
      return s;
    }
    if (set !== undefined && set.length > max) return set;
    const grown = new Uint8Array(Math.max(max + 1, set === undefined ? 0 : set.length * 2));
    if (set !== undefined) grown.set(set);
    this.byTopic.set(topic, grown);
    return grown;
  }

  /** True when some assignment holds the partition. */
  has(topicId: string, partition: number): boolean {
    let set: Uint8Array | Set<number> | undefined;
    if (topicId === this.lastTopic) set = this.lastSet;
    else {
      set = this.byTopic.get(topicId);
      this.lastTopic = topicId;
      this.lastSet = set;
    }
    if (set === undefined) return false;
    return set instanceof Uint8Array ? set[partition] === 1 : set.has(partition);
  }
}

/**
 * A group spec over plain data. Member ids are sorted; the subscription type is computed from
 * the subscriptions unless given (the coordinator passes the one Kafka's rules give).
 * `assignedPartitions` overrides where `isPartitionAssigned` looks (by default the members'
 * current targets; the coordinator adds the targets of members being replaced).
 */
export function createGroupSpec(
  members: ReadonlyMap<string, GroupSpecMember>,
  options: { subscriptionType?: SubscriptionType; assignedPartitions?: Iterable<TopicPartitions> } = {},
): GroupSpec {
  const memberIds = [...members.keys()].sort(compareStrings);
  const assignments = new Map<string, PackedTopicPartitions>();
  for (const [id, m] of members) assignments.set(id, PackedTopicPartitions.from(m.assignment ?? PackedTopicPartitions.EMPTY));
  const subscriptionType = options.subscriptionType ?? subscriptionTypeOf([...members.values()].map((m) => m.subscription));
  let index: AssignedPartitionsIndex | undefined;
  const assigned = options.assignedPartitions;
  const lookup = (memberId: string): GroupSpecMember => {
    const m = members.get(memberId);
    if (m === undefined) throw new UsageError(`member ${JSON.stringify(memberId)} is not in the group spec`);
    return m;
  };
  return {
    memberIds,
    subscriptionType,
    memberSubscription: (memberId) => lookup(memberId).subscription,
    memberAssignment: (memberId) => {
      lookup(memberId);
      return assignments.get(memberId) as PackedTopicPartitions;
    },
    isPartitionAssigned: (topicId, partition) => {
      index ??= new AssignedPartitionsIndex(assigned === undefined ? assignments.values() : [...assigned].map((tp) => PackedTopicPartitions.from(tp)));
      return index.has(topicId, partition);
    },
  };
}
