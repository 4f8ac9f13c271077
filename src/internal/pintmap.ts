/**
 * A persistent map keyed by partition ids (integers 0..2^31-1), behind the ReadonlyMap
 * interface: the committed offsets of one topic. A commit or a replayed OffsetCommit record
 * replaces one partition's offset by copying one short path of the trie; copying a plain Map
 * instead made replaying a log of N commits over a topic of P partitions cost N x P.
 *
 * A partition id is its own hash (distinct ids never collide). Iteration follows the trie, not
 * the ids: callers that need an order sort what they read, as they do for a Map from outside.
 */
import { InvariantError } from '../errors.js';
import { deleteIn, entriesIn, forEachIn, getIn, setIn, type TrieNode } from './hamt.js';

function checkKey(key: number): void {
  if (!Number.isInteger(key) || key < 0 || key > 0x7fffffff) throw new InvariantError(`PIntMap keys are int32 >= 0, got ${String(key)}`);
}

/** An immutable map from partition ids to `V`; `set` and `delete` return a new map sharing structure. */
export class PIntMap<V> implements ReadonlyMap<number, V> {
  private static readonly EMPTY: PIntMap<never> = new PIntMap<never>(undefined, 0);

  /** The empty map. */
  static empty<V>(): PIntMap<V> {
    return PIntMap.EMPTY as PIntMap<V>;
  }

  /** A map holding `entries` (a PIntMap is returned as it is); a later duplicate key wins. */
  static from<V>(entries: ReadonlyMap<number, V> | Iterable<readonly [number, V]>): PIntMap<V> {
    if (entries instanceof PIntMap) return entries as PIntMap<V>;
    let m = PIntMap.empty<V>();
    for (const [k, v] of entries) m = m.set(k, v);
    return m;
  }

  private constructor(
    private readonly root: TrieNode<number, V> | undefined,
    /** The number of keys. */
    readonly size: number,
  ) {}

  /** The value of `key`, or undefined. */
  get(key: number): V | undefined {
    return this.root === undefined ? undefined : getIn(this.root, key >>> 0, key, 0);
  }

  /** True when `key` is present. */
  has(key: number): boolean {
    return this.get(key) !== undefined;
  }

  /** A map with `key` bound to `value` (undefined values are not allowed). */
  set(key: number, value: V): PIntMap<V> {
    checkKey(key);
    if (value === undefined) throw new InvariantError('PIntMap values must not be undefined');
    const leaf = { kind: 1 as const, hash: key >>> 0, key, value };
    if (this.root === undefined) return new PIntMap(leaf, 1);
    const [root, added] = setIn(this.root, leaf, 0);
    return root === this.root ? this : new PIntMap(root, added ? this.size + 1 : this.size);
  }

  /** A map without `key`. */
  delete(key: number): PIntMap<V> {
    if (this.root === undefined) return this;
    const root = deleteIn(this.root, key >>> 0, key, 0);
    if (root === this.root) return this;
    return root === undefined ? PIntMap.empty<V>() : new PIntMap(root, this.size - 1);
  }

  /** Calls `fn` for every entry, in trie order. */
  forEach(fn: (value: V, key: number, map: ReadonlyMap<number, V>) => void): void {
    if (this.root !== undefined) forEachIn(this.root, (v, k) => fn(v, k, this));
  }

  /** Every entry, in trie order. */
  *entries(): MapIterator<[number, V]> {
    if (this.root !== undefined) yield* entriesIn(this.root);
  }

  /** Every key, in trie order. */
  *keys(): MapIterator<number> {
    for (const [k] of this.entries()) yield k;
  }

  /** Every value, in trie order. */
  *values(): MapIterator<V> {
    for (const [, v] of this.entries()) yield v;
  }

  [Symbol.iterator](): MapIterator<[number, V]> {
    return this.entries();
  }
}
