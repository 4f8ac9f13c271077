/**
 * The hash array mapped trie behind kgroup's persistent maps (32-way branching), generic in the
 * key: `set` and `delete` copy one path of at most seven small nodes and share the rest, so
 * older versions stay valid. `PMap` keys it by strings (hashed), `PIntMap` by partition ids
 * (their own hash).
 */

/** One key and its value, with the key's hash. */
export interface Leaf<K, V> {
  readonly kind: 1;
  readonly hash: number;
  readonly key: K;
  readonly value: V;
}
/** Up to 32 children, one per 5-bit slice of the hash present in `bitmap`. */
export interface Branch<K, V> {
  readonly kind: 0;
  readonly bitmap: number;
  readonly children: readonly TrieNode<K, V>[];
}
/** Keys whose 32-bit hashes are equal. */
export interface Collision<K, V> {
  readonly kind: 2;
  readonly hash: number;
  readonly leaves: readonly Leaf<K, V>[];
}
/** A node of the trie. */
export type TrieNode<K, V> = Leaf<K, V> | Branch<K, V> | Collision<K, V>;

const BITS = 5;
const MASK = 31;

/** FNV-1a over UTF-16 code units: cheap, and good enough to spread member ids over the trie. */
export function hashString(key: string): number {
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

function nodeHash<K, V>(node: Leaf<K, V> | Collision<K, V>): number {
  return node.hash;
}

/** Joins two hashed nodes that collide at `shift` into the smallest subtree holding both. */
function merge<K, V>(a: Leaf<K, V> | Collision<K, V>, b: Leaf<K, V>, shift: number): TrieNode<K, V> {
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

/** The value of `key` (whose hash is `hash`) under `node`, or undefined. */
export function getIn<K, V>(node: TrieNode<K, V>, hash: number, key: K, shift: number): V | undefined {
  let n: TrieNode<K, V> = node;
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
    n = n.children[popcount(n.bitmap & (bit - 1))] as TrieNode<K, V>;
    s += BITS;
  }
}

/** Returns the new node and whether the key was new; the same node when nothing changed. */
export function setIn<K, V>(node: TrieNode<K, V>, leaf: Leaf<K, V>, shift: number): [TrieNode<K, V>, boolean] {
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
  const [child, added] = setIn(node.children[idx] as TrieNode<K, V>, leaf, shift + BITS);
  if (child === node.children[idx]) return [node, false];
  children[idx] = child;
  return [{ kind: 0, bitmap: node.bitmap, children }, added];
}

/** Returns the new node (undefined when it became empty), or the same node when the key is absent. */
export function deleteIn<K, V>(node: TrieNode<K, V>, hash: number, key: K, shift: number): TrieNode<K, V> | undefined {
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
  const old = node.children[idx] as TrieNode<K, V>;
  const child = deleteIn(old, hash, key, shift + BITS);
  if (child === old) return node;
  if (child === undefined) {
    if (node.children.length === 1) return undefined;
    const children = node.children.slice();
    children.splice(idx, 1);
    const rest = children[0] as TrieNode<K, V>;
    // A branch left with one leaf collapses into it, so that lookups stay short.
    if (children.length === 1 && rest.kind !== 0) return rest;
    return { kind: 0, bitmap: node.bitmap & ~bit, children };
  }
  const children = node.children.slice();
  children[idx] = child;
  if (children.length === 1 && child.kind !== 0) return child;
  return { kind: 0, bitmap: node.bitmap, children };
}

/** Every entry under `node`, in trie order. */
export function* entriesIn<K, V>(node: TrieNode<K, V>): Generator<[K, V]> {
  if (node.kind === 1) yield [node.key, node.value];
  else if (node.kind === 2) for (const l of node.leaves) yield [l.key, l.value];
  else for (const c of node.children) yield* entriesIn(c);
}

/** Calls `fn` for every entry under `node`, in trie order. */
export function forEachIn<K, V>(node: TrieNode<K, V>, fn: (value: V, key: K) => void): void {
  if (node.kind === 1) fn(node.value, node.key);
  else if (node.kind === 2) for (const l of node.leaves) fn(l.value, l.key);
  else for (const c of node.children) forEachIn(c, fn);
}
