/**
 * The interned shape of one sticky assignment: members and topics become small integers, and
 * every partition of every assigned topic gets one global index, `base[topic] + partition`.
 * Topics are sorted by name, so ascending global indices are ascending (topic, partition), the
 * order of Kafka's own partition lists and of a {@link PackedTopicPartitions}. Everything else
 * in the sticky assignors works on flat typed arrays indexed this way.
 */
import type { GroupMember, TopicMetadata } from '../../../protocol/types.js';
import type { PreparedInput } from '../prepare.js';
import { javaHashMapOrder } from './java-hash.js';

/** Members, topics and partitions of one assignment, interned. */
export interface StickyLayout {
  /** Members sorted by member id: member index = rank by id, Kafka's TreeSet tie-break. */
  readonly members: readonly GroupMember[];
  /** Topics that are subscribed, exist and have partitions, sorted by name (frozen, shared by outputs). */
  readonly topics: readonly string[];
  /** Topic name -> topic index. */
  readonly topicIndex: ReadonlyMap<string, number>;
  /** Metadata of each topic, by topic index. */
  readonly metadata: readonly TopicMetadata[];
  /** Partition count of each topic. */
  readonly partitionCount: Int32Array;
  /** Global index of partition 0 of each topic; `base[topics.length]` is the total. */
  readonly base: Int32Array;
  /** Total number of partitions. */
  readonly totalPartitions: number;
  /** Topic index of each global partition. */
  readonly topicOf: Int32Array;
  /**
   * Member indices in the iteration order of the Java `HashMap` Kafka's leader builds (a
   * default map, members put in id order). Kafka's output depends on that order in three
   * places (see docs/sticky.md); using it, from sorted ids, keeps ours independent of the input.
   */
  readonly javaOrder: Int32Array;
}

/** Interns a prepared input. */
export function stickyLayout(prepared: PreparedInput): StickyLayout {
  const topics = Object.freeze([...prepared.topics]);
  const topicIndex = new Map<string, number>();
  const partitionCount = new Int32Array(topics.length);
  const base = new Int32Array(topics.length + 1);
  const metadata: TopicMetadata[] = [];
  for (let t = 0; t < topics.length; t++) {
    const topic = topics[t] as string;
    topicIndex.set(topic, t);
    const meta = prepared.metadata.get(topic) as TopicMetadata;
    metadata.push(meta);
    partitionCount[t] = meta.partitions;
    base[t + 1] = (base[t] as number) + meta.partitions;
  }
  const totalPartitions = base[topics.length] as number;
  const topicOf = new Int32Array(totalPartitions);
  for (let t = 0; t < topics.length; t++) topicOf.fill(t, base[t], base[t + 1]);
  const members = prepared.members;
  return {
    members,
    topics,
    topicIndex,
    metadata,
    partitionCount,
    base,
    totalPartitions,
    topicOf,
    javaOrder: javaHashMapOrder(members.map((m) => m.memberId)),
  };
}
