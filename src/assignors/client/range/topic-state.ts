/**
 * One topic's progress through Kafka's rack-aware range assignment (RangeAssignor's
 * TopicAssignmentState): who subscribes, how many partitions each may still take, and who owns
 * what so far.
 *
 * Kafka keeps the unassigned partitions in an insertion-ordered set and re-scans it from the
 * start for each consumer. Both kinds of scan here ("the first n unassigned partitions" and "the
 * first n unassigned partitions with a replica on rack r") only ever take a prefix of what is
 * still free, so a forward-only pointer per scan gives the same partitions in linear time.
 */

/** A consumer of the topic: index into the subscriber list (ring order). */
type Slot = number;

/** The per-topic state of rack-aware range. */
export class RangeTopicState {
  /** Topic index (into the prepared, sorted topics). */
  readonly topic: number;
  /** Partition count. */
  readonly partitions: number;
  /** Subscribers' member indices in ring order; a slot is a position in this list. */
  readonly subscribers: readonly number[];
  /** Rack of each slot, null when the member has none. */
  readonly slotRacks: readonly (string | null)[];
  /** Replica racks of each partition, or null when no subscriber has a rack (Kafka then skips them). */
  readonly partitionRacks: readonly ReadonlySet<string>[] | null;
  /** Kafka's `needsRackAwareAssignment` for this topic alone. */
  readonly needsRackAware: boolean;
  /** Owner (member index) of each partition, -1 while unassigned. */
  readonly owner: Int32Array;
  /** Partitions each slot has taken. */
  readonly taken: Int32Array;
  readonly #perConsumer: number;
  #withExtraLeft: number;
  #unassigned: number;
  #nextFree = 0;
  readonly #rackPointers = new Map<string, { list: number[]; next: number }>();

  constructor(
    topic: number,
    partitions: number,
    subscribers: readonly number[],
    slotRacks: readonly (string | null)[],
    partitionRacks: readonly ReadonlySet<string>[] | null,
    needsRackAware: boolean,
  ) {
    this.topic = topic;
    this.partitions = partitions;
    this.subscribers = subscribers;
    this.slotRacks = slotRacks;
    this.partitionRacks = partitionRacks;
    this.needsRackAware = needsRackAware;
    this.owner = new Int32Array(partitions).fill(-1);
    this.taken = new Int32Array(subscribers.length);
    const k = subscribers.length;
    this.#perConsumer = k === 0 ? 0 : Math.floor(partitions / k);
    this.#withExtraLeft = k === 0 ? 0 : partitions % k;
    this.#unassigned = partitions;
  }

  /** ⌊P/C⌋: what every consumer gets at least. */
  get perConsumer(): number {
    return this.#perConsumer;
  }

  /** How many consumers may still get one partition more than `perConsumer`. */
  get withExtraLeft(): number {
    return this.#withExtraLeft;
  }

  /** Kafka's maxAssignable: how many more partitions `slot` may take now. */
  maxAssignable(slot: Slot): number {
    const cap = this.#perConsumer + (this.#withExtraLeft > 0 ? 1 : 0);
    return Math.max(0, cap - (this.taken[slot] as number));
  }

  /** True when the consumer at `slot` may take partition `p` under the rack filter. */
  racksMatch(slot: Slot, p: number): boolean {
    const rack = this.slotRacks[slot] ?? null;
    return rack === null || (this.partitionRacks?.[p]?.has(rack) ?? false);
  }

  /** Gives partition `p` to `slot` as one assignment (Kafka's `assign` with a one-element list). */
  assignOne(slot: Slot, p: number): void {
    this.owner[p] = this.subscribers[slot] as number;
    this.#onAssigned(slot, 1);
  }

  /**
   * Kafka's assignRanges: each consumer in ring order takes the first `maxAssignable` unassigned
   * partitions (only those on its rack when `matchRacks`; a consumer without a rack matches all).
   */
  assignRanges(matchRacks: boolean): void {
    for (let slot = 0; slot < this.subscribers.length && this.#unassigned > 0; slot++) {
      const quota = this.maxAssignable(slot);
      if (quota === 0) continue;
      const rack = matchRacks ? (this.slotRacks[slot] ?? null) : null;
      const n = rack === null ? this.#takeFree(slot, quota) : this.#takeOnRack(slot, rack, quota);
      if (n > 0) this.#onAssigned(slot, n);
    }
  }

  /** Kafka's onAssigned: one call may use up a consumer's extra partition, never more than one. */
  #onAssigned(slot: Slot, n: number): void {
    const taken = (this.taken[slot] as number) + n;
    this.taken[slot] = taken;
    if (taken > this.#perConsumer) this.#withExtraLeft--;
    this.#unassigned -= n;
  }

  #takeFree(slot: Slot, quota: number): number {
    const member = this.subscribers[slot] as number;
    let n = 0;
    let p = this.#nextFree;
    for (; p < this.partitions && n < quota; p++) {
      if (this.owner[p] !== -1) continue;
      this.owner[p] = member;
      n++;
    }
    this.#nextFree = p;
    return n;
  }

  #takeOnRack(slot: Slot, rack: string, quota: number): number {
    const pointer = this.#rackPointer(rack);
    const member = this.subscribers[slot] as number;
    const list = pointer.list;
    let n = 0;
    let i = pointer.next;
    for (; i < list.length && n < quota; i++) {
      const p = list[i] as number;
      if (this.owner[p] !== -1) continue;
      this.owner[p] = member;
      n++;
    }
    pointer.next = i;
    return n;
  }

  /** The partitions with a replica on `rack`, ascending, with a scan pointer (built on first use). */
  #rackPointer(rack: string): { list: number[]; next: number } {
    let pointer = this.#rackPointers.get(rack);
    if (pointer === undefined) {
      const list: number[] = [];
      const racks = this.partitionRacks;
      if (racks !== null) for (let p = 0; p < this.partitions; p++) if ((racks[p] as ReadonlySet<string>).has(rack)) list.push(p);
      pointer = { list, next: 0 };
      this.#rackPointers.set(rack, pointer);
    }
    return pointer;
  }
}
