/**
 * A persistent (immutable, structurally shared) hash map keyed by strings: a hash array mapped
 * trie with 32-way branching. `set` and `delete` copy one path of at most seven small nodes and
 * share the rest, so updating one member of a 10,000-member group costs about as much as
 * updating one member of a 100-member group, and older versions stay valid. That is what lets
 * the coordinator's step stay pure without copying the member table on every request.
 *
 * Iteration order is the order of the keys' hashes: deterministic, but meaningless. Callers that
 * need an order (join order, sorted ids) sort what they read.
 */
import { InvariantError } from '../errors.js';
import { deleteIn, entriesIn, forEachIn, getIn, hashString, setIn, type Leaf, type TrieNode } from './hamt.js';

/**
 * An immutable map from strings to `V` with cheap updates that share structure with the
 * previous version. Every method that changes the map returns a new map (or this one when
 * nothing changed).
 */
export class PMap<V> {
  /** The empty map. */
  static empty<V>(): PMap<V> {
    return PMap.EMPTY as PMap<V>;
  }

  private static readonly EMPTY: PMap<never> = new PMap<never>(undefined, 0);

  /** A map holding `entries`; a later duplicate key wins. */
  static from<V>(entries: Iterable<readonly [string, V]>): PMap<V> {
    let m = PMap.empty<V>();
    for (const [k, v] of entries) m = m.set(k, v);
    return m;
  }

  private constructor(
    private readonly root: TrieNode<string, V> | undefined,
    /** The number of keys. */
    readonly size: number,
  ) {}

  /** The value of `key`, or undefined. */
  get(key: string): V | undefined {
    return this.root === undefined ? undefined : getIn(this.root, hashString(key), key, 0);
  }

  /** True when `key` is present. */
  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  /** A map with `key` bound to `value` (undefined values are not allowed). */
  set(key: string, value: V): PMap<V> {
    if (value === undefined) throw new InvariantError('PMap values must not be undefined');
    const leaf: Leaf<string, V> = { kind: 1, hash: hashString(key), key, value };
    if (this.root === undefined) return new PMap(leaf, 1);
    const [root, added] = setIn(this.root, leaf, 0);
    return root === this.root ? this : new PMap(root, added ? this.size + 1 : this.size);
  }

  /** A map without `key`. */
  delete(key: string): PMap<V> {
    if (this.root === undefined) return this;
    const root = deleteIn(this.root, hashString(key), key, 0);
    if (root === this.root) return this;
    return root === undefined ? PMap.empty<V>() : new PMap(root, this.size - 1);
  }

  /** Calls `fn` for every entry, in hash order. */
  forEach(fn: (value: V, key: string) => void): void {
    if (this.root !== undefined) forEachIn(this.root, fn);
  }

  /** Every entry, in hash order. */
  *entries(): Generator<[string, V]> {
    if (this.root !== undefined) yield* entriesIn(this.root);
  }

  /** Every key, in hash order. */
  *keys(): Generator<string> {
    for (const [k] of this.entries()) yield k;
  }

  /** Every value, in hash order. */
  *values(): Generator<V> {
    for (const [, v] of this.entries()) yield v;
  }
}
