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
    heap.push({ atMs, seq: this.#seq++, event });
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i] as Entry<T>, heap[parent] as Entry<T>)) break;
      [heap[i], heap[parent]] = [heap[parent] as Entry<T>, heap[i] as Entry<T>];
      i = parent;
    }
  }

  /** The time of the earliest event, or Infinity when empty. */
  peekMs(): number {
    return this.#heap[0]?.atMs ?? Infinity;
  }

  /** Removes and returns the earliest event with its time, or undefined when empty. */
  pop(): { atMs: number; event: T } | undefined {
    const heap = this.#heap;
    const top = heap[0];
    if (top === undefined) return undefined;
    const last = heap.pop() as Entry<T>;
    if (heap.length > 0) {
      heap[0] = last;
      this.#siftDown();
    }
    return { atMs: top.atMs, event: top.event };
  }

  #siftDown(): void {
    const heap = this.#heap;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && before(heap[l] as Entry<T>, heap[m] as Entry<T>)) m = l;
      if (r < heap.length && before(heap[r] as Entry<T>, heap[m] as Entry<T>)) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m] as Entry<T>, heap[i] as Entry<T>];
      i = m;
    }
  }
}
