/**
 * Kafka's ConstrainedAssignmentBuilder: the path taken when every member subscribes to the same
 * topics. With N members and P partitions every member ends with minQuota = floor(P/N) or
 * maxQuota = ceil(P/N) partitions, and exactly P mod N of them with maxQuota.
 *
 * 1. Members keep what they owned, in Java HashMap order: all of it when under minQuota,
 *    maxQuota while members over minQuota are still needed, else minQuota. What a member owned
 *    is sorted by (partition id, topic) before it is cut, so a member keeps its low partition
 *    ids. Rack-mismatched and doubly-claimed partitions are dropped first.
 * 2. The rest is dealt, partitions by (topic, partition), stably re-sorted by how many members
 *    share their racks in rack-aware mode: first to rack-matching members (rack-aware mode
 *    only), then round robin to members under minQuota by member id, then one more each to
 *    members at minQuota.
 *
 * A partition dealt to a member other than the one that gave it up (or one claimed twice) is
 * "transferring ownership": cooperative-sticky withholds it for a round.
 */
import { InvariantError } from '../../../errors.js';
import { ExactlyMinList, UnderMinList } from './constrained-lists.js';
import type { StickyLayout } from './layout.js';
import type { Ownership } from './ownership.js';
import { racksMismatch, type RackInfo } from './racks.js';

/** What a builder produces. */
export interface BuildResult {
  /** Final owner of each partition (member index). */
  readonly owner: Int32Array;
  /** Partitions transferring ownership (constrained path); null on the general path, where cooperative-sticky computes them. */
  readonly transferring: Int32Array | null;
}

/** Runs the constrained builder. `layout.members` must not be empty. */
export function constrainedAssign(layout: StickyLayout, ownership: Ownership, racks: RackInfo): BuildResult {
  const b = new ConstrainedBuilder(layout, ownership, racks);
  b.assignOwnedPartitions();
  const unassigned = b.unassignedPartitions();
  b.assignRackAwareRoundRobin(unassigned);
  b.assignRoundRobin(unassigned);
  b.verifyUnfilledMembers();
  return { owner: b.owner, transferring: Int32Array.from(b.transferring) };
}

class ConstrainedBuilder {
  readonly owner: Int32Array;
  readonly transferring: number[] = [];
  readonly #layout: StickyLayout;
  readonly #ownership: Ownership;
  readonly #racks: RackInfo;
  readonly #count: Int32Array;
  readonly #minQuota: number;
  readonly #maxQuota: number;
  readonly #expectedOver: number;
  #currentOver = 0;
  /** Kafka's maybeRevokedPartitions: the member a partition was taken from, -1 when none. */
  #maybeRevoked: Int32Array | null = null;
  #underMin: number[] = [];
  readonly #exactlyMin = new ExactlyMinList();
  /** Members still under minQuota after the rack-aware pass, for the plain round robin. */
  #unfilled: UnderMinList | null = null;
  /** Members still under minQuota when every partition has been dealt. */
  readonly #remaining: number[] = [];

  constructor(layout: StickyLayout, ownership: Ownership, racks: RackInfo) {
    this.#layout = layout;
    this.#ownership = ownership;
    this.#racks = racks;
    const n = layout.members.length;
    const total = layout.totalPartitions;
    this.owner = new Int32Array(total).fill(-1);
    this.#count = new Int32Array(n);
    this.#minQuota = Math.floor(total / n);
    this.#maxQuota = Math.ceil(total / n);
    this.#expectedOver = total % n;
  }

  /** Step 1: keep owned partitions up to quota. */
  assignOwnedPartitions(): void {
    const { start, list } = groupByOwner(this.#ownership.owner, this.#layout.members.length);
    const multi = this.#ownership.multiplyClaimed;
    const kept = new Int32Array(list.length);
    const racks = this.#racks;
    const owner = this.owner;
    for (const m of this.#layout.javaOrder) {
      let n = 0;
      const end = start[m + 1] as number;
      for (let i = start[m] as number; i < end; i++) {
        const g = list[i] as number;
        if (racks.rackAware && racksMismatch(racks, m, g)) this.#markMaybeRevoked(g, m);
        else if (multi === null || multi[g] === 0) kept[n++] = g;
      }
      const owned = kept.subarray(0, n);
      const keep = this.#quotaFor(m, n);
      if (keep < n) {
        sortByPartitionThenTopic(owned, this.#layout);
        for (let i = keep; i < n; i++) this.#markMaybeRevoked(owned[i] as number, m);
      }
      for (let i = 0; i < keep; i++) owner[owned[i] as number] = m;
      this.#count[m] = keep;
    }
  }

  /** How many of its `owned` partitions member `m` keeps, and which list it joins. */
  #quotaFor(m: number, owned: number): number {
    if (owned < this.#minQuota) {
      this.#underMin.push(m);
      return owned;
    }
    if (owned >= this.#maxQuota && this.#currentOver < this.#expectedOver) {
      this.#currentOver++;
      if (this.#currentOver === this.#expectedOver) this.#exactlyMin.clear();
      return this.#maxQuota;
    }
    if (this.#currentOver < this.#expectedOver) this.#exactlyMin.push(m);
    return this.#minQuota;
  }

  #markMaybeRevoked(g: number, m: number): void {
    (this.#maybeRevoked ??= new Int32Array(this.owner.length).fill(-1))[g] = m;
  }

  /** Step 2: what is left, by (topic, partition), then stably by rack-consumer count in rack-aware mode. */
  unassignedPartitions(): Int32Array {
    let n = 0;
    for (let g = 0; g < this.owner.length; g++) if (this.owner[g] === -1) n++;
    const out = new Int32Array(n);
    n = 0;
    for (let g = 0; g < this.owner.length; g++) if (this.owner[g] === -1) out[n++] = g;
    this.#underMin.sort((a, b) => a - b);
    this.#exactlyMin.sort();
    return this.#racks.rackAware ? sortByRackConsumers(out, this.#racks) : out;
  }

  /** Step 3 (rack-aware mode): deal to members on a replica's rack, within quota. */
  assignRackAwareRoundRobin(unassigned: Int32Array): void {
    const under = new UnderMinList(Int32Array.from(this.#underMin), this.#racks);
    this.#unfilled = under;
    if (!this.#racks.rackAware) return;
    this.#exactlyMin.indexRacks(this.#racks);
    const racks = this.#racks;
    let cursor = 0;
    for (let i = 0; i < unassigned.length; i++) {
      const g = unassigned[i] as number;
      const set = racks.partitionRackSet[g] as number;
      let member = -1;
      const pos = under.size > 0 ? under.nextOnRack(racks, set, cursor) : -1;
      if (pos >= 0) {
        member = under.members[pos] as number;
        const count = (this.#count[member] as number) + 1;
        if (count >= this.#minQuota) {
          under.remove(pos, racks.memberRack[member] as number);
          if (count < this.#maxQuota && this.#currentOver < this.#expectedOver) this.#exactlyMin.push(member);
        }
        cursor = pos + 1;
      } else if (this.#exactlyMin.size > 0) {
        const entry = this.#exactlyMin.firstOnRack(racks, set);
        if (entry >= 0) {
          member = this.#exactlyMin.memberAt(entry);
          if ((this.#count[member] as number) + 1 === this.#maxQuota) {
            this.#exactlyMin.removeEntry(entry);
            this.#currentOver++;
            if (this.#currentOver === this.#expectedOver) this.#exactlyMin.clear();
          }
        }
      }
      if (member >= 0) {
        this.#assignNewPartition(g, member);
        unassigned[i] = -1;
      }
    }
  }

  /** Step 4: round robin over members under minQuota (by member id), then one each to members at minQuota. */
  assignRoundRobin(unassigned: Int32Array): void {
    const under = this.#unfilled as UnderMinList;
    // A ring buffer over the members still under minQuota, in list order: Kafka's restartable iterator.
    const ring = new Int32Array(under.size + 1);
    let head = 0;
    let size = 0;
    for (let pos = 0; pos < under.members.length; pos++) if (under.isAlive(pos)) ring[size++] = under.members[pos] as number;
    for (let i = 0; i < unassigned.length; i++) {
      const g = unassigned[i] as number;
      if (g < 0) continue;
      let member: number;
      let fromRing = false;
      if (size > 0) {
        member = ring[head] as number;
        head = (head + 1) % ring.length;
        size--;
        fromRing = true;
      } else {
        member = this.#exactlyMin.poll();
        if (member < 0) throw new InvariantError('sticky: no more unfilled consumers to be assigned');
      }
      const count = this.#assignNewPartition(g, member);
      if (count === this.#minQuota) this.#exactlyMin.push(member);
      else {
        if (fromRing) {
          ring[(head + size) % ring.length] = member;
          size++;
        }
        if (count === this.#maxQuota) this.#currentOver++;
      }
    }
    for (let k = 0; k < size; k++) this.#remaining.push(ring[(head + k) % ring.length] as number);
  }

  /** Kafka's final sanity check: members left under minQuota must be at it, with every maxQuota slot taken. */
  verifyUnfilledMembers(): void {
    if (this.#remaining.length === 0) return;
    if (this.#currentOver !== this.#expectedOver) {
      throw new InvariantError('sticky: the expected number of members over minQuota was not reached, but no partitions are left');
    }
    for (const m of this.#remaining) {
      if (this.#count[m] !== this.#minQuota) throw new InvariantError(`sticky: a member ended with ${this.#count[m]} partitions, under minQuota ${this.#minQuota}`);
    }
  }

  #assignNewPartition(g: number, m: number): number {
    this.owner[g] = m;
    const count = (this.#count[m] as number) + 1;
    this.#count[m] = count;
    const previous = this.#maybeRevoked === null ? -1 : (this.#maybeRevoked[g] as number);
    const multi = this.#ownership.multiplyClaimed;
    if ((previous >= 0 && previous !== m) || (multi !== null && multi[g] === 1)) this.transferring.push(g);
    return count;
  }
}

/** Partitions grouped by owner: owner m's are `list[start[m] .. start[m + 1])`, ascending. */
export function groupByOwner(owner: Int32Array, memberCount: number): { start: Int32Array; list: Int32Array } {
  const start = new Int32Array(memberCount + 1);
  let owned = 0;
  for (let g = 0; g < owner.length; g++) {
    const m = owner[g] as number;
    if (m >= 0) {
      start[m + 1] = (start[m + 1] as number) + 1;
      owned++;
    }
  }
  for (let m = 0; m < memberCount; m++) start[m + 1] = (start[m + 1] as number) + (start[m] as number);
  const next = start.slice(0, memberCount);
  const list = new Int32Array(owned);
  for (let g = 0; g < owner.length; g++) {
    const m = owner[g] as number;
    if (m < 0) continue;
    const at = next[m] as number;
    list[at] = g;
    next[m] = at + 1;
  }
  return { start, list };
}

/** Sorts global partition indices by (partition id, topic name), Kafka's order for cutting owned partitions to quota. */
function sortByPartitionThenTopic(partitions: Int32Array, layout: StickyLayout): void {
  const topics = layout.topics.length;
  const keys = new Float64Array(partitions.length);
  for (let i = 0; i < partitions.length; i++) {
    const g = partitions[i] as number;
    const t = layout.topicOf[g] as number;
    keys[i] = (g - (layout.base[t] as number)) * topics + t;
  }
  if (layout.totalPartitions * topics < 2 ** 53) {
    keys.sort();
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as number;
      const t = key % topics;
      partitions[i] = (layout.base[t] as number) + (key - t) / topics;
    }
    return;
  }
  const order = Array.from(partitions.keys()).sort((a, b) => {
    const ga = partitions[a] as number;
    const gb = partitions[b] as number;
    const ta = layout.topicOf[ga] as number;
    const tb = layout.topicOf[gb] as number;
    return ga - (layout.base[ta] as number) - (gb - (layout.base[tb] as number)) || ta - tb;
  });
  const copy = partitions.slice();
  order.forEach((from, i) => (partitions[i] = copy[from] as number));
}

/** Stable counting sort by Kafka's numConsumersByPartition. */
function sortByRackConsumers(partitions: Int32Array, racks: RackInfo): Int32Array {
  const keyOf = (g: number) => racks.consumersOfSet[racks.partitionRackSet[g] as number] as number;
  let maxKey = 0;
  for (const g of partitions) maxKey = Math.max(maxKey, keyOf(g));
  const start = new Int32Array(maxKey + 2);
  for (const g of partitions) start[keyOf(g) + 1] = (start[keyOf(g) + 1] as number) + 1;
  for (let k = 0; k <= maxKey; k++) start[k + 1] = (start[k + 1] as number) + (start[k] as number);
  const out = new Int32Array(partitions.length);
  for (const g of partitions) {
    const key = keyOf(g);
    const at = start[key] as number;
    out[at] = g;
    start[key] = at + 1;
  }
  return out;
}
