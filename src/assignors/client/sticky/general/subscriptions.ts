/**
 * Who may get what on the general path: Kafka's consumer2AllPotentialTopics and
 * topic2AllPotentialConsumers, interned. Topic lists keep Kafka's quirks: a topic a member lists
 * twice counts twice in a topic's number of potential consumers and in the member's maximum
 * assignment size. Members with the same set of topics form a subscription class, so that "the
 * least loaded member subscribed to topic t" is a question about a few classes, not every member.
 */
import type { GroupMember } from '../../../../protocol/types.js';
import type { StickyLayout } from '../layout.js';

/** The subscription structure of a general-path assignment. */
export interface Subscriptions {
  /** Each member's existing topics, in its list order, duplicates kept. */
  readonly memberTopics: readonly Int32Array[];
  /** Kafka's topic2AllPotentialConsumers sizes (duplicates counted). */
  readonly potentialCount: Int32Array;
  /** Distinct subscribers of topic t: `subscribers[subscriberStart[t] .. subscriberStart[t + 1])`, ascending. */
  readonly subscriberStart: Int32Array;
  readonly subscribers: Int32Array;
  /** Subscription class of each member. */
  readonly classOf: Int32Array;
  /** Distinct topics of each class, ascending. */
  readonly classTopics: readonly Int32Array[];
  /** Kafka's getMaxAssignmentSize of each member. */
  readonly maxSize: Float64Array;
  /** True when member m subscribes to topic t. */
  subscribes(m: number, t: number): boolean;
}

/** Interns every member's subscription. */
export function generalSubscriptions(layout: StickyLayout): Subscriptions {
  const members = layout.members;
  const topicCount = layout.topics.length;
  const memberTopics: Int32Array[] = [];
  const classOf = new Int32Array(members.length);
  const classTopics: Int32Array[] = [];
  const classIds = new Map<string, number>();
  const potentialCount = new Int32Array(topicCount);
  const maxSize = new Float64Array(members.length);
  let previousList: readonly string[] | null = null;
  for (let m = 0; m < members.length; m++) {
    const list = (members[m] as GroupMember).subscription.topics;
    if (previousList !== null && sameList(list, previousList)) {
      // The usual case: the same subscription as the previous member, nothing to recompute.
      memberTopics.push(memberTopics[m - 1] as Int32Array);
      classOf[m] = classOf[m - 1] as number;
      maxSize[m] = maxSize[m - 1] as number;
    } else {
      const topics = existingTopics(list, layout);
      memberTopics.push(topics);
      const distinct = Int32Array.from(new Set(topics)).sort();
      const key = distinct.join(',');
      let id = classIds.get(key);
      if (id === undefined) {
        id = classTopics.length;
        classIds.set(key, id);
        classTopics.push(distinct);
      }
      classOf[m] = id;
      maxSize[m] = maxAssignmentSize(topics, layout);
    }
    previousList = list;
  }
  countPotentialConsumers(memberTopics, potentialCount);
  const { subscriberStart, subscribers } = subscribersByTopic(classOf, classTopics, topicCount);
  return {
    memberTopics,
    potentialCount,
    subscriberStart,
    subscribers,
    classOf,
    classTopics,
    maxSize,
    subscribes: membership(classOf, classTopics, topicCount),
  };
}

/** Kafka's topic2AllPotentialConsumers sizes; members sharing one (interned) topic list are counted together. */
function countPotentialConsumers(memberTopics: readonly Int32Array[], potentialCount: Int32Array): void {
  for (let m = 0; m < memberTopics.length; ) {
    const topics = memberTopics[m] as Int32Array;
    let same = 1;
    while (m + same < memberTopics.length && memberTopics[m + same] === topics) same++;
    for (let i = 0; i < topics.length; i++) {
      const t = topics[i] as number;
      potentialCount[t] = (potentialCount[t] as number) + same;
    }
    m += same;
  }
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function existingTopics(list: readonly string[], layout: StickyLayout): Int32Array {
  const out: number[] = [];
  for (const topic of list) {
    const t = layout.topicIndex.get(topic);
    if (t !== undefined) out.push(t);
  }
  return Int32Array.from(out);
}

/** Kafka's getMaxAssignmentSize: every partition when the list is as long as the topic count, else the sum over the list. */
function maxAssignmentSize(topics: Int32Array, layout: StickyLayout): number {
  if (topics.length === layout.topics.length) return layout.totalPartitions;
  let n = 0;
  for (const t of topics) n += layout.partitionCount[t] as number;
  return n;
}

function subscribersByTopic(classOf: Int32Array, classTopics: readonly Int32Array[], topicCount: number) {
  const subscriberStart = new Int32Array(topicCount + 1);
  for (let m = 0; m < classOf.length; m++) for (const t of classTopics[classOf[m] as number] as Int32Array) subscriberStart[t + 1] = (subscriberStart[t + 1] as number) + 1;
  for (let t = 0; t < topicCount; t++) subscriberStart[t + 1] = (subscriberStart[t + 1] as number) + (subscriberStart[t] as number);
  const next = subscriberStart.slice(0, topicCount);
  const subscribers = new Int32Array(subscriberStart[topicCount] as number);
  for (let m = 0; m < classOf.length; m++) {
    for (const t of classTopics[classOf[m] as number] as Int32Array) {
      const at = next[t] as number;
      subscribers[at] = m;
      next[t] = at + 1;
    }
  }
  return { subscriberStart, subscribers };
}

/** A subscription test: a bit table when it is small, else a binary search in the class's topics. */
function membership(classOf: Int32Array, classTopics: readonly Int32Array[], topicCount: number): (m: number, t: number) => boolean {
  if (classTopics.length * topicCount <= 1 << 24) {
    const table = new Uint8Array(classTopics.length * topicCount);
    classTopics.forEach((topics, c) => {
      for (const t of topics) table[c * topicCount + t] = 1;
    });
    return (m, t) => table[(classOf[m] as number) * topicCount + t] === 1;
  }
  return (m, t) => {
    const topics = classTopics[classOf[m] as number] as Int32Array;
    let lo = 0;
    let hi = topics.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const x = topics[mid] as number;
      if (x === t) return true;
      if (x < t) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  };
}
