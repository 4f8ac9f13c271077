/**
 * What each member claims to own, and at which generation: Kafka's `memberData(subscription)`.
 *
 * - `sticky` (eager) reads both from its user data, StickyAssignorUserData V1 (partitions and
 *   generation) or V0 (partitions only); `ownedPartitions` is ignored, since eager members revoke
 *   everything before they join. No user data: owns nothing, no generation. User data that does
 *   not parse: owns nothing, generation -1.
 * - `cooperative-sticky` reads the partitions from `ownedPartitions` and the generation from
 *   `generationId` (v2+ subscriptions), else from its 4-byte user data (-1 when that does not
 *   parse), else none.
 *
 * Claims are interned to global partition indices on the way in. A claim of a topic that is not
 * being assigned is dropped, as Kafka drops it; so is a partition id outside the topic's range,
 * which Kafka would keep and which would corrupt its assignment (docs/sticky.md).
 */
import { PackedTopicPartitions } from '../../../protocol/topic-partitions.js';
import type { GroupMember } from '../../../protocol/types.js';
import type { StickyLayout } from './layout.js';
import { TopicByteLookup } from './topic-bytes.js';

/** Every member's claims, by member index. */
export interface MemberClaims {
  /** memberData generation, -1 when absent. */
  readonly generation: Int32Array;
  /** 1 when the member's memberData has a generation. */
  readonly hasGeneration: Uint8Array;
  /** The raw `Subscription.generationId`, -1 when absent (Kafka compares a rival claim against this). */
  readonly subscriptionGeneration: Int32Array;
  /** Member m's claims are `partitions[start[m] .. start[m + 1])`. */
  readonly start: Int32Array;
  /** Claimed global partition indices, in each member's claim order. */
  readonly partitions: Int32Array;
}

/** A growable Int32Array. */
class ClaimBuffer {
  data = new Int32Array(1024);
  length = 0;

  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }
}

/** A generation field as Java's Optional sees it: a negative value (or one that is not an int32) is absent. */
function optionalGeneration(value: number | undefined): number {
  return value !== undefined && Number.isInteger(value) && value >= 0 && value <= 0x7fffffff ? value : -1;
}

function newClaims(memberCount: number) {
  return {
    generation: new Int32Array(memberCount).fill(-1),
    hasGeneration: new Uint8Array(memberCount),
    subscriptionGeneration: new Int32Array(memberCount),
    start: new Int32Array(memberCount + 1),
  };
}

/** Claims of `sticky` members, from their StickyAssignorUserData. */
export function stickyClaims(layout: StickyLayout): MemberClaims {
  const members = layout.members;
  const claims = newClaims(members.length);
  const buffer = new ClaimBuffer();
  const lookup = layout.topics.length > 0 ? new TopicByteLookup(layout.topics) : null;
  for (let m = 0; m < members.length; m++) {
    const subscription = (members[m] as GroupMember).subscription;
    claims.subscriptionGeneration[m] = optionalGeneration(subscription.generationId);
    const userData = subscription.userData;
    if (userData !== undefined && userData !== null && userData.length > 0) {
      const generation = readStickyUserData(userData, lookup, layout, buffer);
      if (generation !== ABSENT) {
        claims.generation[m] = generation;
        claims.hasGeneration[m] = 1;
      }
    }
    claims.start[m + 1] = buffer.length;
  }
  return { ...claims, partitions: buffer.data.subarray(0, buffer.length) };
}

/** Claims of `cooperative-sticky` members, from their owned partitions and generation. */
export function cooperativeClaims(layout: StickyLayout): MemberClaims {
  const members = layout.members;
  const claims = newClaims(members.length);
  const buffer = new ClaimBuffer();
  for (let m = 0; m < members.length; m++) {
    const subscription = (members[m] as GroupMember).subscription;
    const subscriptionGeneration = optionalGeneration(subscription.generationId);
    claims.subscriptionGeneration[m] = subscriptionGeneration;
    const generation = subscriptionGeneration >= 0 ? subscriptionGeneration : userDataGeneration(subscription.userData);
    if (generation !== ABSENT) {
      claims.generation[m] = generation;
      claims.hasGeneration[m] = 1;
    }
    const owned = subscription.ownedPartitions;
    if (owned !== undefined) collectOwned(owned, layout, buffer);
    claims.start[m + 1] = buffer.length;
  }
  return { ...claims, partitions: buffer.data.subarray(0, buffer.length) };
}

/** Marks "no generation" where a generation is returned (generations are int32, so this cannot collide). */
const ABSENT = -0x80000001;

/** The generation in cooperative-sticky user data: absent without user data, -1 when it has under 4 bytes. */
function userDataGeneration(userData: Uint8Array | null | undefined): number {
  if (userData === undefined || userData === null) return ABSENT;
  if (userData.length < 4) return -1;
  return readInt32(userData, 0);
}

function collectOwned(owned: ReadonlyMap<string, readonly number[]>, layout: StickyLayout, buffer: ClaimBuffer): void {
  if (owned instanceof PackedTopicPartitions) {
    collectPacked(owned, layout, buffer);
    return;
  }
  for (const [topic, partitions] of owned) {
    const t = layout.topicIndex.get(topic);
    if (t === undefined) continue;
    const count = layout.partitionCount[t] as number;
    const base = layout.base[t] as number;
    for (const p of partitions) if (Number.isInteger(p) && p >= 0 && p < count) buffer.push(base + p);
  }
}

/** Walks a packed set without materializing its per-topic arrays; looks each topic up once per run. */
function collectPacked(owned: PackedTopicPartitions, layout: StickyLayout, buffer: ClaimBuffer): void {
  let lastTopic: string | undefined;
  let base = 0;
  let count = -1;
  let lastIndex = -1;
  owned.forEachPartition((topic, p) => {
    if (topic !== lastTopic) {
      lastTopic = topic;
      // Both lists are sorted: the next topic is usually the next one of ours, no lookup needed.
      const t = layout.topics[lastIndex + 1] === topic ? lastIndex + 1 : layout.topicIndex.get(topic);
      if (t !== undefined) lastIndex = t;
      count = t === undefined ? -1 : (layout.partitionCount[t] as number);
      base = t === undefined ? 0 : (layout.base[t] as number);
    }
    if (p < count) buffer.push(base + p);
  });
}

function readInt32(bytes: Uint8Array, at: number): number {
  return (((bytes[at] as number) << 24) | ((bytes[at + 1] as number) << 16) | ((bytes[at + 2] as number) << 8) | (bytes[at + 3] as number)) | 0;
}

/**
 * Reads StickyAssignorUserData into `buffer` (the claims of existing partitions only) and returns
 * its generation: the V1 generation, {@link ABSENT} for V0 data, or -1 (with nothing claimed)
 * when the bytes do not parse, as Kafka, which then ignores the member's previous assignment.
 * "Does not parse" is what kgroup's decodeStickyUserData rejects: a truncated or oversized
 * field, or a negative partition id. Topic names are matched as bytes; a name that matches no
 * assigned topic is skipped with its partitions.
 */
function readStickyUserData(bytes: Uint8Array, lookup: TopicByteLookup | null, layout: StickyLayout, buffer: ClaimBuffer): number {
  const rollback = buffer.length;
  const end = bytes.length;
  let at = 0;
  if (end < 4) return -1;
  const topics = readInt32(bytes, 0);
  at = 4;
  // Each entry needs at least 6 bytes: checking the count first bounds the work for hostile input.
  if (topics < 0 || topics > (end - at) / 6) return -1;
  let previous = -1;
  for (let i = 0; i < topics; i++) {
    if (end - at < 2) return fail(buffer, rollback);
    const nameLength = (((bytes[at] as number) << 8) | (bytes[at + 1] as number)) << 16 >> 16;
    at += 2;
    if (nameLength < 0 || end - at < nameLength + 4) return fail(buffer, rollback);
    // Topics written by kgroup members come sorted: try the topic after the previous one first.
    const t = lookup === null ? -1 : lookup.isAt(previous + 1, bytes, at, nameLength) ? previous + 1 : lookup.find(bytes, at, nameLength);
    if (t >= 0) previous = t;
    at += nameLength;
    const count = readInt32(bytes, at);
    at += 4;
    if (count < 0 || count > (end - at) / 4) return fail(buffer, rollback);
    if (t >= 0) {
      const partitions = layout.partitionCount[t] as number;
      const base = layout.base[t] as number;
      for (let j = 0; j < count; j++, at += 4) {
        const p = readInt32(bytes, at);
        if (p < 0) return fail(buffer, rollback);
        if (p < partitions) buffer.push(base + p);
      }
    } else {
      for (let j = 0; j < count; j++, at += 4) if (readInt32(bytes, at) < 0) return fail(buffer, rollback);
    }
  }
  return end - at >= 4 ? readInt32(bytes, at) : ABSENT;
}

function fail(buffer: ClaimBuffer, rollback: number): number {
  buffer.length = rollback;
  return -1;
}
