/**
 * Liveness: the group is settled when the coordinator is Stable, every running member is done
 * rebalancing in the coordinator's epoch and is a member, and every subscribed partition has
 * exactly one owner. After the faults heal the group must get there within a bound.
 */
import type { CoordinatorView } from '../nodes/adapter.js';

/** One running member, as the settled check sees it. */
export interface SettledMember {
  readonly name: string;
  /** True when the member finished rebalancing in the coordinator's epoch. */
  readonly settled: boolean;
}

/** Why the group is not settled (empty when it is), in a stable order. */
export function unsettledReasons(
  coordinator: CoordinatorView,
  members: readonly SettledMember[],
  ownership: { readonly unowned: number; readonly contended: number },
): string[] {
  const out: string[] = [];
  if (members.length === 0) return out;
  if (!coordinator.stable) out.push(`the group is ${coordinator.state}`);
  if (coordinator.memberCount !== members.length) out.push(`the coordinator has ${coordinator.memberCount} members, ${members.length} are running`);
  const behind = members.filter((m) => !m.settled).map((m) => m.name);
  if (behind.length > 0) out.push(`not settled in epoch ${coordinator.epoch}: ${behind.slice(0, 8).join(', ')}${behind.length > 8 ? ` and ${behind.length - 8} more` : ''}`);
  if (ownership.unowned > 0) out.push(`${ownership.unowned} partitions have no owner`);
  if (ownership.contended > 0) out.push(`${ownership.contended} partitions have two owners`);
  return out;
}
