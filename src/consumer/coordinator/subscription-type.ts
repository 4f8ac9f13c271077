/**
 * The subscription type of a group, computed as Kafka's `ConsumerGroup.subscriptionType` does
 * from its subscription counts (reference §5.2), and the assignor the group uses.
 */
import { compareStrings } from '../../protocol/topic-partitions.js';
import type { ServerAssignor, SubscriptionType } from '../../assignors/server/types.js';
import type { ConsumerGroup } from './types.js';

/**
 * HOMOGENEOUS when every member subscribes to the same names (no regular expressions in use),
 * or when exactly one regular expression is used, by every member, and nobody subscribes by
 * name; HETEROGENEOUS otherwise.
 */
export function subscriptionTypeOfGroup(g: ConsumerGroup): SubscriptionType {
  const n = g.members.size;
  if (g.subscribedRegularExpressions.size === 0) {
    for (const count of g.subscribedTopicNames.values()) if (count !== n) return 'HETEROGENEOUS';
    return 'HOMOGENEOUS';
  }
  if (g.subscribedRegularExpressions.size !== 1 || g.subscribedTopicNames.size !== 0) return 'HETEROGENEOUS';
  for (const count of g.subscribedRegularExpressions.values()) if (count !== n) return 'HETEROGENEOUS';
  return 'HOMOGENEOUS';
}

/**
 * The assignor the most members selected (ties: the smallest name, where Kafka's choice is Java
 * hash order), or the first configured one when nobody selected a configured assignor.
 */
export function preferredAssignor(g: ConsumerGroup, assignors: readonly ServerAssignor[]): ServerAssignor {
  let best: ServerAssignor | undefined;
  let bestCount = 0;
  for (const [name, count] of g.serverAssignors.entries()) {
    const a = assignors.find((x) => x.name === name);
    if (a === undefined) continue;
    if (count > bestCount || (count === bestCount && best !== undefined && compareStrings(name, best.name) < 0)) {
      best = a;
      bestCount = count;
    }
  }
  return best ?? (assignors[0] as ServerAssignor);
}
