/**
 * Kafka's choice between the constrained path (every member subscribes to the same topics) and
 * the general path.
 *
 * Kafka compares each member's topic list against the first non-empty one it iterates over, so
 * its verdict depends on member order in two corner cases: members with an empty subscription
 * seen before the others are not noticed (and then get partitions of topics they never
 * subscribed to), and a duplicated topic is noticed only in a member other than the first.
 * kgroup decides without an order: the subscriptions are uniform when every member lists the
 * same set of topics, none lists a topic twice, and either all or none of them subscribe to
 * nothing. Everything else takes the general path, which never assigns an unsubscribed topic.
 * Topics that do not exist count, as in Kafka.
 */
import type { GroupMember } from '../../../protocol/types.js';

/** True when every member has the same subscription (see the module comment). */
export function allSubscriptionsEqual(members: readonly GroupMember[]): boolean {
  if (members.length === 0) return true;
  const reference = (members[0] as GroupMember).subscription.topics;
  const referenceSet = new Set(reference);
  if (referenceSet.size !== reference.length) return false;
  let previous = reference;
  for (let m = 1; m < members.length; m++) {
    const topics = (members[m] as GroupMember).subscription.topics;
    // Identical lists (the usual case) are recognised without building a set.
    if (topics === previous || sameList(topics, previous)) continue;
    if (topics.length !== reference.length) return false;
    const seen = new Set<string>();
    for (const topic of topics) {
      if (!referenceSet.has(topic) || seen.has(topic)) return false;
      seen.add(topic);
    }
    previous = topics;
  }
  return true;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
