/**
 * The state Kafka's performReassignments works on, kept so that its two questions are cheap:
 *
 * - "Is the assignment balanced?" (Kafka's isBalanced): yes when all counts are within one of
 *   each other; otherwise no exactly when some member could take a partition of one of its
 *   topics from a member with at least two more partitions. Kafka rebuilds a partition map and
 *   scans every member's topics for this before every single step.
 * - "Who is the least loaded member subscribed to this topic?"
 *
 * Members with the same topics form a class; a class's lightest member is the top of its heap.
 * Topics subscribed by the same classes form a group, and for each group the counts of the
 * members owning its partitions are kept in a histogram. A member can take a partition from a
 * member two heavier exactly when, for some class and some group of its topics, the heaviest
 * owner in the group has two more partitions than the class's lightest member: the balance test
 * is one comparison per (class, group) pair.
 *
 * Members and topics that share no subscription never exchange partitions, so the balance test
 * is asked per connected component of the subscription graph: a step of Kafka's loop that finds
 * the whole assignment unbalanced but the partition's own component balanced moves nothing, so
 * the answer is the same and a balanced component is skipped in O(1).
 */
import type { StickyLayout } from '../layout.js';
import { GroupOwners } from './group-owners.js';
import { lighter } from './load-heap.js';
import type { Subscriptions } from './subscriptions.js';

/** Loads, subscription classes, topic groups and components of one general-path reassignment (see the module comment). */
export class BalanceState {
  readonly #layout: StickyLayout;
  readonly #subs: Subscriptions;
  readonly #owner: Int32Array;
  readonly #count: Int32Array;
  // Class heaps: class c's non-fixed members are heap[classStart[c] .. classStart[c + 1]).
  readonly #classStart: Int32Array;
  readonly #heap: Int32Array;
  readonly #heapPos: Int32Array;
  // Topic groups.
  readonly #groupOfTopic: Int32Array;
  readonly #groupClasses: Int32Array[] = [];
  readonly #classGroups: number[][];
  readonly #groupComponent: number[] = [];
  // Components: classes of each, count histogram, cached verdict.
  readonly #componentOfClass: Int32Array;
  readonly #componentClasses: number[][] = [];
  readonly #histBase: Int32Array;
  readonly #hist: Int32Array;
  readonly #min: Int32Array;
  readonly #max: Int32Array;
  readonly #dirty: Uint8Array;
  readonly #balanced: Uint8Array;
  // Owners of each group and their loads, built on first need.
  #owners: GroupOwners | null = null;
  // Lightest subscriber of each group, valid while no partition has moved.
  #moves = 0;
  readonly #lightestStamp: Float64Array;
  readonly #lightest: Int32Array;

  /** `fixed` marks members out of reassignment, `reassignable` topics with two potential consumers or more. */
  constructor(layout: StickyLayout, subs: Subscriptions, owner: Int32Array, count: Int32Array, fixed: Uint8Array, reassignable: Uint8Array) {
    this.#layout = layout;
    this.#subs = subs;
    this.#owner = owner;
    this.#count = count;
    const classCount = subs.classTopics.length;
    const members = layout.members.length;
    ({ start: this.#classStart, heap: this.#heap, pos: this.#heapPos } = classHeaps(subs.classOf, classCount, fixed, count));
    this.#groupOfTopic = new Int32Array(layout.topics.length).fill(-1);
    this.#classGroups = Array.from({ length: classCount }, () => []);
    this.#buildGroups(reassignable);
    this.#componentOfClass = new Int32Array(classCount).fill(-1);
    this.#buildComponents();
    const components = this.#componentClasses.length;
    this.#histBase = new Int32Array(components + 1);
    this.#min = new Int32Array(components);
    this.#max = new Int32Array(components);
    this.#dirty = new Uint8Array(components).fill(1);
    this.#balanced = new Uint8Array(components);
    this.#hist = this.#buildHistograms(fixed, members);
    this.#lightestStamp = new Float64Array(this.#groupClasses.length).fill(-1);
    this.#lightest = new Int32Array(this.#groupClasses.length);
  }

  /** Component of a reassignable topic. */
  componentOfTopic(t: number): number {
    return this.#groupComponent[this.#groupOfTopic[t] as number] as number;
  }

  /** Kafka's isBalanced, asked of the component of a reassignable topic. */
  isBalanced(component: number): boolean {
    if (this.#dirty[component] === 0) return this.#balanced[component] === 1;
    const balanced = (this.#max[component] as number) - (this.#min[component] as number) <= 1 || !this.#hasImprovableMember(component);
    this.#balanced[component] = balanced ? 1 : 0;
    this.#dirty[component] = 0;
    return balanced;
  }

  /** Number of subscription classes subscribed to reassignable topic t. */
  classesOfTopic(t: number): number {
    return (this.#groupClasses[this.#groupOfTopic[t] as number] as Int32Array).length;
  }

  /** The first member in Kafka's load order that subscribes to reassignable topic t. */
  lightestSubscriber(t: number): number {
    const group = this.#groupOfTopic[t] as number;
    if (this.#lightestStamp[group] === this.#moves) return this.#lightest[group] as number;
    let best = -1;
    for (const c of this.#groupClasses[group] as Int32Array) {
      const from = this.#classStart[c] as number;
      if (from === this.#classStart[c + 1]) continue;
      const m = this.#heap[from] as number;
      if (best < 0 || lighter(this.#count, m, best)) best = m;
    }
    this.#lightestStamp[group] = this.#moves;
    this.#lightest[group] = best;
    return best;
  }

  /** Moves partition `g` (of a reassignable topic) from its owner to `to`. */
  move(g: number, to: number): void {
    const from = this.#owner[g] as number;
    const group = this.#groupOfTopic[this.#layout.topicOf[g] as number] as number;
    this.#owner[g] = to;
    this.#moves++;
    this.#setCount(from, (this.#count[from] as number) - 1);
    this.#owners?.lose(from, group, this.#count[from] as number);
    this.#setCount(to, (this.#count[to] as number) + 1);
    this.#owners?.gain(to, group, this.#count[to] as number);
    this.#dirty[this.#groupComponent[group] as number] = 1;
  }

  #hasImprovableMember(component: number): boolean {
    const owners = this.#owners ?? this.#buildOwners();
    for (const c of this.#componentClasses[component] as number[]) {
      const from = this.#classStart[c] as number;
      if (from === this.#classStart[c + 1]) continue;
      const lightest = this.#count[this.#heap[from] as number] as number;
      for (const group of this.#classGroups[c] as number[]) if (owners.max(group) >= lightest + 2) return true;
    }
    return false;
  }

  #setCount(m: number, value: number): void {
    const old = this.#count[m] as number;
    this.#owners?.loadChanged(m, old, value);
    this.#count[m] = value;
    this.#fixHeap(m, value > old);
    this.#updateComponentHistogram(this.#componentOfClass[this.#subs.classOf[m] as number] as number, old, value);
  }

  #fixHeap(m: number, heavier: boolean): void {
    const c = this.#subs.classOf[m] as number;
    const from = this.#classStart[c] as number;
    const size = (this.#classStart[c + 1] as number) - from;
    const heap = this.#heap;
    const count = this.#count;
    let i = this.#heapPos[m] as number;
    if (heavier) {
      for (;;) {
        let child = 2 * i + 1;
        if (child >= size) break;
        const right = child + 1;
        if (right < size && lighter(count, heap[from + right] as number, heap[from + child] as number)) child = right;
        const x = heap[from + child] as number;
        if (!lighter(count, x, m)) break;
        heap[from + i] = x;
        this.#heapPos[x] = i;
        i = child;
      }
    } else {
      while (i > 0) {
        const parent = (i - 1) >> 1;
        const x = heap[from + parent] as number;
        if (!lighter(count, m, x)) break;
        heap[from + i] = x;
        this.#heapPos[x] = i;
        i = parent;
      }
    }
    heap[from + i] = m;
    this.#heapPos[m] = i;
  }

  #updateComponentHistogram(k: number, old: number, value: number): void {
    if (k < 0) return;
    const base = this.#histBase[k] as number;
    const hist = this.#hist;
    hist[base + old] = (hist[base + old] as number) - 1;
    hist[base + value] = (hist[base + value] as number) + 1;
    if (value > (this.#max[k] as number)) this.#max[k] = value;
    if (value < (this.#min[k] as number)) this.#min[k] = value;
    if (hist[base + old] === 0) {
      while (hist[base + (this.#max[k] as number)] === 0) this.#max[k] = (this.#max[k] as number) - 1;
      while (hist[base + (this.#min[k] as number)] === 0) this.#min[k] = (this.#min[k] as number) + 1;
    }
  }

  #buildGroups(reassignable: Uint8Array): void {
    const classesOfTopic: number[][] = Array.from({ length: this.#layout.topics.length }, () => []);
    this.#subs.classTopics.forEach((topics, c) => {
      for (const t of topics) if (reassignable[t] === 1) (classesOfTopic[t] as number[]).push(c);
    });
    const groupIds = new Map<string, number>();
    classesOfTopic.forEach((classes, t) => {
      if (classes.length === 0) return;
      const key = classes.join(',');
      let group = groupIds.get(key);
      if (group === undefined) {
        group = this.#groupClasses.length;
        groupIds.set(key, group);
        this.#groupClasses.push(Int32Array.from(classes));
        for (const c of classes) (this.#classGroups[c] as number[]).push(group);
      }
      this.#groupOfTopic[t] = group;
    });
  }

  #buildComponents(): void {
    const classCount = this.#classGroups.length;
    const parent = Int32Array.from({ length: classCount }, (_, i) => i);
    const root = (x: number): number => {
      while (parent[x] !== x) x = parent[x] = parent[parent[x] as number] as number;
      return x;
    };
    for (const classes of this.#groupClasses) for (const c of classes) parent[root(c)] = root(classes[0] as number);
    const componentOfRoot = new Int32Array(classCount).fill(-1);
    for (let c = 0; c < classCount; c++) {
      const r = root(c);
      if (componentOfRoot[r] === -1) {
        componentOfRoot[r] = this.#componentClasses.length;
        this.#componentClasses.push([]);
      }
      const k = componentOfRoot[r] as number;
      this.#componentOfClass[c] = k;
      (this.#componentClasses[k] as number[]).push(c);
    }
    for (const classes of this.#groupClasses) this.#groupComponent.push(this.#componentOfClass[classes[0] as number] as number);
  }

  #buildHistograms(fixed: Uint8Array, members: number): Int32Array {
    const components = this.#componentClasses.length;
    const total = new Float64Array(components);
    for (let m = 0; m < members; m++) {
      if (fixed[m] === 1) continue;
      const k = this.#componentOfClass[this.#subs.classOf[m] as number] as number;
      total[k] = (total[k] as number) + (this.#count[m] as number);
    }
    for (let k = 0; k < components; k++) this.#histBase[k + 1] = (this.#histBase[k] as number) + (total[k] as number) + 1;
    const hist = new Int32Array(this.#histBase[components] as number);
    this.#min.fill(0x7fffffff);
    this.#max.fill(-1);
    for (let m = 0; m < members; m++) {
      if (fixed[m] === 1) continue;
      const k = this.#componentOfClass[this.#subs.classOf[m] as number] as number;
      const value = this.#count[m] as number;
      hist[(this.#histBase[k] as number) + value] = (hist[(this.#histBase[k] as number) + value] as number) + 1;
      if (value < (this.#min[k] as number)) this.#min[k] = value;
      if (value > (this.#max[k] as number)) this.#max[k] = value;
    }
    return hist;
  }

  #buildOwners(): GroupOwners {
    let maxLoad = 0;
    for (let m = 0; m < this.#count.length; m++) maxLoad = Math.max(maxLoad, this.#count[m] as number);
    const owners = new GroupOwners(this.#layout.members.length, this.#groupClasses.length, maxLoad);
    const { topicOf } = this.#layout;
    for (let g = 0; g < this.#owner.length; g++) {
      const group = this.#groupOfTopic[topicOf[g] as number] as number;
      const m = this.#owner[g] as number;
      if (group >= 0 && m >= 0) owners.gain(m, group, this.#count[m] as number);
    }
    this.#owners = owners;
    return owners;
  }
}

/** One heap per class over its non-fixed members, ordered by load. */
function classHeaps(classOf: Int32Array, classCount: number, fixed: Uint8Array, count: Int32Array) {
  const start = new Int32Array(classCount + 1);
  for (let m = 0; m < classOf.length; m++) if (fixed[m] === 0) start[(classOf[m] as number) + 1] = (start[(classOf[m] as number) + 1] as number) + 1;
  for (let c = 0; c < classCount; c++) start[c + 1] = (start[c + 1] as number) + (start[c] as number);
  const next = start.slice(0, classCount);
  const heap = new Int32Array(start[classCount] as number);
  for (let m = 0; m < classOf.length; m++) {
    if (fixed[m] === 1) continue;
    const c = classOf[m] as number;
    const at = next[c] as number;
    heap[at] = m;
    next[c] = at + 1;
  }
  const pos = new Int32Array(classOf.length).fill(-1);
  for (let c = 0; c < classCount; c++) {
    const from = start[c] as number;
    const to = start[c + 1] as number;
    // Sorting by load is a valid heap, and simpler than heapify with position tracking.
    heap.subarray(from, to).sort((a, b) => (count[a] as number) - (count[b] as number) || a - b);
    for (let i = from; i < to; i++) pos[heap[i] as number] = i - from;
  }
  return { start, heap, pos };
}
