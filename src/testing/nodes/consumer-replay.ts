/**
 * The replay check of the KIP-848 coordinator: the group rebuilt from the records must equal
 * the live group, field by field, member by member (everything the persisted view shows). The
 * comparison is structural, not serialized, and incremental: a field or a map entry that is the
 * very same object on both sides as at the last check that passed is not compared again.
 */
import { PIntMap } from '../../internal/pintmap.js';
import { PMap } from '../../internal/pmap.js';
import { changedKeys } from './pmap-diff.js';
import { PackedTopicPartitions } from '../../protocol/topic-partitions.js';
import { equalTopicPartitions } from '../../protocol/topic-partitions-ops.js';
import { consumerGroupPersistedView } from '../../consumer/coordinator/index.js';
import type { ConsumerGroup, ConsumerGroupCoordinatorState } from '../../consumer/coordinator/index.js';

/** A group, or null before its first record. */
export type ReplayedGroup = ConsumerGroup | null;

/** True when `a` and `b` hold the same data (plain values, arrays, objects, Maps and persistent maps, packed partitions). */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (a instanceof PackedTopicPartitions || b instanceof PackedTopicPartitions) {
    return a instanceof PackedTopicPartitions && b instanceof PackedTopicPartitions && equalTopicPartitions(a, b);
  }
  if (a instanceof PMap || b instanceof PMap) {
    if (!(a instanceof PMap && b instanceof PMap) || a.size !== b.size) return false;
    for (const [k, v] of (a as PMap<unknown>).entries()) if (!sameData(v, (b as PMap<unknown>).get(k))) return false;
    return true;
  }
  if (a instanceof Map || a instanceof PIntMap || b instanceof Map || b instanceof PIntMap) {
    const x = a as ReadonlyMap<unknown, unknown>;
    const y = b as ReadonlyMap<unknown, unknown>;
    if (!(typeof y.get === 'function' && typeof x.get === 'function') || x.size !== y.size) return false;
    for (const [k, v] of x) if (!sameData(v, y.get(k))) return false;
    return true;
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameData(a[i], b[i])) return false;
    return true;
  }
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) {
    if (!Object.prototype.hasOwnProperty.call(b, k)) return false;
    if (!sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}

/**
 * Compares two PMaps. After a check that found `lastLive` equal to `lastShadow`, only the keys
 * that changed on either side since then can differ, and only those are compared.
 */
function samePMap(live: PMap<unknown>, shadow: PMap<unknown>, lastLive: PMap<unknown> | undefined, lastShadow: PMap<unknown> | undefined): boolean {
  if (live.size !== shadow.size) return false;
  if (lastLive === undefined || lastShadow === undefined) return sameData(live, shadow);
  if (live === lastLive && shadow === lastShadow) return true;
  const keys = changedKeys(lastShadow, shadow, changedKeys(lastLive, live));
  for (const k of keys) if (!sameData(live.get(k), shadow.get(k))) return false;
  return true;
}

/**
 * Incremental replay comparison: remembers the live and replayed groups of the last check that
 * passed, so that the next one compares only what changed since.
 */
export class ReplayComparator {
  #live: ReplayedGroup = null;
  #shadow: ReplayedGroup = null;
  #primed = false;

  /** Forgets the last check (after a failover, say): the next one compares everything. */
  reset(): void {
    this.#primed = false;
  }

  /** Why `shadow` (the group the records rebuild) differs from `live`, or null when they are equal. */
  mismatch(live: ReplayedGroup, shadow: ReplayedGroup): string | null {
    if (this.#primed && live === this.#live && shadow === this.#shadow) return null;
    const lastLive = this.#primed ? this.#live : null;
    const lastShadow = this.#primed ? this.#shadow : null;
    if (!groupsEqual(live, shadow, lastLive, lastShadow)) return describeMismatch(live, shadow);
    this.#live = live;
    this.#shadow = shadow;
    this.#primed = true;
    return null;
  }
}

function groupsEqual(live: ReplayedGroup, shadow: ReplayedGroup, lastLive: ReplayedGroup, lastShadow: ReplayedGroup): boolean {
  if (live === null || shadow === null) return live === shadow;
  const prev = lastLive !== null && lastShadow !== null;
  for (const key of Object.keys(live) as (keyof ConsumerGroup)[]) {
    const a = live[key];
    const b = shadow[key];
    if (a instanceof PMap && b instanceof PMap) {
      const la = prev ? (lastLive[key] as PMap<unknown>) : undefined;
      const lb = prev ? (lastShadow[key] as PMap<unknown>) : undefined;
      if (!samePMap(a, b, la, lb)) return false;
    } else if (!sameData(a, b)) return false;
  }
  return Object.keys(live).length === Object.keys(shadow).length;
}

function describeMismatch(live: ReplayedGroup, shadow: ReplayedGroup): string {
  const view = (g: ReplayedGroup): string => JSON.stringify(consumerGroupPersistedView({ group: g } as ConsumerGroupCoordinatorState));
  return `replayed records give the group ${view(shadow)}, the live group is ${view(live)}`;
}
