/**
 * A {@link GroupAssignment} stored as an array aligned with the group spec's sorted member ids.
 * Filling a Map of 10,000 members cost the homogeneous uniform assignor a third of its time
 * (the table grows and rehashes as it fills); an array slot per member costs nothing, a look-up
 * by id is a binary search over the sorted ids, and the target builder, which walks the same
 * ids, reads the slots by position.
 */
import type { PackedTopicPartitions, TopicPartitions } from '../../protocol/topic-partitions.js';
import type { GroupAssignment } from './types.js';

/** The position of `memberId` in ascending `ids`, or -1. */
function indexOf(ids: readonly string[], memberId: string): number {
  let lo = 0;
  let hi = ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((ids[mid] as string) < memberId) lo = mid + 1;
    else hi = mid;
  }
  return ids[lo] === memberId ? lo : -1;
}

/**
 * Member id -> target, for the members of one spec. Written by the assignor that creates it
 * (`setAt`), read-only once returned. Iterates in member id order, over the members given a
 * target.
 */
export class MemberAlignedAssignment implements GroupAssignment {
  private readonly targets: (PackedTopicPartitions | undefined)[];
  private count = 0;

  /** An assignment with no target yet for any of `memberIds` (ascending by UTF-16 code unit). */
  constructor(readonly memberIds: readonly string[]) {
    this.targets = new Array<PackedTopicPartitions | undefined>(memberIds.length).fill(undefined);
  }

  /** Gives `memberIds[i]` its target. */
  setAt(i: number, target: PackedTopicPartitions): void {
    if (this.targets[i] === undefined) this.count += 1;
    this.targets[i] = target;
  }

  /** The target of `memberIds[i]`, undefined when it was given none. */
  at(i: number): PackedTopicPartitions | undefined {
    return this.targets[i];
  }

  get size(): number {
    return this.count;
  }

  get(memberId: string): PackedTopicPartitions | undefined {
    const i = indexOf(this.memberIds, memberId);
    return i < 0 ? undefined : this.targets[i];
  }

  has(memberId: string): boolean {
    return this.get(memberId) !== undefined;
  }

  *entries(): MapIterator<[string, TopicPartitions]> {
    for (let i = 0; i < this.targets.length; i++) {
      const t = this.targets[i];
      if (t !== undefined) yield [this.memberIds[i] as string, t];
    }
  }

  *keys(): MapIterator<string> {
    for (const [id] of this.entries()) yield id;
  }

  *values(): MapIterator<TopicPartitions> {
    for (const [, t] of this.entries()) yield t;
  }

  [Symbol.iterator](): MapIterator<[string, TopicPartitions]> {
    return this.entries();
  }

  forEach(fn: (value: TopicPartitions, key: string, map: ReadonlyMap<string, TopicPartitions>) => void): void {
    for (const [id, t] of this.entries()) fn(t, id, this);
  }
}
