/**
 * The rack facts range needs per topic (RangeAssignor's TopicAssignmentState constructor):
 * subscriber racks, partition replica racks, and whether Kafka runs the rack-aware logic.
 *
 * This runs for every topic as soon as one member sets `client.rack`, usually to find that no
 * rack-aware work is needed (every partition on every rack). So it avoids per-partition work
 * beyond one cheap lookup: replica-rack lists are interned into a few shared sets, and members
 * that share a subscriber list share its rack facts.
 */
import type { GroupMember } from '../../../protocol/types.js';
import type { GroupLayout } from '../member-order.js';
import { memberRack, useRackAwareAssignment } from '../rack.js';

/** One topic's rack facts. */
export interface TopicRacks {
  /** Rack of each subscriber (ring order), null for none. */
  readonly slotRacks: readonly (string | null)[];
  /** Replica racks per partition; null when no subscriber has a rack (Kafka does not look at them then). */
  readonly partitionRacks: readonly ReadonlySet<string>[] | null;
  /** Kafka's needsRackAwareAssignment. */
  readonly needsRackAware: boolean;
}

/**
 * The rack facts of every topic, or null when no topic needs rack-aware assignment: Kafka then
 * runs plain range only, and so can we (the common case: no racks, or every partition on every rack).
 */
export function rangeTopicRacks(layout: GroupLayout, preferRackAwareLogic: boolean): TopicRacks[] | null {
  const memberRacks = layout.prepared.members.map((m: GroupMember) => memberRack(m.subscription.rackId));
  if (memberRacks.every((r) => r === null)) return null;
  const bySubscribers = new Map<readonly number[], SubscriberRacks>();
  const interner = new RackSetInterner();
  // First decide, keeping only each topic's distinct rack sets: usually no topic needs rack
  // awareness and the per-partition sets are never built.
  const facts = layout.topics.map((topic, t) => {
    const subs = layout.subscribers[t] as readonly number[];
    let racks = bySubscribers.get(subs);
    if (racks === undefined) bySubscribers.set(subs, (racks = subscriberRacks(subs, memberRacks)));
    if (racks.racks.size === 0) return { racks, needsRackAware: false };
    const distinct = interner.distinct(layout.prepared.metadata.get(topic)?.partitionRacks, layout.partitionCounts[t] as number);
    const union = new Set<string>();
    for (const set of distinct) for (const r of set) union.add(r);
    return { racks, needsRackAware: useRackAwareAssignment(racks.racks, union, distinct, preferRackAwareLogic) };
  });
  if (!facts.some((f) => f.needsRackAware)) return null;
  return facts.map(({ racks, needsRackAware }, t): TopicRacks => {
    if (racks.racks.size === 0) return { slotRacks: racks.slotRacks, partitionRacks: null, needsRackAware };
    const source = layout.prepared.metadata.get(layout.topics[t] as string)?.partitionRacks;
    return { slotRacks: racks.slotRacks, partitionRacks: interner.perPartition(source, layout.partitionCounts[t] as number), needsRackAware };
  });
}

interface SubscriberRacks {
  readonly slotRacks: readonly (string | null)[];
  readonly racks: ReadonlySet<string>;
}

function subscriberRacks(subs: readonly number[], memberRacks: readonly (string | null)[]): SubscriberRacks {
  const slotRacks = subs.map((m) => memberRacks[m] ?? null);
  const racks = new Set<string>();
  for (const r of slotRacks) if (r !== null) racks.add(r);
  return { slotRacks, racks };
}

const RECENT = 8;

/**
 * Turns replica-rack lists into shared sets: one Set per distinct combination. Replica placement
 * repeats a few rack lists over and over (often rotations of one list), so each list is first
 * compared, element by element, with the last few lists seen; only a miss builds a canonical key.
 */
class RackSetInterner {
  readonly #byKey = new Map<string, ReadonlySet<string>>();
  readonly #recentLists: (readonly string[])[] = [];
  readonly #recentSets: ReadonlySet<string>[] = [];
  #next = 0;

  /** The distinct replica-rack sets among a topic's partitions. */
  distinct(source: readonly (readonly string[])[] | undefined, partitions: number): Set<ReadonlySet<string>> {
    const distinct = new Set<ReadonlySet<string>>();
    let last: ReadonlySet<string> | undefined;
    for (let p = 0; p < partitions; p++) {
      const set = this.intern(source?.[p] ?? []);
      if (set !== last) distinct.add((last = set));
    }
    return distinct;
  }

  /** Each partition's replica-rack set. */
  perPartition(source: readonly (readonly string[])[] | undefined, partitions: number): ReadonlySet<string>[] {
    const out = new Array<ReadonlySet<string>>(partitions);
    for (let p = 0; p < partitions; p++) out[p] = this.intern(source?.[p] ?? []);
    return out;
  }

  /** The shared set holding the racks of `list`. */
  intern(list: readonly string[]): ReadonlySet<string> {
    for (let i = 0; i < this.#recentLists.length; i++) {
      if (sameList(this.#recentLists[i] as readonly string[], list)) return this.#recentSets[i] as ReadonlySet<string>;
    }
    const key = canonicalKey(list);
    let set = this.#byKey.get(key);
    if (set === undefined) this.#byKey.set(key, (set = new Set(list)));
    this.#recentLists[this.#next] = list;
    this.#recentSets[this.#next] = set;
    this.#next = (this.#next + 1) % RECENT;
    return set;
  }
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Sorted distinct racks, each written as `length:name`: unambiguous whatever characters rack names hold. */
function canonicalKey(list: readonly string[]): string {
  const sorted = [...new Set(list)].sort();
  let key = '';
  for (const r of sorted) key += `${r.length}:${r}`;
  return key;
}
