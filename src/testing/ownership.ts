/**
 * Who owns which partition, kept up to date as members report what they own. It feeds the
 * exclusive-ownership checker (which partitions have two owners), and the metrics: partitions
 * moved from one member to another, and partition-seconds without an owner.
 */
import type { PackedTopicPartitions } from '../protocol/topic-partitions.js';
import type { PartitionLayout } from './layout.js';

/** Sorted ascending a minus sorted ascending b. */
function minus(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  let j = 0;
  for (const x of a) {
    while (j < b.length && (b[j] as number) < x) j++;
    if (b[j] !== x) out.push(x);
  }
  return out;
}

/** The ownership of every partition by simulated members (by member name). */
export class OwnershipIndex {
  /** Owners of each partition (usually zero or one). */
  readonly owners: string[][];
  /** The last member to gain each partition, to count moves. */
  readonly #lastOwner: (string | undefined)[];
  readonly #owned = new Map<string, { set: PackedTopicPartitions | null; indexes: number[] }>();
  /** Partitions with two owners or more. */
  readonly contended = new Set<number>();
  #unowned: number;
  #unownedMs = 0;
  #sinceMs = 0;
  /** Partitions that changed hands (gained by a member other than their last owner). */
  moved = 0;

  constructor(readonly layout: PartitionLayout) {
    this.owners = Array.from({ length: layout.size }, () => []);
    this.#lastOwner = new Array<string | undefined>(layout.size).fill(undefined);
    this.#unowned = layout.size;
  }

  /** Partitions nobody owns now. */
  get unowned(): number {
    return this.#unowned;
  }

  /** Partition-milliseconds without an owner up to `nowMs`. */
  unownedMs(nowMs: number): number {
    return this.#unownedMs + this.#unowned * (nowMs - this.#sinceMs);
  }

  /** Starts counting moves and unowned time afresh (the measured window begins). */
  resetCounters(nowMs: number): void {
    this.moved = 0;
    this.#unownedMs = 0;
    this.#sinceMs = nowMs;
  }

  /** The partitions `member` owns now, as flat indexes. */
  ownedBy(member: string): readonly number[] {
    return this.#owned.get(member)?.indexes ?? [];
  }

  /** Records that `member` owns `set` at `nowMs` (EMPTY or null when it stopped). */
  update(member: string, set: PackedTopicPartitions | null, nowMs: number): void {
    const prev = this.#owned.get(member);
    if (prev?.set === set) return;
    const before = prev?.indexes ?? [];
    const after = set === null ? [] : this.layout.indexesOf(set);
    this.#unownedMs += this.#unowned * (nowMs - this.#sinceMs);
    this.#sinceMs = nowMs;
    for (const p of minus(before, after)) this.#lose(p, member);
    for (const p of minus(after, before)) this.#gain(p, member);
    if (set === null) this.#owned.delete(member);
    else this.#owned.set(member, { set, indexes: after });
  }

  #lose(p: number, member: string): void {
    const list = this.owners[p] as string[];
    const i = list.indexOf(member);
    if (i >= 0) list.splice(i, 1);
    if (list.length === 0) this.#unowned++;
    if (list.length < 2) this.contended.delete(p);
  }

  #gain(p: number, member: string): void {
    const list = this.owners[p] as string[];
    if (list.length === 0) this.#unowned--;
    list.push(member);
    if (list.length >= 2) this.contended.add(p);
    const last = this.#lastOwner[p];
    if (last !== undefined && last !== member) this.moved++;
    this.#lastOwner[p] = member;
  }
}
