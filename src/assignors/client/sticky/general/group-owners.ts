/**
 * For each topic group, the loads (partition counts) of the members that own its partitions,
 * kept as a histogram so that the heaviest owner is known at all times. Moves change one
 * member's load by one and one member's ownership of one group, so every update is O(1) per
 * group the member owns, and the maximum only ever steps down past empty slots.
 */

/** Counts by key: a flat array when that is small, else a Map of the non-zero ones. */
class CountTable {
  /** The flat array, when the table is one. */
  readonly array: Int32Array | null;
  readonly #map: Map<number, number> | null;

  constructor(size: number) {
    this.array = size <= 1 << 22 ? new Int32Array(size) : null;
    this.#map = this.array === null ? new Map() : null;
  }

  /** Adds `delta` to the count at `key`; returns the new count. */
  add(key: number, delta: number): number {
    if (this.array !== null) {
      const n = (this.array[key] as number) + delta;
      this.array[key] = n;
      return n;
    }
    const map = this.#map as Map<number, number>;
    const n = (map.get(key) ?? 0) + delta;
    if (n === 0) map.delete(key);
    else map.set(key, n);
    return n;
  }

  /** The count at `key`. */
  get(key: number): number {
    return this.array !== null ? (this.array[key] as number) : (this.#map?.get(key) ?? 0);
  }
}

/** Owners of each group and their loads. */
export class GroupOwners {
  readonly #groups: number;
  /** Partitions of group g owned by member m, at m * groups + g. */
  readonly #owned: CountTable;
  /** The groups each member owns partitions of. */
  readonly #groupsOf: number[][];
  /** Number of owners of group g with load v, at g * width + v. */
  readonly #hist: CountTable;
  readonly #width: number;
  readonly #max: Int32Array;

  /** `maxLoad` bounds every load for the lifetime of this object (reassignment never raises the maximum). */
  constructor(members: number, groups: number, maxLoad: number) {
    this.#groups = groups;
    this.#owned = new CountTable(members * groups);
    this.#groupsOf = Array.from({ length: members }, () => []);
    this.#width = maxLoad + 1;
    this.#hist = new CountTable(groups * this.#width);
    this.#max = new Int32Array(groups).fill(-1);
  }

  /** The heaviest owner's load in `group`, -1 when nobody owns any of it. */
  max(group: number): number {
    return this.#max[group] as number;
  }

  /** Member m, at `load`, gains a partition of `group`. */
  gain(m: number, group: number, load: number): void {
    if (this.#owned.add(m * this.#groups + group, 1) > 1) return;
    (this.#groupsOf[m] as number[]).push(group);
    this.#histAdd(group, load);
  }

  /** Member m, at `load`, loses a partition of `group`. */
  lose(m: number, group: number, load: number): void {
    if (this.#owned.add(m * this.#groups + group, -1) > 0) return;
    const groups = this.#groupsOf[m] as number[];
    groups.splice(groups.indexOf(group), 1);
    this.#histRemove(group, load);
  }

  /** Member m's load changed. */
  loadChanged(m: number, from: number, to: number): void {
    const groups = this.#groupsOf[m] as number[];
    const hist = this.#hist.array;
    if (hist === null) {
      for (const group of groups) {
        this.#histRemove(group, from);
        this.#histAdd(group, to);
      }
      return;
    }
    // The common case, written out: one histogram slot down, one up, per group the member owns.
    const width = this.#width;
    const max = this.#max;
    for (let i = 0; i < groups.length; i++) {
      const group = groups[i] as number;
      const base = group * width;
      const left = (hist[base + from] as number) - 1;
      hist[base + from] = left;
      hist[base + to] = (hist[base + to] as number) + 1;
      const top = max[group] as number;
      if (to > top) max[group] = to;
      else if (left === 0 && from === top) {
        let t = from - 1;
        while (t >= 0 && hist[base + t] === 0) t--;
        max[group] = t;
      }
    }
  }

  #histAdd(group: number, load: number): void {
    this.#hist.add(group * this.#width + load, 1);
    if (load > (this.#max[group] as number)) this.#max[group] = load;
  }

  #histRemove(group: number, load: number): void {
    const base = group * this.#width;
    if (this.#hist.add(base + load, -1) > 0 || load !== this.#max[group]) return;
    let top = load - 1;
    while (top >= 0 && this.#hist.get(base + top) === 0) top--;
    this.#max[group] = top;
  }
}
