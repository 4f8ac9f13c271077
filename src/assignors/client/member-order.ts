/**
 * Kafka's member order for range and roundrobin (AbstractPartitionAssignor.MemberInfo): static
 * members (those with a group.instance.id) first, ordered by instance id, then dynamic members
 * ordered by member id. Static members keep their place across restarts because their instance
 * id does not change, which is what makes a rolling bounce keep the assignment.
 */
import { compareStrings } from '../../protocol/topic-partitions.js';
import type { GroupMember } from '../../protocol/types.js';
import type { PreparedInput } from './prepare.js';

/**
 * Compares two members in Kafka's member order. Strings compare by UTF-16 code unit, as Java's
 * String.compareTo. Two static members with the same instance id (an invalid group) compare by
 * member id: Java keeps its input order there, which kgroup must not depend on.
 */
export function compareMemberOrder(a: GroupMember, b: GroupMember): number {
  const ia = a.groupInstanceId ?? null;
  const ib = b.groupInstanceId ?? null;
  if (ia !== null && ib !== null) return compareStrings(ia, ib) || compareStrings(a.memberId, b.memberId);
  if (ia !== null) return -1;
  if (ib !== null) return 1;
  return compareStrings(a.memberId, b.memberId);
}

/** Where every member of a prepared input sits in Kafka's member order, and who subscribes to what. */
export interface GroupLayout {
  /** The prepared input: members sorted by id, topics sorted by name. */
  readonly prepared: PreparedInput;
  /** The prepared topic names, frozen (shared by outputs that hold every topic). */
  readonly topics: readonly string[];
  /** Partition count of each topic, by topic index. */
  readonly partitionCounts: Int32Array;
  /** Member indices (into `prepared.members`) in Kafka's member order: the ring. */
  readonly ring: Int32Array;
  /** Position in the ring of each member index. */
  readonly rank: Int32Array;
  /** Per topic index, the indices of its subscribers, each once, in ring order. */
  readonly subscribers: readonly (readonly number[])[];
}

/** Lays out a prepared input: ring order, and each topic's subscribers in ring order. */
export function groupLayout(prepared: PreparedInput): GroupLayout {
  const members = prepared.members;
  const ring = Int32Array.from(members.keys());
  // `members` is sorted by id already, so the comparator's id tie-breaks are consistent with it.
  ring.sort((x, y) => compareMemberOrder(members[x] as GroupMember, members[y] as GroupMember));
  const rank = new Int32Array(members.length);
  for (let r = 0; r < ring.length; r++) rank[ring[r] as number] = r;
  const topics = Object.freeze([...prepared.topics]);
  const topicIndex = new Map<string, number>();
  const partitionCounts = new Int32Array(topics.length);
  topics.forEach((topic, i) => {
    topicIndex.set(topic, i);
    partitionCounts[i] = prepared.partitionCounts.get(topic) ?? 0;
  });
  return { prepared, topics, partitionCounts, ring, rank, subscribers: subscribersInRingOrder(members, ring, topicIndex) };
}

/** Members whose topic lists are identical (as written): their subscriptions are resolved once. */
interface SubscriptionClass {
  readonly topics: readonly string[];
  /** Indices of the prepared topics in the list, each once, ascending. */
  readonly indices: Int32Array;
  /** The members with this list, in ring order. */
  readonly members: number[];
}

/**
 * Each topic's subscribers in ring order. Members usually share their subscription (Kafka's
 * own large case: 2,000 members x 500 identical topics), so members are first grouped by
 * topic list; a topic that only one group subscribes to shares that group's member array,
 * and only topics with subscribers from several groups get a list of their own, built by
 * walking the ring once. A topic listed twice by one member counts once.
 */
function subscribersInRingOrder(members: readonly GroupMember[], ring: Int32Array, topicIndex: ReadonlyMap<string, number>): (readonly number[])[] {
  const { classOf, classes } = subscriptionClasses(members, ring, topicIndex);
  const topicCount = topicIndex.size;
  const soleClass = new Int32Array(topicCount).fill(-1);
  const shared = new Uint8Array(topicCount); // 1 when subscribers come from more than one class
  classes.forEach((c, id) => {
    for (const t of c.indices) {
      if (soleClass[t] === -1) soleClass[t] = id;
      else shared[t] = 1;
    }
  });
  const lists = new Array<readonly number[]>(topicCount);
  const own: number[][] = [];
  for (let t = 0; t < topicCount; t++) {
    if (shared[t] === 1) lists[t] = own[t] = [];
    else lists[t] = soleClass[t] === -1 ? [] : (classes[soleClass[t] as number] as SubscriptionClass).members;
  }
  if (own.length > 0) {
    for (const m of ring) {
      for (const t of (classes[classOf[m] as number] as SubscriptionClass).indices) if (shared[t] === 1) (own[t] as number[]).push(m);
    }
  }
  return lists;
}

/**
 * Groups members (in ring order) by identical topic list. A member is compared only with the
 * latest group whose list has the same length and ends, so grouping costs one comparison per
 * listed topic at most; lists that fail that test just start a group of their own (less
 * sharing, same result).
 */
function subscriptionClasses(
  members: readonly GroupMember[],
  ring: Int32Array,
  topicIndex: ReadonlyMap<string, number>,
): { classOf: Int32Array; classes: SubscriptionClass[] } {
  const classOf = new Int32Array(members.length);
  const classes: SubscriptionClass[] = [];
  const latest = new Map<string, number>();
  const stamp = new Int32Array(topicIndex.size).fill(-1);
  for (const m of ring) {
    const topics = (members[m] as GroupMember).subscription.topics;
    const key = `${topics.length}\u0000${topics[0] ?? ''}\u0000${topics[topics.length - 1] ?? ''}`;
    let id = latest.get(key);
    if (id === undefined || !sameList((classes[id] as SubscriptionClass).topics, topics)) {
      id = classes.length;
      classes.push({ topics, indices: resolveTopics(topics, topicIndex, stamp, id), members: [] });
      latest.set(key, id);
    }
    classOf[m] = id;
    (classes[id] as SubscriptionClass).members.push(m);
  }
  return { classOf, classes };
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The prepared topics in `topics`, as ascending distinct indices (`stamp` marks those seen for class `id`). */
function resolveTopics(topics: readonly string[], topicIndex: ReadonlyMap<string, number>, stamp: Int32Array, id: number): Int32Array {
  const found: number[] = [];
  for (const topic of topics) {
    const t = topicIndex.get(topic);
    if (t === undefined || stamp[t] === id) continue;
    stamp[t] = id;
    found.push(t);
  }
  return Int32Array.from(found).sort();
}
