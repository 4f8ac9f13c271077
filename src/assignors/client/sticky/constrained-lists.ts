/**
 * The two member lists of Kafka's constrained builder, shaped for its rack-aware round robin,
 * which asks "first member on one of these racks, scanning from here" for every partition.
 * Scanning Kafka's linked lists would cost O(members) per partition; these answer in
 * O(racks of the partition x log members).
 */
import type { RackInfo } from './racks.js';

/**
 * `unfilledMembersWithUnderMinQuotaPartitions` after its sort: members only leave it, so a
 * member is named by its position in the sorted list, and Kafka's cursor (an index into the
 * shrinking list) is the position it stands before.
 */
export class UnderMinList {
  /** Member at each position. */
  readonly members: Int32Array;
  readonly #alive: Uint8Array;
  #size: number;
  // Per rack: the positions of its members, ascending, and a "next alive" forest over them.
  readonly #rackPositions: Int32Array[];
  readonly #rackNext: Int32Array[];
  /** Index of each position within its rack's list. */
  readonly #indexInRack: Int32Array;

  constructor(members: Int32Array, racks: RackInfo) {
    this.members = members;
    this.#alive = new Uint8Array(members.length).fill(1);
    this.#size = members.length;
    const perRack: number[][] = Array.from({ length: racks.rackCount }, () => []);
    this.#indexInRack = new Int32Array(members.length).fill(-1);
    for (let pos = 0; pos < members.length; pos++) {
      const rack = racks.memberRack[members[pos] as number] as number;
      if (rack < 0) continue;
      const list = perRack[rack] as number[];
      this.#indexInRack[pos] = list.length;
      list.push(pos);
    }
    this.#rackPositions = perRack.map((list) => Int32Array.from(list));
    this.#rackNext = perRack.map((list) => Int32Array.from({ length: list.length + 1 }, (_, i) => i));
  }

  /** Number of members still in the list. */
  get size(): number {
    return this.#size;
  }

  /** True when the member at `pos` is still in the list. */
  isAlive(pos: number): boolean {
    return this.#alive[pos] === 1;
  }

  /** Removes the member at `pos`. */
  remove(pos: number, rack: number): void {
    this.#alive[pos] = 0;
    this.#size--;
    const i = this.#indexInRack[pos] as number;
    if (rack >= 0 && i >= 0) (this.#rackNext[rack] as Int32Array)[i] = i + 1;
  }

  /**
   * Kafka's `nextRackConsumer` over this list: the position of the first member, scanning
   * circularly from `cursor`, whose rack is in rack set `set`; -1 when there is none.
   */
  nextOnRack(racks: RackInfo, set: number, cursor: number): number {
    let best = -1;
    let bestWrapped = true;
    for (let i = racks.setStart[set] as number; i < (racks.setStart[set + 1] as number); i++) {
      const rack = racks.setRacks[i] as number;
      const positions = this.#rackPositions[rack];
      if (positions === undefined || positions.length === 0) continue;
      const next = this.#rackNext[rack] as Int32Array;
      let j = find(next, lowerBound(positions, cursor));
      let wrapped = false;
      if (j === positions.length) {
        j = find(next, 0);
        wrapped = true;
        if (j === positions.length) continue;
      }
      const pos = positions[j] as number;
      if (best < 0 || (bestWrapped && !wrapped) || (bestWrapped === wrapped && pos < best)) {
        best = pos;
        bestWrapped = wrapped;
      }
    }
    return best;
  }
}

/**
 * `unfilledMembersWithExactlyMinQuotaPartitions`: appended to, removed from anywhere, cleared,
 * and polled from the head. Entries are kept in arrival order with a dead flag.
 */
export class ExactlyMinList {
  readonly #members: number[] = [];
  readonly #alive: number[] = [];
  #clearedBefore = 0;
  #head = 0;
  #size = 0;
  #racks: RackInfo | null = null;
  #perRack: number[][] = [];
  #rackHead: number[] = [];

  /** Number of members in the list. */
  get size(): number {
    return this.#size;
  }

  /** Appends a member. */
  push(member: number): void {
    const entry = this.#members.length;
    this.#members.push(member);
    this.#alive.push(1);
    this.#size++;
    const racks = this.#racks;
    if (racks !== null) {
      const rack = racks.memberRack[member] as number;
      if (rack >= 0) (this.#perRack[rack] as number[]).push(entry);
    }
  }

  /** Empties the list. */
  clear(): void {
    this.#clearedBefore = this.#members.length;
    this.#size = 0;
  }

  /** Kafka's `Collections.sort` of the list: by member id, which is member index order. */
  sort(): void {
    const live = this.#liveMembers().sort((a, b) => a - b);
    this.#members.length = 0;
    this.#alive.length = 0;
    this.#clearedBefore = 0;
    this.#head = 0;
    this.#size = 0;
    for (const m of live) this.push(m);
  }

  /** From now on, keep a per-rack index for {@link ExactlyMinList.firstOnRack}. */
  indexRacks(racks: RackInfo): void {
    this.#racks = racks;
    this.#perRack = Array.from({ length: racks.rackCount }, () => []);
    this.#rackHead = new Array<number>(racks.rackCount).fill(0);
    for (let e = this.#clearedBefore; e < this.#members.length; e++) {
      const rack = racks.memberRack[this.#members[e] as number] as number;
      if (this.#alive[e] === 1 && rack >= 0) (this.#perRack[rack] as number[]).push(e);
    }
  }

  /** The first entry (in list order) whose member is on a rack of `set`, or -1. */
  firstOnRack(racks: RackInfo, set: number): number {
    let best = -1;
    for (let i = racks.setStart[set] as number; i < (racks.setStart[set + 1] as number); i++) {
      const rack = racks.setRacks[i] as number;
      const entries = this.#perRack[rack];
      if (entries === undefined) continue;
      let h = this.#rackHead[rack] as number;
      while (h < entries.length && !this.#live(entries[h] as number)) h++;
      this.#rackHead[rack] = h;
      if (h < entries.length && (best < 0 || (entries[h] as number) < best)) best = entries[h] as number;
    }
    return best;
  }

  /** The member of an entry. */
  memberAt(entry: number): number {
    return this.#members[entry] as number;
  }

  /** Removes an entry. */
  removeEntry(entry: number): void {
    if (!this.#live(entry)) return;
    this.#alive[entry] = 0;
    this.#size--;
  }

  /** Removes and returns the head, or -1 when empty. */
  poll(): number {
    while (this.#head < this.#members.length && !this.#live(this.#head)) this.#head++;
    if (this.#head === this.#members.length) return -1;
    const member = this.#members[this.#head] as number;
    this.removeEntry(this.#head);
    return member;
  }

  #live(entry: number): boolean {
    return entry >= this.#clearedBefore && this.#alive[entry] === 1;
  }

  #liveMembers(): number[] {
    const out: number[] = [];
    for (let e = this.#clearedBefore; e < this.#members.length; e++) if (this.#alive[e] === 1) out.push(this.#members[e] as number);
    return out;
  }
}

function lowerBound(sorted: Int32Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first alive index at or after `i` in a "next alive" forest (path halving). */
function find(next: Int32Array, i: number): number {
  while (next[i] !== i) {
    const up = next[next[i] as number] as number;
    next[i] = up;
    i = up;
  }
  return i;
}
