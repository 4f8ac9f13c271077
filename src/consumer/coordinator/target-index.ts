/**
 * Two memos of the target assignment table, each keyed by the immutable table object and
 * carried from one table to the next as TargetAssignmentMember records replace one member's
 * target, so that neither is rebuilt from 10,000 members on every build:
 *
 * - which partitions some target holds: the target builder asks this for every partition;
 * - the targets as a plain Map: the builder reads every member's target twice, and a
 *   persistent-map look-up costs about five times a Map's.
 *
 * Both are handed over to the newer table and updated in place, so a record costs what it
 * changes (copying a topic's flags per record made a full rebalance of 10,000 members over one
 * topic of 100,000 partitions copy 2 GB). A memo never changes what any function returns: a
 * table without one (after a replay, or an older table whose memo was handed over) derives it
 * once, on demand.
 */
import type { PMap } from '../../internal/pmap.js';
import { packedArrays, type PackedTopicPartitions } from '../../protocol/topic-partitions.js';

/** Partition ids at or above this are counted in a Map rather than a flat array. */
const FLAT_LIMIT = 1 << 24;

/** How many targets hold each partition: while a build's records are applied one by one, two may briefly. */
type Flags = Uint16Array | Map<number, number>;

/** Topic id -> the partitions held by some target; owned by one table at a time (see `carryTargetMemos`). */
export class TargetPartitionIndex {
  private lastTopic: string | undefined;
  private lastFlags: Flags | undefined;

  private constructor(private readonly byTopic: Map<string, Flags>) {}

  static of(targets: PMap<PackedTopicPartitions>): TargetPartitionIndex {
    let index = INDEX.get(targets);
    if (index === undefined) {
      const byTopic = new Map<string, Flags>();
      targets.forEach((tp) => mark(byTopic, tp, 1));
      index = new TargetPartitionIndex(byTopic);
      INDEX.set(targets, index);
    }
    return index;
  }

  /** True when some target holds the partition. */
  has(topicId: string, partition: number): boolean {
    let flags: Flags | undefined;
    if (topicId === this.lastTopic) flags = this.lastFlags;
    else {
      flags = this.byTopic.get(topicId);
      this.lastTopic = topicId;
      this.lastFlags = flags;
    }
    if (flags === undefined) return false;
    return flags instanceof Uint16Array ? (flags[partition] ?? 0) > 0 : flags.has(partition);
  }

  /** Updates the index in place for one member's target going from `before` to `after`. */
  replace(before: PackedTopicPartitions | undefined, after: PackedTopicPartitions | undefined): void {
    if (before !== undefined) mark(this.byTopic, before, -1);
    if (after !== undefined) mark(this.byTopic, after, 1);
    // A topic's flags may have been replaced by a larger array.
    this.lastTopic = undefined;
    this.lastFlags = undefined;
  }
}

const INDEX = new WeakMap<PMap<PackedTopicPartitions>, TargetPartitionIndex>();

/** Counts the partitions of `tp` in (+1) or out (-1). */
function mark(byTopic: Map<string, Flags>, tp: PackedTopicPartitions, delta: 1 | -1): void {
  const { topics, starts, partitions } = packedArrays(tp);
  for (let i = 0; i < topics.length; i++) {
    const topic = topics[i] as string;
    const end = starts[i + 1] as number;
    const max = partitions[end - 1] as number;
    let flags = byTopic.get(topic);
    if (flags === undefined) {
      if (delta === -1) continue;
      flags = max >= FLAT_LIMIT ? new Map<number, number>() : new Uint16Array(max + 1);
      byTopic.set(topic, flags);
    } else if (flags instanceof Uint16Array && delta === 1 && max >= flags.length) {
      flags = grow(flags, max);
      byTopic.set(topic, flags);
    }
    for (let j = starts[i] as number; j < end; j++) {
      const p = partitions[j] as number;
      if (flags instanceof Uint16Array) {
        if (p < flags.length && (delta === 1 || (flags[p] as number) > 0)) flags[p] = (flags[p] as number) + delta;
      } else {
        const n = (flags.get(p) ?? 0) + delta;
        if (n > 0) flags.set(p, n);
        else flags.delete(p);
      }
    }
  }
}

function grow(flags: Uint16Array, max: number): Flags {
  if (max >= FLAT_LIMIT) {
    const m = new Map<number, number>();
    flags.forEach((n, p) => n > 0 && m.set(p, n));
    return m;
  }
  const grown = new Uint16Array(Math.max(max + 1, flags.length * 2));
  grown.set(flags);
  return grown;
}

const BY_MEMBER = new WeakMap<PMap<PackedTopicPartitions>, Map<string, PackedTopicPartitions>>();

/**
 * The table as a Map, member id -> target. Read it before the next record is applied: the
 * Map moves to the newer table then (its contents always equal the table it is attached to).
 */
export function targetsByMember(targets: PMap<PackedTopicPartitions>): ReadonlyMap<string, PackedTopicPartitions> {
  let byMember = BY_MEMBER.get(targets);
  if (byMember === undefined) {
    const m = new Map<string, PackedTopicPartitions>();
    targets.forEach((tp, memberId) => m.set(memberId, tp));
    BY_MEMBER.set(targets, m);
    byMember = m;
  }
  return byMember;
}

/**
 * Records that `after` is `before` with `memberId`'s target replaced by `newTarget` (undefined:
 * removed). Each memo `before` has is carried; one it lacks is derived later, on demand.
 */
export function carryTargetMemos(
  before: PMap<PackedTopicPartitions>,
  after: PMap<PackedTopicPartitions>,
  memberId: string,
  newTarget: PackedTopicPartitions | undefined,
): void {
  if (before === after) return;
  // Handed over rather than copied: `before` is rarely read again, and then derives its own.
  const index = INDEX.get(before);
  if (index !== undefined && !INDEX.has(after)) {
    INDEX.delete(before);
    index.replace(before.get(memberId), newTarget);
    INDEX.set(after, index);
  }
  const byMember = BY_MEMBER.get(before);
  if (byMember !== undefined && !BY_MEMBER.has(after)) {
    BY_MEMBER.delete(before);
    if (newTarget === undefined) byMember.delete(memberId);
    else byMember.set(memberId, newTarget);
    BY_MEMBER.set(after, byMember);
  }
}
