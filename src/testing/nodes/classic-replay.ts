/**
 * The replay check of the classic coordinator, structural and incremental: the group and the
 * offsets rebuilt from the records must equal the live ones in everything the persisted view
 * shows (the group's state, generation, protocol and leader; each member's ids, timeouts,
 * subscription and assignment bytes, in join order; every committed offset). Nothing is
 * serialized unless they differ, and a member or a topic's offsets that is the very same object
 * on both sides as at the last check that passed is not compared again.
 */
import { persistedView, PMap } from '../../classic/coordinator/index.js';
import { membersInJoinOrder, memberMetadata } from '../../classic/coordinator/group.js';
import type { ClassicCoordinatorState } from '../../classic/coordinator/index.js';
import { sameData } from './consumer-replay.js';

type Group = ClassicCoordinatorState['group'];
type Member = NonNullable<Group> extends { members: PMap<infer M> } ? M : never;
type Offsets = ClassicCoordinatorState['offsets'];

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sameMember(a: Member, b: Member, aProtocol: string | null, bProtocol: string | null): boolean {
  return (
    a.memberId === b.memberId &&
    a.groupInstanceId === b.groupInstanceId &&
    a.clientId === b.clientId &&
    a.clientHost === b.clientHost &&
    a.rebalanceTimeoutMs === b.rebalanceTimeoutMs &&
    a.sessionTimeoutMs === b.sessionTimeoutMs &&
    sameBytes(memberMetadata(a, aProtocol), memberMetadata(b, bProtocol)) &&
    sameBytes(a.assignment, b.assignment)
  );
}

/** True when the live and replayed groups persist the same; `last*` are the groups of the last check that passed. */
export function sameClassicGroup(live: Group, shadow: Group, lastLive: Group, lastShadow: Group): boolean {
  if (live === null || shadow === null) return live === shadow;
  if (
    live.state !== shadow.state ||
    live.generationId !== shadow.generationId ||
    live.protocolType !== shadow.protocolType ||
    live.protocolName !== shadow.protocolName ||
    live.leaderId !== shadow.leaderId ||
    live.members.size !== shadow.members.size
  ) {
    return false;
  }
  const sameProtocols = lastLive !== null && lastShadow !== null && live.protocolName === lastLive.protocolName && shadow.protocolName === lastShadow.protocolName;
  if (sameProtocols && live.members === lastLive.members && shadow.members === lastShadow.members) return true;
  const a = membersInJoinOrder(live);
  const b = membersInJoinOrder(shadow);
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as Member;
    const y = b[i] as Member;
    if (sameProtocols && x === lastLive.members.get(x.memberId) && y === lastShadow.members.get(y.memberId) && x.memberId === y.memberId) continue;
    if (!sameMember(x, y, live.protocolName, shadow.protocolName)) return false;
  }
  return true;
}

/** True when the live and replayed offsets are equal; `last*` are those of the last check that passed. */
export function sameClassicOffsets(live: Offsets, shadow: Offsets, lastLive: Offsets | null, lastShadow: Offsets | null): boolean {
  if (live === shadow) return true;
  if (live.size !== shadow.size) return false;
  for (const [topic, parts] of live.entries()) {
    const other = shadow.get(topic);
    if (other === undefined) return false;
    if (lastLive !== null && lastShadow !== null && parts === lastLive.get(topic) && other === lastShadow.get(topic)) continue;
    if (parts.size !== other.size) return false;
    for (const [p, o] of parts) if (!sameData(o, other.get(p))) return false;
  }
  return true;
}

/** Remembers the last check that passed, so that the next compares only what changed since. */
export class ClassicReplayComparator {
  #live: ClassicCoordinatorState | null = null;
  #shadow: ClassicCoordinatorState | null = null;

  /** Forgets the last check: the next one compares everything. */
  reset(): void {
    this.#live = null;
    this.#shadow = null;
  }

  /** Why the replayed state differs from the live one (group and offsets), or null. */
  mismatch(live: ClassicCoordinatorState, shadow: ClassicCoordinatorState): string | null {
    const lastLive = this.#live;
    const lastShadow = this.#shadow;
    if (lastLive !== null && lastShadow !== null && live.group === lastLive.group && shadow.group === lastShadow.group && live.offsets === lastLive.offsets && shadow.offsets === lastShadow.offsets) return null;
    if (!sameClassicGroup(live.group, shadow.group, lastLive?.group ?? null, lastShadow?.group ?? null)) {
      const a = JSON.stringify(persistedView({ ...live, offsets: PMap.empty() }).group);
      const b = JSON.stringify(persistedView({ ...shadow, offsets: PMap.empty() }).group);
      return `replayed records give the group ${b}, the live group is ${a}`;
    }
    if (!sameClassicOffsets(live.offsets, shadow.offsets, lastLive?.offsets ?? null, lastShadow?.offsets ?? null)) {
      const a = JSON.stringify(persistedView({ ...live, group: null }).offsets);
      const b = JSON.stringify(persistedView({ ...shadow, group: null }).offsets);
      return `replayed records give the offsets ${b}, the live offsets are ${a}`;
    }
    this.#live = live;
    this.#shadow = shadow;
    return null;
  }
}
