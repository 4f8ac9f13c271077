/**
 * Kafka's RackInfo for the sticky assignors (KIP-881): which rack each member is on, which racks
 * hold each partition's replicas, and whether rack-aware assignment is on at all.
 *
 * Partitions are grouped by their set of replica racks (usually a handful of distinct sets), so
 * that a rack test is a scan of a few rack ids and nothing is allocated per partition once a set
 * has been seen.
 */
import type { GroupMember, TopicMetadata } from '../../../protocol/types.js';
import { memberRack, useRackAwareAssignment } from '../rack.js';
import type { StickyLayout } from './layout.js';

/** Rack data of one assignment. When `rackAware` is false every rack test passes. */
export interface RackInfo {
  /** Kafka's `useRackAwareAssignment` verdict. */
  readonly rackAware: boolean;
  /** Number of interned racks. */
  readonly rackCount: number;
  /** Rack id of each member, -1 when it has none (all -1 unless rack-aware). */
  readonly memberRack: Int32Array;
  /** Rack-set id of each partition (all 0 unless rack-aware). */
  readonly partitionRackSet: Int32Array;
  /** The racks of rack-set s are `setRacks[setStart[s] .. setStart[s + 1])`. */
  readonly setStart: Int32Array;
  /** Rack ids of the rack sets, concatenated. */
  readonly setRacks: Int32Array;
  /** Kafka's `numConsumersByPartition`, by rack set: members on any rack of the set. */
  readonly consumersOfSet: Int32Array;
}

const NO_RACKS: Omit<RackInfo, 'memberRack' | 'partitionRackSet'> = {
  rackAware: false,
  rackCount: 0,
  setStart: new Int32Array(2),
  setRacks: new Int32Array(0),
  consumersOfSet: new Int32Array(1),
};

/** True when `rack` is one of the racks of rack set `set`. */
export function setHasRack(racks: RackInfo, set: number, rack: number): boolean {
  const end = racks.setStart[set + 1] as number;
  for (let i = racks.setStart[set] as number; i < end; i++) if (racks.setRacks[i] === rack) return true;
  return false;
}

/** Kafka's `racksMismatch(member, partition)`: the member has a rack and no replica of the partition is on it. */
export function racksMismatch(racks: RackInfo, member: number, partition: number): boolean {
  if (!racks.rackAware) return false;
  const rack = racks.memberRack[member] as number;
  return rack >= 0 && !setHasRack(racks, racks.partitionRackSet[partition] as number, rack);
}

/** Builds the rack data; `preferRackAwareLogic` is Kafka's test hook. */
export function rackInfo(layout: StickyLayout, preferRackAwareLogic: boolean): RackInfo {
  const rackIds = new Map<string, number>();
  const memberRacks = new Int32Array(layout.members.length).fill(-1);
  const consumersPerRack: number[] = [];
  layout.members.forEach((member: GroupMember, m) => {
    const rack = memberRack(member.subscription.rackId);
    if (rack === null) return;
    const id = intern(rackIds, rack);
    memberRacks[m] = id;
    consumersPerRack[id] = (consumersPerRack[id] ?? 0) + 1;
  });
  const inert = { ...NO_RACKS, memberRack: new Int32Array(layout.members.length).fill(-1), partitionRackSet: new Int32Array(layout.totalPartitions) };
  if (rackIds.size === 0) return inert;
  const consumerRackNames = new Set(rackIds.keys());
  const sets = new RackSets(rackIds);
  const partitionRackSet = new Int32Array(layout.totalPartitions);
  for (let t = 0; t < layout.topics.length; t++) {
    const meta = layout.metadata[t] as TopicMetadata;
    const base = layout.base[t] as number;
    for (let p = 0; p < meta.partitions; p++) partitionRackSet[base + p] = sets.idOf(meta.partitionRacks?.[p]);
  }
  const partitionRackNames = new Set<string>();
  const rackNames = [...rackIds.keys()];
  const distinctSets = sets.usedSets().map((ids) => new Set(ids.map((id) => rackNames[id] as string)));
  for (const set of distinctSets) for (const rack of set) partitionRackNames.add(rack);
  if (!useRackAwareAssignment(consumerRackNames, partitionRackNames, distinctSets, preferRackAwareLogic)) return inert;
  const { setStart, setRacks } = sets.flatten();
  const consumersOfSet = new Int32Array(setStart.length - 1);
  for (let s = 0; s < consumersOfSet.length; s++) {
    let n = 0;
    for (let i = setStart[s] as number; i < (setStart[s + 1] as number); i++) n += consumersPerRack[setRacks[i] as number] ?? 0;
    consumersOfSet[s] = n;
  }
  return { rackAware: true, rackCount: rackIds.size, memberRack: memberRacks, partitionRackSet, setStart, setRacks, consumersOfSet };
}

function intern(ids: Map<string, number>, name: string): number {
  let id = ids.get(name);
  if (id === undefined) {
    id = ids.size;
    ids.set(name, id);
  }
  return id;
}

/** Interns the distinct replica-rack sets of partitions; set 0 is the empty set. */
class RackSets {
  readonly #rackIds: Map<string, number>;
  readonly #byKey = new Map<string, number>();
  readonly #byArray = new Map<readonly string[], number>();
  readonly #sets: number[][] = [[]];
  #emptyUsed = false;

  constructor(rackIds: Map<string, number>) {
    this.#rackIds = rackIds;
    this.#byKey.set('', 0);
  }

  /** The id of a partition's rack set; the same array object is looked up once. */
  idOf(racks: readonly string[] | undefined): number {
    if (racks === undefined || racks.length === 0) {
      this.#emptyUsed = true;
      return 0;
    }
    const known = this.#byArray.get(racks);
    if (known !== undefined) return known;
    const ids = [...new Set(racks.map((r) => intern(this.#rackIds, r)))].sort((a, b) => a - b);
    const key = ids.join(',');
    let id = this.#byKey.get(key);
    if (id === undefined) {
      id = this.#sets.length;
      this.#sets.push(ids);
      this.#byKey.set(key, id);
    }
    this.#byArray.set(racks, id);
    return id;
  }

  /** The rack ids of every set some partition has (the empty set only when a partition has no racks). */
  usedSets(): readonly (readonly number[])[] {
    return this.#emptyUsed ? this.#sets : this.#sets.slice(1);
  }

  flatten(): { setStart: Int32Array; setRacks: Int32Array } {
    const setStart = new Int32Array(this.#sets.length + 1);
    let n = 0;
    this.#sets.forEach((ids, s) => {
      n += ids.length;
      setStart[s + 1] = n;
    });
    return { setStart, setRacks: Int32Array.from(this.#sets.flat()) };
  }
}
