/**
 * The invariants the e2e tests and properties check, as observers of a {@link World}:
 * ownership never overlaps among members the coordinator considers alive; a partition is
 * assigned only after its previous owner reported (acknowledged) that it no longer owns it;
 * every member's state changes follow the transition table; and, at the end, convergence.
 */
import { isValidConsumerMemberTransition } from '../../../src/consumer/member/index.js';
import type { ConsumerMemberStateName } from '../../../src/consumer/member/index.js';
import type { Observer, SimMember, World } from './network.js';

function key(topic: string, partition: number): string {
  return `${topic}\u0000${partition}`;
}

/** Throws when two members the coordinator has in the group own the same partition. */
export function checkNoOverlap(world: World): void {
  const alive = world.aliveMemberIds();
  const owner = new Map<string, string>();
  for (const m of world.live()) {
    if (!alive.has(m.state.memberId)) continue;
    m.state.owned.forEachPartition((t, p) => {
      const k = key(t, p);
      const other = owner.get(k);
      if (other !== undefined) throw new Error(`t=${world.nowMs}: ${t}-${p} is owned by both ${other} and ${m.state.memberId}`);
      owner.set(k, m.state.memberId);
    });
  }
}

/**
 * Tracks what each member last reported as owned (TopicPartitions of its heartbeats, by topic
 * id) and fails when the coordinator gives a partition to a member while another member of the
 * group still reports it.
 */
export class RevocationBeforeAssignment implements Observer {
  private readonly reported = new Map<string, Set<string>>();

  onCoordinatorRequest(world: World, memberId: string, request: Parameters<NonNullable<Observer['onCoordinatorRequest']>>[2], response: Parameters<NonNullable<Observer['onCoordinatorRequest']>>[3]): void {
    if (response.errorCode !== 0 || request.memberEpoch < 0) {
      // A member that left (-1, or -2 for a static member's temporary leave) revoked what it
      // owned before its leave heartbeat, and reports nothing any more; on -2 the coordinator
      // keeps its assigned partitions locked but frees those pending revocation, as Kafka does.
      if (request.memberEpoch < 0 && response.errorCode === 0) this.reported.delete(memberId);
      return;
    }
    if (request.topicPartitions != null) {
      this.reported.set(memberId, new Set(request.topicPartitions.flatMap((t) => t.partitions.map((p) => key(t.topicId, p)))));
    }
    const alive = world.aliveMemberIds();
    for (const id of [...this.reported.keys()]) if (!alive.has(id)) this.reported.delete(id);
    for (const t of response.assignment?.topicPartitions ?? []) {
      for (const p of t.partitions) {
        for (const [other, set] of this.reported) {
          if (other !== memberId && set.has(key(t.topicId, p))) {
            throw new Error(`t=${world.nowMs}: ${t.topicId}-${p} given to ${memberId} while ${other} still reports owning it`);
          }
        }
      }
    }
  }
}

/** Fails on any state change the table does not allow, or a change that does not start where the last ended. */
export const transitionsFollowTable: Observer = {
  onMemberStep(world: World, m: SimMember) {
    let previous: string | undefined;
    for (const t of m.transitions) {
      if (previous !== undefined && t.from !== previous) throw new Error(`${m.name}: change from ${t.from} after ending in ${previous}`);
      if (!isValidConsumerMemberTransition(t.from as ConsumerMemberStateName, t.to as ConsumerMemberStateName)) {
        throw new Error(`t=${world.nowMs} ${m.name}: ${t.from} -> ${t.to} is not in the table`);
      }
      previous = t.to;
    }
  },
};

/** Checks overlap after every member step (the moment ownership changes). */
export const noOverlapObserver: Observer = {
  onMemberStep(world: World) {
    checkNoOverlap(world);
  },
};

/**
 * Throws unless the group is Stable, every live member is STABLE and in the group, and every
 * partition of `topics` is owned by exactly one of them.
 */
export function checkConverged(world: World, partitionsByTopic: ReadonlyMap<string, number>): void {
  if (world.groupState() !== 'Stable') throw new Error(`group is ${String(world.groupState())}, not Stable`);
  const alive = world.aliveMemberIds();
  let owned = 0;
  for (const m of world.live()) {
    if (m.state.closing) continue;
    if (m.state.state !== 'STABLE') throw new Error(`${m.name} is ${m.state.state}`);
    if (!alive.has(m.state.memberId)) throw new Error(`${m.name} is not in the coordinator's group`);
    owned += m.state.owned.partitionCount;
  }
  checkNoOverlap(world);
  let total = 0;
  for (const n of partitionsByTopic.values()) total += n;
  if (owned !== total) throw new Error(`members own ${owned} partitions, the topics have ${total}`);
}
