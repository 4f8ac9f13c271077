/**
 * Kafka's PartitionMovements, the general path's "stickiness memory": for every partition moved
 * during this assignment it remembers where the partition came from, per topic and per
 * (source, destination) pair. When a partition should move from A to B and some partition of
 * the same topic already moved from B to A, Kafka moves that one back instead, so that two
 * members do not swap partitions of one topic.
 *
 * Which partition is moved back is the first of the pair's set in Java `HashSet` iteration
 * order, which kgroup reproduces: bucket of `TopicPartition.hashCode()` in the set's table
 * (16 buckets, doubled past three quarters full, never shrunk while the set lives), then
 * insertion order.
 *
 * A large reassignment records hundreds of thousands of moves, so nothing is allocated per move:
 * each set is a doubly linked list threaded through per-partition typed arrays (a partition is
 * in at most one set), and a set's own fields live in growable typed arrays indexed by set id.
 */
import { javaBucket, javaStringHash, topicPartitionHash } from '../java-hash.js';
import type { StickyLayout } from '../layout.js';

/** Growable per-set fields. */
class SetTable {
  head = new Int32Array(64);
  size = new Int32Array(64);
  capacity = new Int32Array(64);
  /** The set's first partition in Java order, -1 when it must be recomputed. */
  first = new Int32Array(64);
  readonly #free: number[] = [];
  #count = 0;

  allocate(): number {
    const id = this.#free.pop() ?? this.#count++;
    if (id >= this.head.length) this.#grow();
    this.head[id] = -1;
    this.size[id] = 0;
    this.capacity[id] = 16;
    this.first[id] = -1;
    return id;
  }

  release(id: number): void {
    this.#free.push(id);
  }

  #grow(): void {
    const n = this.head.length * 2;
    const grow = (a: Int32Array) => {
      const b = new Int32Array(n);
      b.set(a);
      return b;
    };
    this.head = grow(this.head);
    this.size = grow(this.size);
    this.capacity = grow(this.capacity);
    this.first = grow(this.first);
  }
}

/** The movement records of one general-path assignment. */
export class PartitionMovements {
  readonly #layout: StickyLayout;
  readonly #memberCount: number;
  /** Where each moved partition was before its first move, -1 when it has not moved. */
  readonly #source: Int32Array;
  /** The set each moved partition is recorded in, and its neighbours there. */
  readonly #setOf: Int32Array;
  readonly #next: Int32Array;
  readonly #prev: Int32Array;
  /** Insertion sequence of each recorded partition (Java keeps insertion order within a bucket). */
  readonly #seq: Float64Array;
  readonly #recordsOfTopic: Int32Array;
  readonly #topicHash: Int32Array;
  readonly #sets = new SetTable();
  /** (topic, source, destination) -> set id. */
  readonly #setIds = new Map<number | string, number>();
  readonly #numericKeys: boolean;
  #nextSeq = 0;

  constructor(layout: StickyLayout) {
    this.#layout = layout;
    this.#memberCount = layout.members.length;
    const total = layout.totalPartitions;
    this.#source = new Int32Array(total).fill(-1);
    this.#setOf = new Int32Array(total).fill(-1);
    this.#next = new Int32Array(total);
    this.#prev = new Int32Array(total);
    this.#seq = new Float64Array(total);
    this.#recordsOfTopic = new Int32Array(layout.topics.length);
    this.#topicHash = Int32Array.from(layout.topics, javaStringHash);
    this.#numericKeys = layout.topics.length * this.#memberCount * this.#memberCount < 2 ** 53;
  }

  /** Kafka's getTheActualPartitionToBeMoved: `g` itself, or a partition of its topic that moved from `to` back to where `g` came from. */
  actualPartitionToMove(g: number, from: number, to: number): number {
    const t = this.#layout.topicOf[g] as number;
    if (this.#recordsOfTopic[t] === 0) return g;
    const source = this.#source[g] as number;
    const reverse = this.#setIds.get(this.#key(t, to, source >= 0 ? source : from));
    return reverse === undefined ? g : this.#firstOf(reverse);
  }

  /** Records the move of `g` from `from` to `to`. */
  move(g: number, from: number, to: number): void {
    const t = this.#layout.topicOf[g] as number;
    const source = this.#source[g] as number;
    if (source < 0) {
      this.#add(t, g, from, to);
      return;
    }
    this.#remove(t, g, source, from);
    // Moving back to where it came from leaves no record.
    if (source !== to) this.#add(t, g, source, to);
  }

  #key(t: number, from: number, to: number): number | string {
    return this.#numericKeys ? (t * this.#memberCount + from) * this.#memberCount + to : `${t},${from},${to}`;
  }

  #add(t: number, g: number, from: number, to: number): void {
    const key = this.#key(t, from, to);
    let set = this.#setIds.get(key);
    if (set === undefined) {
      set = this.#sets.allocate();
      this.#setIds.set(key, set);
    }
    const sets = this.#sets;
    const head = sets.head[set] as number;
    this.#next[g] = head;
    this.#prev[g] = -1;
    if (head >= 0) this.#prev[head] = g;
    sets.head[set] = g;
    this.#setOf[g] = set;
    this.#seq[g] = this.#nextSeq++;
    const size = (sets.size[set] as number) + 1;
    sets.size[set] = size;
    const first = sets.first[set] as number;
    if (size > (sets.capacity[set] as number) * 0.75) {
      sets.capacity[set] = (sets.capacity[set] as number) * 2;
      sets.first[set] = -1;
    } else if (first >= 0 && this.#before(g, first, sets.capacity[set] as number)) sets.first[set] = g;
    else if (size === 1) sets.first[set] = g;
    this.#source[g] = from;
    this.#recordsOfTopic[t] = (this.#recordsOfTopic[t] as number) + 1;
  }

  #remove(t: number, g: number, from: number, to: number): void {
    const set = this.#setOf[g] as number;
    const sets = this.#sets;
    const prev = this.#prev[g] as number;
    const next = this.#next[g] as number;
    if (prev >= 0) this.#next[prev] = next;
    else sets.head[set] = next;
    if (next >= 0) this.#prev[next] = prev;
    const size = (sets.size[set] as number) - 1;
    sets.size[set] = size;
    if (sets.first[set] === g) sets.first[set] = -1;
    // An emptied set is dropped: Kafka creates a new HashSet (of 16 buckets) the next time.
    if (size === 0) {
      this.#setIds.delete(this.#key(t, from, to));
      sets.release(set);
    }
    this.#setOf[g] = -1;
    this.#source[g] = -1;
    this.#recordsOfTopic[t] = (this.#recordsOfTopic[t] as number) - 1;
  }

  /** The first partition of a set in Java iteration order. */
  #firstOf(set: number): number {
    const sets = this.#sets;
    let best = sets.first[set] as number;
    if (best >= 0) return best;
    const capacity = sets.capacity[set] as number;
    for (let g = sets.head[set] as number; g >= 0; g = this.#next[g] as number) if (best < 0 || this.#before(g, best, capacity)) best = g;
    sets.first[set] = best;
    return best;
  }

  /** True when `a` comes before `b` in a Java HashSet of `capacity` buckets. */
  #before(a: number, b: number, capacity: number): boolean {
    const ba = javaBucket(this.#hash(a), capacity);
    const bb = javaBucket(this.#hash(b), capacity);
    return ba < bb || (ba === bb && (this.#seq[a] as number) < (this.#seq[b] as number));
  }

  #hash(g: number): number {
    const t = this.#layout.topicOf[g] as number;
    return topicPartitionHash(this.#topicHash[t] as number, g - (this.#layout.base[t] as number));
  }
}
