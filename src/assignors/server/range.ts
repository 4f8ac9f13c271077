/**
 * The server-side range assignor (Kafka's consumer-group `RangeAssignor`, name `range`): per
 * topic, its subscribers (static members first by instance id, then dynamic members by member
 * id) each get a contiguous range of `P / n` partitions, the first `P % n` one more. Members
 * subscribed to topics with equal partition counts get the same partition numbers in each
 * (co-partitioning). Not sticky beyond that order; like Kafka 4.x it does not use racks.
 */
import { TopicPartitionsBuilder, compareStrings, type PackedTopicPartitions } from '../../protocol/topic-partitions.js';
import type { GroupAssignment, GroupSpec, ServerAssignor, SubscribedTopicDescriber } from './types.js';
import { PartitionAssignorError } from './types.js';

/** The name the range assignor is selected by. */
export const RANGE_ASSIGNOR_NAME = 'range';

/** Static members first (by instance id), then dynamic members (by member id, as `memberIds` already are). */
function memberOrder(spec: GroupSpec): string[] {
  const statics: [string, string][] = [];
  const dynamics: string[] = [];
  for (const id of spec.memberIds) {
    const instanceId = spec.memberSubscription(id).instanceId;
    if (instanceId === null) dynamics.push(id);
    else statics.push([instanceId, id]);
  }
  statics.sort((a, b) => compareStrings(a[0], b[0]) || compareStrings(a[1], b[1]));
  return [...statics.map((s) => s[1]), ...dynamics];
}

/** topic id -> subscribers in member order (one shared list for a homogeneous group). */
function subscribersByTopic(spec: GroupSpec, members: readonly string[], describer: SubscribedTopicDescriber): Map<string, readonly string[]> {
  const out = new Map<string, string[] | readonly string[]>();
  const check = (topicId: string) => {
    if (describer.numPartitions(topicId) < 0) throw new PartitionAssignorError('Member is subscribed to a non-existent topic');
  };
  if (spec.subscriptionType === 'HOMOGENEOUS') {
    for (const topicId of spec.memberSubscription(members[0] as string).subscribedTopicIds) {
      check(topicId);
      out.set(topicId, members);
    }
    return out;
  }
  for (const memberId of members) {
    for (const topicId of spec.memberSubscription(memberId).subscribedTopicIds) {
      check(topicId);
      const list = out.get(topicId) as string[] | undefined;
      if (list === undefined) out.set(topicId, [memberId]);
      else list.push(memberId);
    }
  }
  return out;
}

function assignRange(spec: GroupSpec, describer: SubscribedTopicDescriber): GroupAssignment {
  const out = new Map<string, PackedTopicPartitions>();
  if (spec.memberIds.length === 0) return out;
  const members = memberOrder(spec);
  const builders = new Map(members.map((m) => [m, new TopicPartitionsBuilder()] as const));
  const byTopic = subscribersByTopic(spec, members, describer);
  for (const topicId of [...byTopic.keys()].sort(compareStrings)) {
    const subscribers = byTopic.get(topicId) as readonly string[];
    const count = describer.numPartitions(topicId);
    const minQuota = Math.floor(count / subscribers.length);
    let extra = count % subscribers.length;
    let next = 0;
    for (const memberId of subscribers) {
      // With more subscribers than partitions, only the first ones get any: stop there.
      if (next >= count) break;
      let size = minQuota;
      if (extra > 0) {
        size += 1;
        extra -= 1;
      }
      const b = builders.get(memberId) as TopicPartitionsBuilder;
      for (const end = Math.min(next + size, count); next < end; next++) b.add(topicId, next);
    }
  }
  for (const m of spec.memberIds) out.set(m, (builders.get(m) as TopicPartitionsBuilder).build());
  return out;
}

/** The server-side range assignor. */
export const serverRangeAssignor: ServerAssignor = { name: RANGE_ASSIGNOR_NAME, assign: assignRange };
