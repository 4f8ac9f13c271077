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

interface Leaf<V> {
  readonly kind: 1;
  readonly hash: number;
  readonly key: string;
  readonly value: V;
}
interface Branch<V> {
  readonly kind: 0;
  readonly bitmap: number;
  readonly children: readonly TrieNode<V>[];
}
/** Keys whose 32-bit hashes are equal. */
interface Collision<V> {
  readonly kind: 2;
  readonly hash: number;
  readonly leaves: readonly Leaf<V>[];
}
type TrieNode<V> = Leaf<V> | Branch<V> | Collision<V>;

const BITS = 5;
const MASK = 31;

// FNV-1a over UTF-16 code units: cheap, and good enough to spread member ids over the trie.
function hashString(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function popcount(x: number): number {
  let n = x - ((x >>> 1) & 0x55555555);
  n = (n & 0x33333333) + ((n >>> 2) & 0x33333333);
  return (Math.imul((n + (n >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

function nodeHash<V>(node: Leaf<V> | Collision<V>): number {
  return node.hash;
}

/** Joins two hashed nodes that collide at `shift` into the smallest subtree holding both. */
function merge<V>(a: Leaf<V> | Collision<V>, b: Leaf<V>, shift: number): TrieNode<V> {
  const ha = nodeHash(a);
  if (ha === b.hash) {
    const leaves = a.kind === 1 ? [a, b] : [...a.leaves, b];
    return { kind: 2, hash: ha, leaves };
  }
  const ia = (ha >>> shift) & MASK;
  const ib = (b.hash >>> shift) & MASK;
  if (ia === ib) return { kind: 0, bitmap: 1 << ia, children: [merge(a, b, shift + BITS)] };
  return { kind: 0, bitmap: (1 << ia) | (1 << ib), children: ia < ib ? [a, b] : [b, a] };
}

function getIn<V>(node: TrieNode<V>, hash: number, key: string, shift: number): V | undefined {
  let n: TrieNode<V> = node;
  let s = shift;
  for (;;) {
    if (n.kind === 1) return n.hash === hash && n.key === key ? n.value : undefined;
    if (n.kind === 2) {
      if (n.hash !== hash) return undefined;
      for (const leaf of n.leaves) if (leaf.key === key) return leaf.value;
      return undefined;
    }
    const bit = 1 << ((hash >>> s) & MASK);
    if ((n.bitmap & bit) === 0) return undefined;
    n = n.children[popcount(n.bitmap & (bit - 1))] as TrieNode<V>;
    s += BITS;
  }
}

/** Returns the new node and whether the key was new; the same node when nothing changed. */
function setIn<V>(node: TrieNode<V>, leaf: Leaf<V>, shift: number): [TrieNode<V>, boolean] {
  if (node.kind === 1) {
    if (node.hash === leaf.hash && node.key === leaf.key) return [node.value === leaf.value ? node : leaf, false];
    return [merge(node, leaf, shift), true];
  }
  if (node.kind === 2) {
    if (node.hash !== leaf.hash) return [merge(node, leaf, shift), true];
    const at = node.leaves.findIndex((l) => l.key === leaf.key);
    if (at < 0) return [{ kind: 2, hash: node.hash, leaves: [...node.leaves, leaf] }, true];
    const leaves = node.leaves.slice();
    leaves[at] = leaf;
    return [{ kind: 2, hash: node.hash, leaves }, false];
  }
  const bit = 1 << ((leaf.hash >>> shift) & MASK);
  const idx = popcount(node.bitmap & (bit - 1));
  const children = node.children.slice();
  if ((node.bitmap & bit) === 0) {
    children.splice(idx, 0, leaf);
    return [{ kind: 0, bitmap: node.bitmap | bit, children }, true];
  }
  const [child, added] = setIn(node.children[idx] as TrieNode<V>, leaf, shift + BITS);
  if (child === node.children[idx]) return [node, false];
  children[idx] = child;
  return [{ kind: 0, bitmap: node.bitmap, children }, added];
}

/** Returns the new node (undefined when it became empty), or the same node when the key is absent. */
function deleteIn<V>(node: TrieNode<V>, hash: number, key: string, shift: number): TrieNode<V> | undefined {
  if (node.kind === 1) return node.hash === hash && node.key === key ? undefined : node;
  if (node.kind === 2) {
    if (node.hash !== hash) return node;
    const leaves = node.leaves.filter((l) => l.key !== key);
    if (leaves.length === node.leaves.length) return node;
    return leaves.length === 1 ? leaves[0] : { kind: 2, hash: node.hash, leaves };
  }
  const bit = 1 << ((hash >>> shift) & MASK);
  if ((node.bitmap & bit) === 0) return node;
  const idx = popcount(node.bitmap & (bit - 1));
  const old = node.children[idx] as TrieNode<V>;
  const child = deleteIn(old, hash, key, shift + BITS);
  if (child === old) return node;
  if (child === undefined) {
    if (node.children.length === 1) return undefined;
    const children = node.children.slice();
    children.splice(idx, 1);
    const rest = children[0] as TrieNode<V>;
    // A branch left with one leaf collapses into it, so that lookups stay short.
    if (children.length === 1 && rest.kind !== 0) return rest;
    return { kind: 0, bitmap: node.bitmap & ~bit, children };
  }
  const children = node.children.slice();
  children[idx] = child;
  if (children.length === 1 && child.kind !== 0) return child;
  return { kind: 0, bitmap: node.bitmap, children };
}

function* entriesIn<V>(node: TrieNode<V>): Generator<[string, V]> {
  if (node.kind === 1) yield [node.key, node.value];
  else if (node.kind === 2) for (const l of node.leaves) yield [l.key, l.value];
  else for (const c of node.children) yield* entriesIn(c);
}

function forEachIn<V>(node: TrieNode<V>, fn: (value: V, key: string) => void): void {
  if (node.kind === 1) fn(node.value, node.key);
  else if (node.kind === 2) for (const l of node.leaves) fn(l.value, l.key);
  else for (const c of node.children) forEachIn(c, fn);
}

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
    private readonly root: TrieNode<V> | undefined,
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
    const leaf: Leaf<V> = { kind: 1, hash: hashString(key), key, value };
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
