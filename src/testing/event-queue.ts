/**
 * The simulator's agenda: a binary min-heap of events ordered by time, then by the order they
 * were scheduled, so that two events at the same millisecond always run in the same order.
 */

interface Entry<T> {
  readonly atMs: number;
  readonly seq: number;
  readonly event: T;
}

function before<T>(a: Entry<T>, b: Entry<T>): boolean {
  return a.atMs < b.atMs || (a.atMs === b.atMs && a.seq < b.seq);
}

/** A priority queue of timed events; ties break by insertion order (FIFO). */
export class EventQueue<T> {
  readonly #heap: Entry<T>[] = [];
  #seq = 0;

  /** Number of queued events. */
  get size(): number {
    return this.#heap.length;
  }

  /** Queues `event` at `atMs`. */
  push(atMs: number, event: T): void {
    const heap = this.#heap;
    const entry: Entry<T> = { atMs, seq: this.#seq++, event };
    // Sift up by moving parents into the hole, then drop the entry in once.
    let i = heap.length;
    heap.push(entry);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent] as Entry<T>;
      if (!before(entry, p)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = entry;
  }

  /** The time of the earliest event, or Infinity when empty. */
  peekMs(): number {
    return this.#heap[0]?.atMs ?? Infinity;
  }

  /** Removes and returns the earliest event with its time, or undefined when empty. */
  pop(): { readonly atMs: number; readonly event: T } | undefined {
    const heap = this.#heap;
    const top = heap[0];
    if (top === undefined) return undefined;
    const last = heap.pop() as Entry<T>;
    if (heap.length > 0) this.#siftDown(last);
    return top;
  }

  /** Places `entry` from the root down, moving smaller children up into the hole. */
  #siftDown(entry: Entry<T>): void {
    const heap = this.#heap;
    const n = heap.length;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && before(heap[r] as Entry<T>, heap[l] as Entry<T>) ? r : l;
      const child = heap[c] as Entry<T>;
      if (!before(child, entry)) break;
      heap[i] = child;
      i = c;
    }
    heap[i] = entry;
  }
}
