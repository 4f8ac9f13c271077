/**
 * The load balancer of the heterogeneous uniform builder (Kafka's `MemberAssignmentBalancer`):
 * over one topic's subscribers sorted by (load, member index), it hands out the least loaded
 * member (filling the lowest level round-robin before raising it) and the most loaded member
 * (draining the highest level before lowering it), and says when the two levels are within one.
 */
/**
 * `members` sorted by (load, member index). Loads are small integers, so a counting sort by load
 * over the members in index order does it in linear time (a topic can have thousands of
 * subscribers, and the balancer is reset once per topic per pass).
 */
function sortByLoad(members: readonly number[], sizes: Int32Array): number[] {
  const byIndex = isAscending(members) ? members : [...members].sort((a, b) => a - b);
  let min = Infinity;
  let max = -Infinity;
  for (const m of byIndex) {
    const s = sizes[m] as number;
    if (s < min) min = s;
    if (s > max) max = s;
  }
  const span = max - min + 1;
  if (!(span <= 4 * byIndex.length + 64)) return [...byIndex].sort((a, b) => (sizes[a] as number) - (sizes[b] as number) || a - b);
  const starts = new Int32Array(span + 1);
  for (const m of byIndex) starts[(sizes[m] as number) - min + 1] = (starts[(sizes[m] as number) - min + 1] as number) + 1;
  for (let k = 1; k <= span; k++) starts[k] = (starts[k] as number) + (starts[k - 1] as number);
  const out = new Array<number>(byIndex.length);
  for (const m of byIndex) {
    const slot = (sizes[m] as number) - min;
    out[starts[slot] as number] = m;
    starts[slot] = (starts[slot] as number) + 1;
  }
  return out;
}

function isAscending(xs: readonly number[]): boolean {
  for (let i = 1; i < xs.length; i++) if ((xs[i] as number) <= (xs[i - 1] as number)) return false;
  return true;
}

export class MemberBalancer {
  private sorted: number[] = [];
  private leastEnd = 0;
  private leastLevel = -1;
  private nextLeast = 0;
  private mostStart = 0;
  private mostEnd = 0;
  private mostLevel = 1;
  private nextMost = -1;

  /** `sizes[i]` is member i's current load; it is read (and changed by the caller) as assignment goes on. */
  constructor(private readonly sizes: Int32Array) {}

  /** Starts over with `members` (non-empty); returns the spread between the most and least loaded. */
  initialize(members: readonly number[]): number {
    const sizes = this.sizes;
    this.sorted = sortByLoad(members, sizes);
    const first = sizes[this.sorted[0] as number] as number;
    const last = sizes[this.sorted[this.sorted.length - 1] as number] as number;
    this.leastEnd = 0;
    this.leastLevel = first - 1;
    this.nextLeast = 0;
    this.mostStart = this.sorted.length;
    this.mostEnd = this.sorted.length;
    this.mostLevel = last + 1;
    this.nextMost = this.sorted.length - 1;
    return last - first;
  }

  /** The member to give the next partition to; counts it as given. */
  nextLeastLoaded(): number {
    if (this.nextLeast >= this.leastEnd) {
      this.leastLevel += 1;
      while (this.leastEnd < this.sorted.length && this.sizeAt(this.leastEnd) === this.leastLevel) this.leastEnd += 1;
      this.nextLeast = 0;
    }
    return this.sorted[this.nextLeast++] as number;
  }

  /** The member to take the next partition from, or -1 when none is left; counts it as taken. */
  nextMostLoaded(): number {
    if (this.nextMost < this.mostStart) {
      if (this.mostEnd <= this.mostStart && this.mostStart > 0) {
        // Exclusions emptied the range: restart the level from the member just below it.
        this.mostLevel = this.sizeAt(this.mostStart - 1);
      } else {
        this.mostLevel -= 1;
      }
      while (this.mostStart > 0 && this.sizeAt(this.mostStart - 1) === this.mostLevel) this.mostStart -= 1;
      this.nextMost = this.mostEnd - 1;
    }
    if (this.nextMost < 0) return -1;
    return this.sorted[this.nextMost--] as number;
  }

  /** Drops the member last returned by {@link nextMostLoaded} from the most loaded range (it has nothing to give). */
  excludeMostLoaded(): void {
    const at = this.nextMost + 1;
    const member = this.sorted[at] as number;
    this.sorted[at] = this.sorted[this.mostEnd - 1] as number;
    this.sorted[this.mostEnd - 1] = member;
    this.mostEnd -= 1;
  }

  /** True when the most and least loaded levels differ by at most one. */
  isBalanced(): boolean {
    return this.mostLevel - this.leastLevel <= 1;
  }

  private sizeAt(position: number): number {
    return this.sizes[this.sorted[position] as number] as number;
  }
}
