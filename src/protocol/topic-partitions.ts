/**
 * TopicPartitions: topic name -> ascending partition ids, behind the ReadonlyMap interface.
 *
 * The class here stores a whole set in three flat arrays (sorted topic names, run starts,
 * partition ids) instead of one JS array per topic. Assignors build millions of these at
 * Kafka's scale, and a Map plus an array per topic costs more to build than the assignment
 * itself; the per-topic arrays are materialized only when someone asks for one.
 */
import { UsageError } from '../errors.js';

/** Topic name -> ascending, distinct partition ids. Any ReadonlyMap works as input; kgroup returns {@link PackedTopicPartitions}. */
export type TopicPartitions = ReadonlyMap<string, readonly number[]>;

/** One partition of one topic. */
export interface TopicPartition {
  readonly topic: string;
  readonly partition: number;
}

const MAX_INT32 = 0x7fffffff;

/** Node's `util.inspect` hook, looked up by its registered symbol so that no node: import is needed. */
const INSPECT = Symbol.for('nodejs.util.inspect.custom');

type Inspect = (value: unknown, options: unknown) => string;

/**
 * The flat arrays behind a {@link PackedTopicPartitions}, for kgroup's own hot paths (the
 * codec). Read-only: mutating them breaks the set. Not part of the public API.
 * @internal
 */
export interface PackedArrays {
  /** Topic names, strictly ascending. */
  readonly topics: readonly string[];
  /** `starts[i]..starts[i+1]` is the run of topic i in `partitions`; length topics.length + 1. */
  readonly starts: Int32Array;
  /** Partition ids, each run strictly ascending. */
  readonly partitions: Int32Array;
}

let arraysOf: (tp: PackedTopicPartitions) => PackedArrays;

/**
 * The arrays behind `tp`, without copying them. Module-level rather than a member so that it
 * stays out of the public class.
 * @internal
 */
export function packedArrays(tp: PackedTopicPartitions): PackedArrays {
  return arraysOf(tp);
}

/** Compares strings by UTF-16 code unit, as Java's String.compareTo does (never localeCompare). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function checkPartition(topic: string, partition: number): void {
  if (!Number.isInteger(partition) || partition < 0 || partition > MAX_INT32) {
    throw new UsageError(`partition ${String(partition)} of topic '${topic}' is not an int32 >= 0`);
  }
}

/** An immutable, packed {@link TopicPartitions}: topics sorted, partitions ascending and distinct, no empty topics. */
export class PackedTopicPartitions implements ReadonlyMap<string, readonly number[]> {
  static {
    arraysOf = (tp) => ({ topics: tp.#topics, starts: tp.#starts, partitions: tp.#partitions });
    // Prints `TopicPartitions(2) { 'bar' => [ 2 ], 'foo' => [ 0, 1 ] }` in Node's console and
    // test output instead of an empty object. Defined here rather than as a method so that it
    // stays out of the public type.
    Object.defineProperty(this.prototype, INSPECT, {
      configurable: true,
      writable: true,
      enumerable: false,
      value: function (this: PackedTopicPartitions, depth: number, options: unknown, inspect?: Inspect): string {
        const name = `TopicPartitions(${this.size})`;
        if (depth < 0) return `[${name}]`;
        if (typeof inspect !== 'function') return `${name} ${JSON.stringify(this.toJSON())}`;
        // `depth` is what remains for this value; hand the same budget to the map we print.
        const nested = typeof options === 'object' && options !== null ? { ...options, depth } : options;
        return `${name} ${inspect(new Map(this.entries()), nested).replace(/^Map\(\d+\) /, '')}`;
      },
    });
  }

  /** The empty set. */
  static readonly EMPTY: PackedTopicPartitions = new PackedTopicPartitions([], new Int32Array(1), new Int32Array(0));

  readonly #topics: readonly string[];
  readonly #starts: Int32Array;
  readonly #partitions: Int32Array;
  #views: (readonly number[] | undefined)[] | undefined;

  private constructor(topics: readonly string[], starts: Int32Array, partitions: Int32Array) {
    this.#topics = topics;
    this.#starts = starts;
    this.#partitions = partitions;
  }

  /**
   * Wraps already-normalized arrays without checking them: `topics` strictly ascending,
   * `starts` of length topics.length + 1 with non-empty runs, each run strictly ascending.
   * For kgroup's own hot paths; use {@link PackedTopicPartitions.from} for anything else.
   * @internal
   */
  static fromNormalized(topics: readonly string[], starts: Int32Array, partitions: Int32Array): PackedTopicPartitions {
    return topics.length === 0 ? PackedTopicPartitions.EMPTY : new PackedTopicPartitions(topics, starts, partitions);
  }

  /**
   * Normalizes any topic -> partitions collection: sorts topics and partitions, drops
   * duplicates and topics with no partitions. Throws {@link UsageError} for a partition id
   * that is not an int32 >= 0.
   */
  static from(source: TopicPartitions | Iterable<readonly [string, Iterable<number>]>): PackedTopicPartitions {
    if (source instanceof PackedTopicPartitions) return source;
    const builder = new TopicPartitionsBuilder();
    for (const [topic, partitions] of source) {
      for (const p of partitions) builder.add(topic, p);
    }
    return builder.build();
  }

  /** Number of topics. */
  get size(): number {
    return this.#topics.length;
  }

  /** Number of partitions across all topics. */
  get partitionCount(): number {
    return this.#partitions.length;
  }

  /** Index of `topic` in the sorted topic list, or -1. */
  indexOf(topic: string): number {
    const topics = this.#topics;
    let lo = 0;
    let hi = topics.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const t = topics[mid] as string;
      if (t === topic) return mid;
      if (t < topic) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** True when the set has at least one partition of `topic`. */
  has(topic: string): boolean {
    return this.indexOf(topic) >= 0;
  }

  /** True when the set holds `partition` of `topic`. */
  hasPartition(topic: string, partition: number): boolean {
    const i = this.indexOf(topic);
    if (i < 0) return false;
    const parts = this.#partitions;
    let lo = this.#starts[i] as number;
    let hi = (this.#starts[i + 1] as number) - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const p = parts[mid] as number;
      if (p === partition) return true;
      if (p < partition) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }

  /** The partitions of `topic`, ascending, or undefined when it has none. */
  get(topic: string): readonly number[] | undefined {
    const i = this.indexOf(topic);
    return i < 0 ? undefined : this.partitionsAt(i);
  }

  /** The name of the i-th topic in ascending order. */
  topicAt(i: number): string {
    const t = this.#topics[i];
    if (t === undefined) throw new UsageError(`topic index ${i} is out of range 0..${this.#topics.length - 1}`);
    return t;
  }

  /** The partitions of the i-th topic, ascending (a cached, frozen array). */
  partitionsAt(i: number): readonly number[] {
    this.topicAt(i);
    const views = (this.#views ??= new Array<readonly number[] | undefined>(this.#topics.length));
    let view = views[i];
    if (view === undefined) {
      view = Object.freeze(Array.from(this.#partitions.subarray(this.#starts[i], this.#starts[i + 1])));
      views[i] = view;
    }
    return view;
  }

  /** Calls `fn` for every partition, topics ascending then partitions ascending, without allocating per topic. */
  forEachPartition(fn: (topic: string, partition: number) => void): void {
    const topics = this.#topics;
    const starts = this.#starts;
    const parts = this.#partitions;
    for (let i = 0; i < topics.length; i++) {
      const topic = topics[i] as string;
      const end = starts[i + 1] as number;
      for (let j = starts[i] as number; j < end; j++) fn(topic, parts[j] as number);
    }
  }

  forEach(fn: (partitions: readonly number[], topic: string, map: ReadonlyMap<string, readonly number[]>) => void): void {
    for (let i = 0; i < this.#topics.length; i++) fn(this.partitionsAt(i), this.#topics[i] as string, this);
  }

  *keys(): MapIterator<string> {
    yield* this.#topics;
  }

  *values(): MapIterator<readonly number[]> {
    for (let i = 0; i < this.#topics.length; i++) yield this.partitionsAt(i);
  }

  *entries(): MapIterator<[string, readonly number[]]> {
    for (let i = 0; i < this.#topics.length; i++) yield [this.#topics[i] as string, this.partitionsAt(i)];
  }

  [Symbol.iterator](): MapIterator<[string, readonly number[]]> {
    return this.entries();
  }

  get [Symbol.toStringTag](): string {
    return 'TopicPartitions';
  }

  /** A plain object for JSON and test output: `{ topic: [partitions] }` (null prototype). */
  toJSON(): Record<string, number[]> {
    const out = Object.create(null) as Record<string, number[]>;
    for (let i = 0; i < this.#topics.length; i++) out[this.#topics[i] as string] = [...this.partitionsAt(i)];
    return out;
  }
}

/**
 * Accumulates (topic, partition) pairs in any order and builds a {@link PackedTopicPartitions}.
 * Appending topics in ascending order with ascending partitions is the fast path: no sort, no Map.
 */
export class TopicPartitionsBuilder {
  #topics: string[] = [];
  #runs: number[][] = [];
  #ordered = true;
  #partitionsOrdered = true;

  /** Adds one partition. Throws {@link UsageError} for a partition id that is not an int32 >= 0. */
  add(topic: string, partition: number): this {
    checkPartition(topic, partition);
    const last = this.#topics.length - 1;
    const lastTopic = this.#topics[last];
    if (lastTopic === topic) {
      const run = this.#runs[last] as number[];
      if (partition <= (run[run.length - 1] as number)) this.#partitionsOrdered = false;
      run.push(partition);
      return this;
    }
    if (lastTopic !== undefined && topic < lastTopic) this.#ordered = false;
    this.#topics.push(topic);
    this.#runs.push([partition]);
    return this;
  }

  /** Adds every partition of `partitions` for `topic`. */
  addAll(topic: string, partitions: Iterable<number>): this {
    for (const p of partitions) this.add(topic, p);
    return this;
  }

  /** Number of pairs added so far (duplicates included). */
  get count(): number {
    let n = 0;
    for (const run of this.#runs) n += run.length;
    return n;
  }

  /** Builds the normalized, immutable set. The builder can be reused afterwards: it starts empty. */
  build(): PackedTopicPartitions {
    let topics = this.#topics;
    let runs = this.#runs;
    if (!this.#ordered) [topics, runs] = mergeRuns(topics, runs);
    const sortRuns = !this.#ordered || !this.#partitionsOrdered;
    this.#topics = [];
    this.#runs = [];
    this.#ordered = true;
    this.#partitionsOrdered = true;
    return pack(topics, runs, sortRuns);
  }
}

function mergeRuns(topics: readonly string[], runs: readonly number[][]): [string[], number[][]] {
  const byTopic = new Map<string, number[]>();
  for (let i = 0; i < topics.length; i++) {
    const topic = topics[i] as string;
    const run = runs[i] as number[];
    const existing = byTopic.get(topic);
    if (existing === undefined) byTopic.set(topic, run);
    else for (const p of run) existing.push(p);
  }
  const sorted = [...byTopic.keys()].sort(compareStrings);
  return [sorted, sorted.map((t) => byTopic.get(t) as number[])];
}

function pack(topics: readonly string[], runs: readonly number[][], sortRuns: boolean): PackedTopicPartitions {
  let total = 0;
  for (const run of runs) total += run.length;
  const starts = new Int32Array(topics.length + 1);
  const parts = new Int32Array(total);
  let n = 0;
  for (let i = 0; i < runs.length; i++) {
    const run = runs[i] as number[];
    if (sortRuns) run.sort((a, b) => a - b);
    let prev = -1;
    for (const p of run) {
      if (p !== prev) parts[n++] = p;
      prev = p;
    }
    starts[i + 1] = n;
  }
  return PackedTopicPartitions.fromNormalized(topics, starts, n === total ? parts : parts.slice(0, n));
}
