/** A binary min-heap ordered by (atMs, then insertion order): the world's agenda. */
export class Agenda<T> {
  private readonly items: { atMs: number; seq: number; value: T }[] = [];
  private seq = 0;

  get size(): number {
    return this.items.length;
  }

  push(atMs: number, value: T): void {
    const items = this.items;
    items.push({ atMs, seq: this.seq++, value });
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  /** The earliest entry's time, or Infinity. */
  peekMs(): number {
    return this.items[0]?.atMs ?? Infinity;
  }

  /** The earliest entry, without removing it. */
  peek(): { atMs: number; value: T } | undefined {
    return this.items[0];
  }

  pop(): { atMs: number; value: T } | undefined {
    const items = this.items;
    const top = items[0];
    if (top === undefined) return undefined;
    const last = items.pop() as (typeof items)[number];
    if (items.length > 0) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < items.length && this.less(l, m)) m = l;
        if (r < items.length && this.less(r, m)) m = r;
        if (m === i) break;
        this.swap(i, m);
        i = m;
      }
    }
    return top;
  }

  private less(a: number, b: number): boolean {
    const x = this.items[a] as (typeof this.items)[number];
    const y = this.items[b] as (typeof this.items)[number];
    return x.atMs < y.atMs || (x.atMs === y.atMs && x.seq < y.seq);
  }

  private swap(a: number, b: number): void {
    const t = this.items[a] as (typeof this.items)[number];
    this.items[a] = this.items[b] as (typeof this.items)[number];
    this.items[b] = t;
  }
}
