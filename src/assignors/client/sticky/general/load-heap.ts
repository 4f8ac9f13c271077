/**
 * Binary min-heaps of member indices ordered like Kafka's `sortedCurrentSubscriptions` TreeSet:
 * by current partition count, then by member id (member index order). The heaps live in segments
 * of one shared Int32Array and read counts from a shared array, so building one per topic costs
 * no allocation.
 */

/** True when member a comes before member b in load order. */
export function lighter(count: Int32Array, a: number, b: number): boolean {
  const ca = count[a] as number;
  const cb = count[b] as number;
  return ca < cb || (ca === cb && a < b);
}

/** Restores the heap property of `items[from .. to)` downward from slot `i` (0-based within the segment). */
export function siftDown(items: Int32Array, from: number, to: number, i: number, count: Int32Array): void {
  const size = to - from;
  const x = items[from + i] as number;
  for (;;) {
    let child = 2 * i + 1;
    if (child >= size) break;
    const right = child + 1;
    if (right < size && lighter(count, items[from + right] as number, items[from + child] as number)) child = right;
    const c = items[from + child] as number;
    if (!lighter(count, c, x)) break;
    items[from + i] = c;
    i = child;
  }
  items[from + i] = x;
}

/** Turns `items[from .. to)` into a heap. */
export function heapify(items: Int32Array, from: number, to: number, count: Int32Array): void {
  for (let i = ((to - from) >> 1) - 1; i >= 0; i--) siftDown(items, from, to, i, count);
}

/**
 * An indexed heap over some members in load order, whose loads can change one at a time: the
 * reassignment passes keep one over the subscribers of the topic they are walking, when the
 * topic has too many subscription classes to scan.
 */
export class IndexedLoadHeap {
  readonly #count: Int32Array;
  readonly #items: Int32Array;
  /** Position of each member in the heap, -1 when absent. */
  readonly #pos: Int32Array;
  #size = 0;

  constructor(count: Int32Array) {
    this.#count = count;
    this.#items = new Int32Array(count.length);
    this.#pos = new Int32Array(count.length).fill(-1);
  }

  /** Replaces the content with `members`. */
  reset(members: Int32Array): void {
    for (let i = 0; i < this.#size; i++) this.#pos[this.#items[i] as number] = -1;
    this.#items.set(members);
    this.#size = members.length;
    heapify(this.#items, 0, this.#size, this.#count);
    for (let i = 0; i < this.#size; i++) this.#pos[this.#items[i] as number] = i;
  }

  /** The lightest member, or -1. */
  top(): number {
    return this.#size > 0 ? (this.#items[0] as number) : -1;
  }

  /** Restores the order after member m's load changed (no-op when m is not in the heap). */
  update(m: number): void {
    let i = this.#pos[m] as number;
    if (i < 0) return;
    const items = this.#items;
    const count = this.#count;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const x = items[parent] as number;
      if (!lighter(count, m, x)) break;
      items[i] = x;
      this.#pos[x] = i;
      i = parent;
    }
    for (;;) {
      let child = 2 * i + 1;
      if (child >= this.#size) break;
      const right = child + 1;
      if (right < this.#size && lighter(count, items[right] as number, items[child] as number)) child = right;
      const c = items[child] as number;
      if (!lighter(count, c, m)) break;
      items[i] = c;
      this.#pos[c] = i;
      i = child;
    }
    items[i] = m;
    this.#pos[m] = i;
  }
}
