/**
 * Writes many members' assignments at once into shared flat buffers (partition ids, run starts)
 * and hands each member a {@link PackedTopicPartitions} viewing its slice, with no per-topic
 * arrays, no Map and no sort. At Kafka's scale (2,000 members x 500 topics) building per-member
 * Maps of arrays would cost more than the assignment itself. The price: keeping one member's
 * set alive keeps the shared buffers alive (8 bytes per assigned partition of the whole group).
 *
 * Two phases: first `reserve` what each member will get, then `allocate`, then `append` the
 * same amounts. Each member must receive its topics in ascending topic index order and its
 * partitions ascending within a topic (range and roundrobin produce them that way).
 * Used by range and roundrobin.
 */
import { InvariantError } from '../../errors.js';
import { PackedTopicPartitions } from '../../protocol/topic-partitions.js';
import type { Assignment, GroupMember } from '../../protocol/types.js';

// Per-member bookkeeping lives interleaved in one Int32Array (STRIDE slots per member): the
// writes of a topic-major walk land all over the member-major buffers, and keeping a member's
// counters on one cache line roughly halves the cost of that transposition.
const STRIDE = 8;
const PARTITIONS = 0; // phase 1: partitions reserved; phase 2: next write position in #partitions
const TOPICS = 1; // topics reserved (phase 1) or opened so far (phase 2)
const LAST_TOPIC = 2; // the topic of the current run, -1 before the first
const PARTITION_BASE = 3; // where the member's partitions start in #partitions
const STARTS_BASE = 4; // where the member's run starts begin in #starts (topics + 1 slots)
const NAMES_BASE = 5; // where its topic indices go in #topicIndices; -1 when it gets every topic

/** Accumulates the assignments of `memberCount` members over the sorted `topics`. */
export class AssignmentWriter {
  readonly #topics: readonly string[];
  readonly #members: Int32Array;
  #partitions = new Int32Array(0);
  #starts = new Int32Array(0);
  #topicIndices = new Int32Array(0);
  #allocated = false;

  /** `topics` must be sorted and frozen: members that get every topic share the array. */
  constructor(topics: readonly string[], memberCount: number) {
    this.#topics = topics;
    this.#members = new Int32Array(memberCount * STRIDE);
    for (let o = 0; o < this.#members.length; o += STRIDE) this.#members[o + LAST_TOPIC] = -1;
  }

  /** Number of members. */
  get memberCount(): number {
    return this.#members.length / STRIDE;
  }

  /** Phase 1: `member` will get `count` (> 0) partitions of topic index `topic`. */
  reserve(member: number, topic: number, count: number): void {
    const st = this.#members;
    const o = member * STRIDE;
    st[o + PARTITIONS] = (st[o + PARTITIONS] as number) + count;
    if (st[o + LAST_TOPIC] !== topic) {
      st[o + LAST_TOPIC] = topic;
      st[o + TOPICS] = (st[o + TOPICS] as number) + 1;
    }
  }

  /** Ends phase 1: sizes the buffers from what was reserved. */
  allocate(): void {
    const st = this.#members;
    const all = this.#topics.length;
    let partitions = 0;
    let starts = 0;
    let names = 0;
    for (let o = 0; o < st.length; o += STRIDE) {
      const count = st[o + PARTITIONS] as number;
      const topics = st[o + TOPICS] as number;
      st[o + PARTITION_BASE] = partitions;
      st[o + STARTS_BASE] = starts;
      st[o + NAMES_BASE] = topics === all ? -1 : names;
      partitions += count;
      starts += topics + 1;
      if (topics !== all) names += topics;
      st[o + PARTITIONS] = st[o + PARTITION_BASE] as number;
      st[o + TOPICS] = 0;
      st[o + LAST_TOPIC] = -1;
    }
    this.#partitions = new Int32Array(partitions);
    this.#starts = new Int32Array(starts);
    this.#topicIndices = new Int32Array(names);
    this.#allocated = true;
  }

  /** Phase 2: appends partitions `first`, `first + step`, ... (`count` of them) of `topic` to `member`. */
  appendStride(member: number, topic: number, first: number, step: number, count: number): void {
    const st = this.#members;
    const o = member * STRIDE;
    let opened = st[o + TOPICS] as number;
    if (st[o + LAST_TOPIC] !== topic) {
      st[o + LAST_TOPIC] = topic;
      const namesBase = st[o + NAMES_BASE] as number;
      if (namesBase >= 0) this.#topicIndices[namesBase + opened] = topic;
      st[o + TOPICS] = ++opened;
    }
    const parts = this.#partitions;
    let at = st[o + PARTITIONS] as number;
    for (let i = 0, p = first; i < count; i++, p += step) parts[at++] = p;
    st[o + PARTITIONS] = at;
    this.#starts[(st[o + STARTS_BASE] as number) + opened] = at - (st[o + PARTITION_BASE] as number);
  }

  /** Phase 2: appends partitions `start .. start + count - 1` of `topic` to `member`. */
  appendRange(member: number, topic: number, start: number, count: number): void {
    this.appendStride(member, topic, start, 1, count);
  }

  /** Ends phase 2: every member's assignment, by member index. */
  build(): PackedTopicPartitions[] {
    if (!this.#allocated) throw new InvariantError('AssignmentWriter.build() before allocate()');
    const out = new Array<PackedTopicPartitions>(this.memberCount);
    for (let m = 0; m < out.length; m++) out[m] = this.#member(m);
    return out;
  }

  #member(m: number): PackedTopicPartitions {
    const st = this.#members;
    const o = m * STRIDE;
    const base = st[o + PARTITION_BASE] as number;
    const count = (st[o + PARTITIONS] as number) - base;
    const topicCount = st[o + TOPICS] as number;
    const startsBase = st[o + STARTS_BASE] as number;
    const last = m + 1 === this.memberCount;
    const nextBase = last ? this.#partitions.length : (st[o + STRIDE + PARTITION_BASE] as number);
    const nextStarts = last ? this.#starts.length : (st[o + STRIDE + STARTS_BASE] as number);
    if (base + count !== nextBase || startsBase + topicCount + 1 !== nextStarts) {
      throw new InvariantError(`AssignmentWriter: member ${m} did not get what was reserved for it`);
    }
    if (count === 0) return PackedTopicPartitions.EMPTY;
    const namesBase = st[o + NAMES_BASE] as number;
    const topics = namesBase < 0 ? this.#topics : this.#topicNames(namesBase, topicCount);
    return PackedTopicPartitions.fromNormalized(
      topics,
      this.#starts.subarray(startsBase, startsBase + topicCount + 1),
      this.#partitions.subarray(base, base + count),
    );
  }

  #topicNames(base: number, count: number): string[] {
    const names = new Array<string>(count);
    for (let i = 0; i < count; i++) names[i] = this.#topics[this.#topicIndices[base + i] as number] as string;
    return names;
  }
}

/**
 * The assignor result: an entry for every member, inserted in member id order (members come
 * sorted by id from prepareInput), so even Map iteration order is independent of the input.
 */
export function toAssignmentMap(members: readonly GroupMember[], partitions: readonly PackedTopicPartitions[]): Map<string, Assignment> {
  const out = new Map<string, Assignment>();
  members.forEach((member, m) => out.set(member.memberId, { partitions: partitions[m] ?? PackedTopicPartitions.EMPTY }));
  return out;
}
