/**
 * A deliberately simple model of Kafka's sticky assignors, and differential properties that
 * pit kgroup's fast implementation against it on small random groups.
 *
 * The model follows Kafka's AbstractStickyAssignor step by step, with plain arrays, string keys
 * and sorts everywhere (quadratic and worse: fine for a dozen members), including the places
 * where Java's HashMap and HashSet iteration order decides the output. It shares kgroup's
 * documented differences from Kafka (docs/sticky.md): claims outside a topic's range or repeated
 * by one member are ignored, the uniformity test does not depend on member order, a previous
 * owner only gets a partition back when it still subscribes and takes part in reassignment, and
 * no state is kept between calls. Where the fast implementation keeps heaps, histograms,
 * components and byte-level lookups, the model recomputes; equal outputs mean those shortcuts
 * change nothing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runSticky } from '../../src/assignors/client/sticky/assign.js';
import { useRackAwareAssignment } from '../../src/assignors/client/rack.js';
import {
  decodeCooperativeStickyUserData,
  decodeStickyUserData,
  encodeCooperativeStickyUserData,
  encodeStickyUserData,
  topicPartitions,
  type GroupMember,
  type TopicMetadata,
} from '../../src/protocol/index.js';

// ---------------------------------------------------------------------------------------------
// The model

interface TP {
  readonly topic: string;
  readonly partition: number;
}

const keyOf = (tp: TP) => `${tp.topic}\u0000${tp.partition}`;
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function javaHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}

function bucket(h: number, capacity: number): number {
  return (h ^ (h >>> 16)) & (capacity - 1);
}

/** Iteration order of a default Java HashMap filled with `keys` in this order. */
function javaOrder(keys: readonly string[]): string[] {
  let capacity = 16;
  while (keys.length > capacity * 0.75) capacity *= 2;
  return keys
    .map((k, i) => ({ k, i, b: bucket(javaHash(k), capacity) }))
    .sort((x, y) => x.b - y.b || x.i - y.i)
    .map((x) => x.k);
}

interface MemberData {
  readonly partitions: TP[];
  readonly generation: number | undefined;
}

interface ModelResult {
  readonly assignment: Map<string, TP[]>;
  readonly path: 'constrained' | 'general';
  readonly transferring: Map<string, string> | null;
}

function optionalGeneration(g: number | undefined): number | undefined {
  return g !== undefined && Number.isInteger(g) && g >= 0 && g <= 0x7fffffff ? g : undefined;
}

function memberData(member: GroupMember, cooperative: boolean): MemberData {
  const s = member.subscription;
  const flatten = (tp: ReadonlyMap<string, readonly number[]> | undefined): TP[] => {
    const out: TP[] = [];
    for (const [topic, ps] of tp ?? new Map<string, number[]>()) for (const partition of ps) out.push({ topic, partition });
    return out;
  };
  if (cooperative) {
    const owned = flatten(s.ownedPartitions);
    const g = optionalGeneration(s.generationId);
    if (g !== undefined) return { partitions: owned, generation: g };
    if (s.userData === undefined || s.userData === null) return { partitions: owned, generation: undefined };
    try {
      return { partitions: owned, generation: decodeCooperativeStickyUserData(s.userData) };
    } catch {
      return { partitions: owned, generation: -1 };
    }
  }
  if (s.userData === undefined || s.userData === null || s.userData.length === 0) return { partitions: [], generation: undefined };
  try {
    const decoded = decodeStickyUserData(s.userData);
    return { partitions: flatten(decoded.partitions), generation: decoded.generation };
  } catch {
    return { partitions: [], generation: -1 };
  }
}

/** Kafka's sticky assignment of `members`; `members` may come in any order. */
function modelAssign(topicsMeta: ReadonlyMap<string, TopicMetadata>, input: readonly GroupMember[], cooperative: boolean, prefer: boolean): ModelResult {
  const members = [...input].sort((a, b) => cmp(a.memberId, b.memberId));
  const byId = new Map(members.map((m) => [m.memberId, m]));
  const order = javaOrder(members.map((m) => m.memberId));
  const partitionsPerTopic = new Map<string, number>();
  for (const m of members) {
    for (const t of m.subscription.topics) {
      const n = topicsMeta.get(t)?.partitions ?? 0;
      if (n > 0) partitionsPerTopic.set(t, n);
    }
  }
  const exists = (tp: TP) => tp.partition >= 0 && tp.partition < (partitionsPerTopic.get(tp.topic) ?? 0);
  const data = new Map<string, MemberData>();
  for (const m of members) {
    const d = memberData(m, cooperative);
    const seen = new Set<string>();
    const partitions = d.partitions.filter((tp) => exists(tp) && !seen.has(keyOf(tp)) && seen.add(keyOf(tp)) !== undefined);
    data.set(m.memberId, { partitions, generation: d.generation });
  }
  const subGen = (id: string) => optionalGeneration(byId.get(id)?.subscription.generationId) ?? -1;

  // allSubscriptionsEqual's ownership loop.
  const owned = new Map<string, TP[]>();
  const claimant = new Map<string, string>();
  const multi = new Set<string>();
  let maxGeneration = -1;
  for (const id of order) {
    const d = data.get(id) as MemberData;
    const mg = d.generation ?? -1;
    maxGeneration = Math.max(maxGeneration, mg);
    const list: TP[] = [];
    owned.set(id, list);
    for (const tp of d.partitions) {
      const other = claimant.get(keyOf(tp));
      if (other === undefined) {
        list.push(tp);
        claimant.set(keyOf(tp), id);
        continue;
      }
      const og = subGen(other);
      const removeFromOther = () => {
        const l = owned.get(other) as TP[];
        const i = l.findIndex((x) => keyOf(x) === keyOf(tp));
        if (i >= 0) l.splice(i, 1);
      };
      if (mg === og) {
        multi.add(keyOf(tp));
        removeFromOther();
        claimant.set(keyOf(tp), id);
      } else if (mg > og) {
        list.push(tp);
        removeFromOther();
        claimant.set(keyOf(tp), id);
      }
    }
  }

  // Uniformity, kgroup's order-independent rule.
  const sets = members.map((m) => m.subscription.topics);
  const first = new Set(sets[0] ?? []);
  const uniform = sets.every((l) => new Set(l).size === l.length && l.length === first.size && l.every((t) => first.has(t)));

  // RackInfo.
  const consumersByRack = new Map<string, string[]>();
  for (const m of members) {
    const r = m.subscription.rackId;
    if (r !== undefined && r !== null && r !== '') consumersByRack.set(r, [...(consumersByRack.get(r) ?? []), m.memberId]);
  }
  const partitionRacksAll = new Map<string, Set<string>>();
  const partitionRackUnion = new Set<string>();
  if (consumersByRack.size > 0) {
    for (const [topic, n] of partitionsPerTopic) {
      for (let p = 0; p < n; p++) {
        const racks = new Set(topicsMeta.get(topic)?.partitionRacks?.[p] ?? []);
        partitionRacksAll.set(keyOf({ topic, partition: p }), racks);
        for (const r of racks) partitionRackUnion.add(r);
      }
    }
  }
  const rackAware = useRackAwareAssignment(new Set(consumersByRack.keys()), partitionRackUnion, partitionRacksAll.values(), prefer);
  const consumerRacks = new Map<string, string>();
  if (rackAware) for (const [r, ids] of consumersByRack) for (const id of ids) consumerRacks.set(id, r);
  const partitionRacks = rackAware ? partitionRacksAll : new Map<string, Set<string>>();
  const numConsumersByPartition = new Map<string, number>();
  for (const [k, racks] of partitionRacksAll) {
    let n = 0;
    for (const r of racks) n += consumersByRack.get(r)?.length ?? 0;
    numConsumersByPartition.set(k, n);
  }
  const mismatch = (id: string, tp: TP) => {
    const rack = consumerRacks.get(id);
    const replicas = partitionRacks.get(keyOf(tp));
    return rack !== undefined && (replicas === undefined || !replicas.has(rack));
  };
  const allSorted: TP[] = [];
  for (const topic of [...partitionsPerTopic.keys()].sort(cmp)) {
    for (let p = 0; p < (partitionsPerTopic.get(topic) as number); p++) allSorted.push({ topic, partition: p });
  }

  if (uniform) {
    const r = constrainedModel(order, owned, multi, allSorted, mismatch, consumerRacks, partitionRacks, numConsumersByPartition);
    if (cooperative) for (const [k, id] of r.transferring) removeKey(r.assignment.get(id) as TP[], k);
    return { assignment: r.assignment, path: 'constrained', transferring: r.transferring };
  }
  const assignment = generalModel(order, members, data, owned, maxGeneration, partitionsPerTopic, mismatch, consumerRacks);
  if (cooperative) {
    const added = new Map<string, string>();
    const revoked = new Set<string>();
    for (const [id, list] of assignment) {
      const own = new Set(flattenOwned(byId.get(id) as GroupMember).map(keyOf));
      const assigned = new Set(list.map(keyOf));
      for (const tp of list) if (!own.has(keyOf(tp))) added.set(keyOf(tp), id);
      for (const k of own) if (!assigned.has(k)) revoked.add(k);
    }
    for (const [k, id] of added) if (revoked.has(k)) removeKey(assignment.get(id) as TP[], k);
  }
  return { assignment, path: 'general', transferring: null };
}

function flattenOwned(m: GroupMember): TP[] {
  const out: TP[] = [];
  for (const [topic, ps] of m.subscription.ownedPartitions ?? new Map<string, number[]>()) for (const partition of ps) out.push({ topic, partition });
  return out;
}

function removeKey(list: TP[], k: string): void {
  const i = list.findIndex((x) => keyOf(x) === k);
  if (i >= 0) list.splice(i, 1);
}

function constrainedModel(
  order: readonly string[],
  owned: Map<string, TP[]>,
  multi: Set<string>,
  allSorted: readonly TP[],
  mismatch: (id: string, tp: TP) => boolean,
  consumerRacks: Map<string, string>,
  partitionRacks: Map<string, Set<string>>,
  numConsumersByPartition: Map<string, number>,
): { assignment: Map<string, TP[]>; transferring: Map<string, string> } {
  const n = order.length;
  const total = allSorted.length;
  const minQuota = Math.floor(total / n);
  const maxQuota = Math.ceil(total / n);
  const expectedOver = total % n;
  let currentOver = 0;
  const assignment = new Map(order.map((id) => [id, [] as TP[]]));
  const maybeRevoked = new Map<string, string>();
  let underMin: string[] = [];
  let exactlyMin: string[] = [];
  const transferring = new Map<string, string>();
  const assigned = new Set<string>();
  for (const id of order) {
    const list = (owned.get(id) as TP[])
      .filter((tp) => {
        if (mismatch(id, tp)) maybeRevoked.set(keyOf(tp), id);
        return !mismatch(id, tp);
      })
      .sort((a, b) => a.partition - b.partition || cmp(a.topic, b.topic))
      .filter((tp) => !multi.has(keyOf(tp)));
    const mine = assignment.get(id) as TP[];
    let keep: number;
    if (list.length < minQuota) {
      keep = list.length;
      underMin.push(id);
    } else if (list.length >= maxQuota && currentOver < expectedOver) {
      currentOver++;
      if (currentOver === expectedOver) exactlyMin = [];
      keep = maxQuota;
    } else {
      keep = minQuota;
      if (currentOver < expectedOver) exactlyMin.push(id);
    }
    for (const tp of list.slice(0, keep)) {
      mine.push(tp);
      assigned.add(keyOf(tp));
    }
    for (const tp of list.slice(keep)) maybeRevoked.set(keyOf(tp), id);
  }
  let unassigned = allSorted.filter((tp) => !assigned.has(keyOf(tp)));
  underMin.sort(cmp);
  exactlyMin.sort(cmp);
  if (numConsumersByPartition.size > 0) {
    unassigned = [...unassigned].sort((a, b) => (numConsumersByPartition.get(keyOf(a)) ?? 0) - (numConsumersByPartition.get(keyOf(b)) ?? 0));
  }
  const assignNew = (tp: TP, id: string) => {
    const mine = assignment.get(id) as TP[];
    mine.push(tp);
    const prev = maybeRevoked.get(keyOf(tp));
    if ((prev !== undefined && prev !== id) || multi.has(keyOf(tp))) transferring.set(keyOf(tp), id);
    return mine.length;
  };
  const nextRackConsumer = (tp: TP, list: readonly string[], from: number) => {
    const racks = partitionRacks.get(keyOf(tp));
    if (racks === undefined || racks.size === 0) return -1;
    for (let i = 0; i < list.length; i++) {
      const index = (from + i) % list.length;
      const rack = consumerRacks.get(list[index] as string);
      if (rack !== undefined && racks.has(rack)) return index;
    }
    return -1;
  };
  // Rack-aware round robin.
  if (consumerRacks.size > 0) {
    let next = 0;
    const left: TP[] = [];
    for (const tp of unassigned) {
      let id: string | undefined;
      const index = nextRackConsumer(tp, underMin, next);
      if (index >= 0) {
        id = underMin[index] as string;
        const c = (assignment.get(id) as TP[]).length + 1;
        let after = index;
        if (c >= minQuota) {
          underMin = underMin.filter((x) => x !== id);
          if (c < maxQuota && currentOver < expectedOver) exactlyMin.push(id);
        } else after++;
        next = underMin.length === 0 ? 0 : after % underMin.length;
      } else if (exactlyMin.length > 0) {
        const j = nextRackConsumer(tp, exactlyMin, 0);
        if (j >= 0) {
          id = exactlyMin[j] as string;
          if ((assignment.get(id) as TP[]).length + 1 === maxQuota) {
            exactlyMin.splice(j, 1);
            currentOver++;
            if (currentOver === expectedOver) exactlyMin = [];
          }
        }
      }
      if (id === undefined) left.push(tp);
      else assignNew(tp, id);
    }
    unassigned = left;
  }
  // Plain round robin, with a Java-style iterator over underMin.
  let cursor = 0;
  for (const tp of unassigned) {
    let id: string;
    let fromIterator = false;
    if (cursor < underMin.length) {
      id = underMin[cursor++] as string;
      fromIterator = true;
    } else if (underMin.length === 0 && exactlyMin.length === 0) throw new Error('model: no more unfilled consumers');
    else if (underMin.length === 0) id = exactlyMin.shift() as string;
    else {
      cursor = 0;
      id = underMin[cursor++] as string;
      fromIterator = true;
    }
    const c = assignNew(tp, id);
    if (c === minQuota) {
      if (fromIterator) underMin.splice(--cursor, 1);
      exactlyMin.push(id);
    } else if (c === maxQuota) currentOver++;
  }
  if (underMin.length > 0) {
    if (currentOver !== expectedOver) throw new Error('model: over-min members not reached');
    for (const id of underMin) if ((assignment.get(id) as TP[]).length !== minQuota) throw new Error('model: member under minQuota');
  }
  return { assignment, transferring };
}

/** Kafka's PartitionMovements, with Java HashSet order for the pair sets. */
class ModelMovements {
  readonly byTopic = new Map<string, Map<string, { items: { tp: TP; seq: number }[]; capacity: number }>>();
  readonly moves = new Map<string, { src: string; dst: string }>();
  seq = 0;

  pairKey = (src: string, dst: string) => `${src}\u0000${dst}`;

  actual(tp: TP, oldC: string, newC: string): TP {
    const topicMoves = this.byTopic.get(tp.topic);
    if (topicMoves === undefined) return tp;
    const own = this.moves.get(keyOf(tp));
    const from = own === undefined ? oldC : own.src;
    const set = topicMoves.get(this.pairKey(newC, from));
    if (set === undefined) return tp;
    const hash = (x: TP) => (Math.imul(31, (31 + x.partition) | 0) + javaHash(x.topic)) | 0;
    const sorted = [...set.items].sort((a, b) => bucket(hash(a.tp), set.capacity) - bucket(hash(b.tp), set.capacity) || a.seq - b.seq);
    return (sorted[0] as { tp: TP }).tp;
  }

  move(tp: TP, oldC: string, newC: string): void {
    const own = this.moves.get(keyOf(tp));
    if (own === undefined) {
      this.add(tp, oldC, newC);
      return;
    }
    this.remove(tp, own.src, own.dst);
    if (own.src !== newC) this.add(tp, own.src, newC);
  }

  add(tp: TP, src: string, dst: string): void {
    this.moves.set(keyOf(tp), { src, dst });
    let topicMoves = this.byTopic.get(tp.topic);
    if (topicMoves === undefined) this.byTopic.set(tp.topic, (topicMoves = new Map()));
    let set = topicMoves.get(this.pairKey(src, dst));
    if (set === undefined) topicMoves.set(this.pairKey(src, dst), (set = { items: [], capacity: 16 }));
    set.items.push({ tp, seq: this.seq++ });
    if (set.items.length > set.capacity * 0.75) set.capacity *= 2;
  }

  remove(tp: TP, src: string, dst: string): void {
    this.moves.delete(keyOf(tp));
    const topicMoves = this.byTopic.get(tp.topic) as Map<string, { items: { tp: TP; seq: number }[]; capacity: number }>;
    const set = topicMoves.get(this.pairKey(src, dst)) as { items: { tp: TP; seq: number }[] };
    set.items = set.items.filter((x) => keyOf(x.tp) !== keyOf(tp));
    if (set.items.length === 0) topicMoves.delete(this.pairKey(src, dst));
    if (topicMoves.size === 0) this.byTopic.delete(tp.topic);
  }
}

function generalModel(
  order: readonly string[],
  members: readonly GroupMember[],
  data: Map<string, MemberData>,
  owned: Map<string, TP[]>,
  maxGeneration: number,
  partitionsPerTopic: Map<string, number>,
  mismatch: (id: string, tp: TP) => boolean,
  consumerRacks: Map<string, string>,
): Map<string, TP[]> {
  const byId = new Map(members.map((m) => [m.memberId, m]));
  const topic2Consumers = new Map<string, string[]>([...partitionsPerTopic.keys()].map((t) => [t, []]));
  const consumer2Topics = new Map<string, string[]>();
  for (const id of order) {
    const topics = (byId.get(id) as GroupMember).subscription.topics.filter((t) => partitionsPerTopic.has(t));
    consumer2Topics.set(id, topics);
    for (const t of topics) (topic2Consumers.get(t) as string[]).push(id);
  }
  const current = new Map<string, TP[]>([...owned].map(([id, l]) => [id, [...l]]));
  const partitionConsumer = new Map<string, string>();
  const sortedTopics = [...topic2Consumers.keys()].sort(
    (a, b) => (topic2Consumers.get(a) as string[]).length - (topic2Consumers.get(b) as string[]).length || cmp(a, b),
  );
  let sortedAll: TP[] = sortedTopics.flatMap((topic) => Array.from({ length: partitionsPerTopic.get(topic) as number }, (_, partition) => ({ topic, partition })));
  const prev = new Map<string, { id: string; generation: number }>();
  const updatePrev = (tps: readonly TP[], id: string, generation: number) => {
    for (const tp of tps) {
      const p = prev.get(keyOf(tp));
      if (p === undefined || generation > p.generation) prev.set(keyOf(tp), { id, generation });
    }
  };
  for (const id of order) {
    const d = data.get(id) as MemberData;
    if (d.generation !== undefined && d.generation < maxGeneration) updatePrev(d.partitions, id, d.generation);
    else if (d.generation === undefined && maxGeneration > -1) updatePrev(d.partitions, id, -1);
  }
  let revocationRequired = false;
  const assignedKeys = new Set<string>();
  for (const [id, list] of current) {
    const subscribed = (byId.get(id) as GroupMember).subscription.topics;
    current.set(
      id,
      list.filter((tp) => {
        if (!subscribed.includes(tp.topic) || mismatch(id, tp)) {
          revocationRequired = true;
          return false;
        }
        assignedKeys.add(keyOf(tp));
        partitionConsumer.set(keyOf(tp), id);
        return true;
      }),
    );
  }
  let unassigned = sortedAll.filter((tp) => !assignedKeys.has(keyOf(tp)));
  const loadOrder = () => [...current.keys()].sort((a, b) => (current.get(a) as TP[]).length - (current.get(b) as TP[]).length || cmp(a, b));
  const initializing = (current.get(loadOrder().at(-1) as string) as TP[]).length === 0;
  const assignTo = (tp: TP, id: string) => {
    (current.get(id) as TP[]).push(tp);
    partitionConsumer.set(keyOf(tp), id);
  };
  const maybeAssign = (list: TP[], rackMatch: boolean): TP[] => {
    const left: TP[] = [];
    for (const tp of list) {
      const target = loadOrder().find((id) => (consumer2Topics.get(id) as string[]).includes(tp.topic) && (!rackMatch || !mismatch(id, tp)));
      if (target === undefined) left.push(tp);
      else assignTo(tp, target);
    }
    return left;
  };
  maybeAssign(consumerRacks.size > 0 ? maybeAssign(unassigned, true) : unassigned, false);

  const canTopic = (t: string) => (topic2Consumers.get(t) as string[]).length >= 2;
  sortedAll = sortedAll.filter((tp) => canTopic(tp.topic));
  unassigned = unassigned.filter((tp) => canTopic(tp.topic));
  const maxSize = (id: string) => {
    const topics = consumer2Topics.get(id) as string[];
    if (topics.length === partitionsPerTopic.size) return [...partitionsPerTopic.values()].reduce((a, b) => a + b, 0);
    return topics.reduce((a, t) => a + (partitionsPerTopic.get(t) as number), 0);
  };
  const fixed = new Map<string, TP[]>();
  for (const id of consumer2Topics.keys()) {
    const list = current.get(id) as TP[];
    if (list.length < maxSize(id) || list.some((tp) => canTopic(tp.topic))) continue;
    fixed.set(id, list);
    current.delete(id);
  }
  const snapshot = new Map([...current].map(([id, l]) => [id, [...l]]));
  const snapshotConsumers = new Map(partitionConsumer);
  const movements = new ModelMovements();
  const size = (id: string) => {
    const l = current.get(id);
    if (l === undefined) throw new Error(`model: ${id} is fixed but asked about`);
    return l.length;
  };
  const isBalanced = () => {
    const ids = loadOrder();
    if (size(ids[0] as string) >= size(ids.at(-1) as string) - 1) return true;
    const owners = new Map<string, string>();
    for (const [id, l] of current) for (const tp of l) owners.set(keyOf(tp), id);
    for (const id of ids) {
      const count = size(id);
      if (count === maxSize(id)) continue;
      const mine = new Set((current.get(id) as TP[]).map(keyOf));
      for (const topic of consumer2Topics.get(id) as string[]) {
        for (let p = 0; p < (partitionsPerTopic.get(topic) as number); p++) {
          const k = keyOf({ topic, partition: p });
          if (mine.has(k)) continue;
          if (count + 1 < size(owners.get(k) as string)) return false;
        }
      }
    }
    return true;
  };
  const reassign = (tp: TP, to: string) => {
    const from = partitionConsumer.get(keyOf(tp)) as string;
    const moved = movements.actual(tp, from, to);
    const movedFrom = partitionConsumer.get(keyOf(moved)) as string;
    movements.move(moved, movedFrom, to);
    removeKey(current.get(movedFrom) as TP[], keyOf(moved));
    assignTo(moved, to);
  };
  const perform = (list: readonly TP[]) => {
    let performed = false;
    let modified: boolean;
    do {
      modified = false;
      for (const tp of list) {
        if (isBalanced()) break;
        const c = partitionConsumer.get(keyOf(tp)) as string;
        const p = prev.get(keyOf(tp));
        if (p !== undefined && current.has(p.id) && (consumer2Topics.get(p.id) as string[]).includes(tp.topic) && size(c) > size(p.id) + 1) {
          reassign(tp, p.id);
          performed = modified = true;
          continue;
        }
        if ((topic2Consumers.get(tp.topic) as string[]).some((o) => size(c) > size(o) + 1)) {
          reassign(tp, loadOrder().find((id) => (consumer2Topics.get(id) as string[]).includes(tp.topic)) as string);
          performed = modified = true;
        }
      }
    } while (modified);
    return performed;
  };
  if (!revocationRequired) perform(unassigned);
  const performed = perform(sortedAll);
  const score = (a: Map<string, TP[]>) => {
    const sizes = [...a.values()].map((l) => l.length);
    let s = 0;
    for (let i = 0; i < sizes.length; i++) for (let j = i + 1; j < sizes.length; j++) s += Math.abs((sizes[i] as number) - (sizes[j] as number));
    return s;
  };
  if (!initializing && performed && score(current) >= score(snapshot)) {
    current.clear();
    for (const [id, l] of snapshot) current.set(id, [...l]);
    partitionConsumer.clear();
    for (const [k, id] of snapshotConsumers) partitionConsumer.set(k, id);
  }
  for (const [id, l] of fixed) current.set(id, l);
  return current;
}

// ---------------------------------------------------------------------------------------------
// Differential properties

interface Scenario {
  readonly topics: Map<string, TopicMetadata>;
  readonly members: GroupMember[];
  readonly cooperative: boolean;
  readonly prefer: boolean;
}

const TOPIC_NAMES = ['t0', 't1', 't2', 'x', '__proto__'];
const RACKS = ['a', 'b', 'c'];
const SPECIAL_IDS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'c9', '', 'consumer'];

/** Small random groups with overlapping claims, mixed generations, racks and odd subscriptions. */
const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    partitionCounts: fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 5 }),
    memberCount: fc.integer({ min: 1, max: 7 }),
    uniform: fc.boolean(),
    cooperative: fc.boolean(),
    prefer: fc.boolean(),
    withRacks: fc.boolean(),
    seed: fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 64, maxLength: 64 }),
  })
  .map(({ partitionCounts, memberCount, uniform, cooperative, prefer, withRacks, seed }) => {
    let s = 0;
    const rnd = (n: number) => ((seed[s++ % seed.length] as number) + s * 7919) % n;
    const topics = new Map<string, TopicMetadata>();
    partitionCounts.forEach((n, i) => {
      const racks = withRacks && rnd(3) > 0 ? Array.from({ length: n }, () => RACKS.filter(() => rnd(2) === 0)) : undefined;
      topics.set(TOPIC_NAMES[i] as string, racks === undefined ? { partitions: n } : { partitions: n, partitionRacks: racks });
    });
    const names = [...topics.keys(), 'missing'];
    const all = [...topics.keys()];
    const members: GroupMember[] = [];
    for (let i = 0; i < memberCount; i++) {
      const subscribed = uniform ? all : names.filter(() => rnd(3) > 0);
      if (!uniform && rnd(8) === 0 && subscribed.length > 0) subscribed.push(subscribed[0] as string);
      const owned: [string, number][] = [];
      for (const t of all) for (let p = 0; p < (topics.get(t)?.partitions ?? 0) + 1; p++) if (rnd(4) === 0) owned.push([t, p]);
      const generation = rnd(4) === 0 ? -1 : rnd(3) + 1;
      const ownedPartitions = topicPartitions(owned.map(([topic, partition]) => ({ topic, partition })));
      const userData = cooperative
        ? rnd(3) === 0
          ? encodeCooperativeStickyUserData(generation)
          : null
        : rnd(5) === 0
          ? new Uint8Array([0, 0, 0, 9, 1])
          : encodeStickyUserData({ partitions: ownedPartitions, generation }, rnd(4) === 0 ? 0 : 1);
      members.push({
        memberId: rnd(4) === 0 ? (SPECIAL_IDS[i] as string) : `c${i}`,
        subscription: {
          topics: subscribed,
          ownedPartitions,
          generationId: rnd(3) === 0 ? -1 : cooperative ? generation : rnd(3),
          userData,
          rackId: withRacks && rnd(3) > 0 ? (RACKS[rnd(3)] as string) : null,
        },
      });
    }
    return { topics, members, cooperative, prefer };
  });

/**
 * The fast implementation; half of the time with the tuning that makes every topic keep a heap
 * of its subscribers during reassignment (normally only topics with many subscription classes).
 */
let runs = 0;
function fastResult(sc: Scenario) {
  const classScanLimit = runs++ % 2 === 0 ? 0 : undefined;
  return runSticky({ topics: sc.topics, members: sc.members }, 'sticky-model', {
    cooperative: sc.cooperative,
    preferRackAwareLogic: sc.prefer,
    ...(classScanLimit === undefined ? {} : { classScanLimit }),
  });
}

/** Member id -> sorted `topic-partition` strings, as sorted pairs (member ids may be `__proto__`: no plain objects). */
function normalizeModel(a: Map<string, TP[]>): [string, string[]][] {
  return [...a].sort(([x], [y]) => cmp(x, y)).map(([id, l]) => [id, l.map((tp) => `${tp.topic}-${tp.partition}`).sort()]);
}

function normalizeFast(a: ReadonlyMap<string, { partitions: ReadonlyMap<string, readonly number[]> }>): [string, string[]][] {
  return [...a]
    .sort(([x], [y]) => cmp(x, y))
    .map(([id, asg]) => {
      const l: string[] = [];
      for (const [t, ps] of asg.partitions) for (const p of ps) l.push(`${t}-${p}`);
      return [id, l.sort()];
    });
}

describe('sticky assignors against a simple model of Kafka', () => {
  it('assign exactly what the model assigns, on the same path, with the same transfers', () => {
    fc.assert(
      fc.property(scenarioArb, (sc) => {
        const model = modelAssign(sc.topics, sc.members, sc.cooperative, sc.prefer);
        const fast = fastResult(sc);
        expect(fast.path).toBe(model.path);
        expect(normalizeFast(fast.assignments)).toEqual(normalizeModel(model.assignment));
        if (model.transferring === null) expect(fast.partitionsTransferringOwnership).toBeNull();
        else {
          const got = new Map<string, string>();
          fast.partitionsTransferringOwnership?.forEach((byP, topic) => byP.forEach((id, partition) => got.set(keyOf({ topic, partition }), id)));
          expect([...got].sort()).toEqual([...model.transferring].sort());
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('agree with the model when the previous owners are a skewed earlier assignment (the general path moves a lot)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 8 }),
        fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 2, maxLength: 4 }),
        fc.array(fc.nat(100), { minLength: 40, maxLength: 40 }),
        fc.boolean(),
        (memberCount, counts, seed, cooperative) => {
          let s = 0;
          const rnd = (n: number) => ((seed[s++ % seed.length] as number) + s * 31) % n;
          const topics = new Map(counts.map((n, i) => [`t${i}`, { partitions: n }]));
          const names = [...topics.keys()];
          // A few members own everything (as after members joined), subscriptions differ.
          const members: GroupMember[] = Array.from({ length: memberCount }, (_, i) => {
            const subscribed = i === 0 ? names : names.filter(() => rnd(4) > 0);
            const owned = i < 2 ? names.flatMap((t) => Array.from({ length: topics.get(t)?.partitions ?? 0 }, (_, p) => ({ topic: t, partition: p })).filter((_, p) => p % 2 === i)) : [];
            const ownedPartitions = topicPartitions(owned);
            return {
              memberId: `m${i}`,
              subscription: {
                topics: subscribed,
                ownedPartitions,
                generationId: 1,
                userData: cooperative ? null : encodeStickyUserData({ partitions: ownedPartitions, generation: 1 }),
              },
            };
          });
          const sc = { topics, members, cooperative, prefer: false };
          const model = modelAssign(sc.topics, sc.members, sc.cooperative, false);
          expect(normalizeFast(fastResult(sc).assignments)).toEqual(normalizeModel(model.assignment));
        },
      ),
      { numRuns: 800 },
    );
  });

  it('agree with the model when claims overlap across generations (previous owners take partitions back)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 2, max: 9 }),
        fc.array(fc.nat(1000), { minLength: 97, maxLength: 97 }),
        fc.boolean(),
        (counts, memberCount, seed, cooperative) => {
          let s = 0;
          const rnd = (n: number) => ((seed[s++ % seed.length] as number) + Math.floor(s / seed.length)) % n;
          const topics = new Map(counts.map((n, i) => [`t${i}`, { partitions: n }]));
          const names = [...topics.keys()];
          const members: GroupMember[] = Array.from({ length: memberCount }, (_, i) => {
            const owned = names.flatMap((t) => Array.from({ length: topics.get(t)?.partitions ?? 0 }, (_, p) => ({ topic: t, partition: p }))).filter(() => rnd(memberCount) === 0);
            const generation = 1 + rnd(3);
            const ownedPartitions = topicPartitions(owned);
            return {
              memberId: `m${i}`,
              subscription: {
                topics: names.filter(() => rnd(3) > 0),
                ownedPartitions,
                generationId: generation,
                userData: cooperative ? null : encodeStickyUserData({ partitions: ownedPartitions, generation }),
              },
            };
          });
          const model = modelAssign(topics, members, cooperative, false);
          expect(normalizeFast(fastResult({ topics, members, cooperative, prefer: false }).assignments)).toEqual(normalizeModel(model.assignment));
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('agree with the model where the stickiness memory moves a different partition back', () => {
    // Found by search: during reassignment a partition of t3 moves back along a reversed pair.
    const topics = new Map([
      ['t0', { partitions: 8 }],
      ['t1', { partitions: 4 }],
      ['t2', { partitions: 7 }],
      ['t3', { partitions: 9 }],
    ]);
    const spec: [string, string[], Record<string, number[]>, number][] = [
      ['m0', ['t0', 't1', 't3'], { t0: [2, 3, 6], t1: [0], t3: [2, 3, 7] }, 1],
      ['m1', ['t0', 't1', 't2', 't3'], { t0: [1, 2, 3, 4], t1: [2], t2: [6], t3: [0, 2, 4, 5, 7] }, 2],
      ['m2', ['t3'], { t0: [1, 3, 6], t2: [1], t3: [2, 5] }, 1],
    ];
    for (const cooperative of [false, true]) {
      const members: GroupMember[] = spec.map(([memberId, subscribed, owned, generation]) => {
        const ownedPartitions = topicPartitions(new Map(Object.entries(owned)));
        return {
          memberId,
          subscription: { topics: subscribed, ownedPartitions, generationId: generation, userData: cooperative ? null : encodeStickyUserData({ partitions: ownedPartitions, generation }) },
        };
      });
      const model = modelAssign(topics, members, cooperative, false);
      expect(normalizeFast(fastResult({ topics, members, cooperative, prefer: false }).assignments)).toEqual(normalizeModel(model.assignment));
    }
  });

  it('the model reproduces the Java HashMap order of the reference worked example', () => {
    expect(javaOrder(['consumer1', 'consumer2', 'consumer3', 'consumer4'])).toEqual(['consumer4', 'consumer3', 'consumer2', 'consumer1']);
    expect(javaOrder(['c0', 'c1', 'c2'])).toEqual(['c0', 'c1', 'c2']);
  });
});
