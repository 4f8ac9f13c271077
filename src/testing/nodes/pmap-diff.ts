/**
 * The keys whose entries differ between two versions of a persistent map, found by walking the
 * two tries side by side and skipping every subtree they share: O(what changed), not O(size).
 * It reads the trie that PMap keeps private (the testing kit's replay check is its only user).
 */
import type { PMap } from '../../internal/pmap.js';

interface Leaf {
  readonly kind: 1;
  readonly key: string;
  readonly value: unknown;
}
interface Branch {
  readonly kind: 0;
  readonly bitmap: number;
  readonly children: readonly Node[];
}
interface Collision {
  readonly kind: 2;
  readonly leaves: readonly Leaf[];
}
type Node = Leaf | Branch | Collision;

function rootOf(m: PMap<unknown>): Node | undefined {
  return (m as unknown as { readonly root: Node | undefined }).root;
}

function allKeys(n: Node | undefined, out: Set<string>): void {
  if (n === undefined) return;
  if (n.kind === 1) out.add(n.key);
  else if (n.kind === 2) for (const l of n.leaves) out.add(l.key);
  else for (const c of n.children) allKeys(c, out);
}

function diffNodes(a: Node | undefined, b: Node | undefined, out: Set<string>): void {
  if (a === b) return;
  if (a !== undefined && b !== undefined) {
    if (a.kind === 0 && b.kind === 0) {
      const bits = a.bitmap | b.bitmap;
      for (let bit = 0; bit < 32; bit++) {
        const mask = 1 << bit;
        if ((bits & mask) === 0) continue;
        const ca = (a.bitmap & mask) === 0 ? undefined : a.children[popcount(a.bitmap & (mask - 1))];
        const cb = (b.bitmap & mask) === 0 ? undefined : b.children[popcount(b.bitmap & (mask - 1))];
        diffNodes(ca, cb, out);
      }
      return;
    }
    if (a.kind === 1 && b.kind === 1 && a.key === b.key) {
      if (a.value !== b.value) out.add(a.key);
      return;
    }
  }
  // Different shapes: every key of both sides may have changed.
  allKeys(a, out);
  allKeys(b, out);
}

function popcount(x: number): number {
  let n = x - ((x >>> 1) & 0x55555555);
  n = (n & 0x33333333) + ((n >>> 2) & 0x33333333);
  return (Math.imul((n + (n >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

/** Adds to `out` every key added, removed or bound to another value object between `before` and `after`. */
export function changedKeys(before: PMap<unknown>, after: PMap<unknown>, out: Set<string> = new Set()): Set<string> {
  diffNodes(rootOf(before), rootOf(after), out);
  return out;
}
