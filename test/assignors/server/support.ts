/**
 * Helpers for the server assignor tests: build a group spec and a describer from compact
 * tables, print assignments, and check validity and balance the way Kafka's tests do.
 */
import { createGroupSpec, createTopicDescriber } from '../../../src/assignors/server/group-spec.js';
import type { GroupAssignment, GroupSpec, ServerAssignor, SubscribedTopicDescriber, SubscriptionType } from '../../../src/assignors/server/types.js';
import { compareStrings, type TopicPartitions } from '../../../src/protocol/topic-partitions.js';
import { topicPartitions } from '../../../src/protocol/topic-partitions-ops.js';

/** Kafka's fixed topic ids of the uniform assignor tests (reference §7.5). */
export const T1 = 'T1-A4s3VTwiI5CTbEp6POw';
export const T2 = 'T2-B4s3VTwiI5YHbPp6YUe';
export const T3 = 'T3-CU8fVTLCz5YMkLoDQsa';
export const T4 = 'T4-Tw9fVTLCz5HbPp6YQsa';

/** One member of a test group. */
export interface TestMember {
  readonly topics: readonly string[];
  readonly current?: Readonly<Record<string, readonly number[]>>;
  readonly instanceId?: string;
}

/** A spec and describer for `topics` (id -> partition count) and `members`. */
export function group(
  topics: Readonly<Record<string, number>>,
  members: Readonly<Record<string, TestMember>>,
  subscriptionType?: SubscriptionType,
): { spec: GroupSpec; describer: SubscribedTopicDescriber } {
  const describer = createTopicDescriber(new Map(Object.entries(topics).map(([id, partitions]) => [id, { partitions }])));
  const specMembers = new Map(
    Object.entries(members).map(([id, m]) => [
      id,
      {
        subscription: { rackId: null, instanceId: m.instanceId ?? null, subscribedTopicIds: new Set(m.topics) },
        assignment: topicPartitions(m.current ?? {}),
      },
    ]),
  );
  return { spec: createGroupSpec(specMembers, subscriptionType === undefined ? {} : { subscriptionType }), describer };
}

/** `{ member: { topic: [partitions] } }` with empty members and topics left out, members sorted. */
export function plain(assignment: GroupAssignment): Record<string, Record<string, number[]>> {
  const out: Record<string, Record<string, number[]>> = {};
  for (const id of [...assignment.keys()].sort(compareStrings)) {
    const tp = assignment.get(id) as TopicPartitions;
    if (tp.size === 0) continue;
    const m: Record<string, number[]> = {};
    for (const t of [...tp.keys()].sort(compareStrings)) m[t] = [...(tp.get(t) as readonly number[])];
    out[id] = m;
  }
  return out;
}

/** Problems with an assignment: duplicates, unsubscribed or unknown partitions, unassigned ones, imbalance. */
export function problems(
  spec: GroupSpec,
  describer: SubscribedTopicDescriber,
  assignment: GroupAssignment,
  opts: { balanced?: boolean } = {},
): string[] {
  const out: string[] = [];
  const owner = new Map<string, string>();
  const sizes: number[] = [];
  for (const memberId of spec.memberIds) {
    const tp = assignment.get(memberId) ?? new Map<string, readonly number[]>();
    const subscribed = spec.memberSubscription(memberId).subscribedTopicIds;
    let size = 0;
    for (const [t, parts] of tp) {
      for (const p of parts) {
        size += 1;
        const key = `${t}-${p}`;
        if (!subscribed.has(t)) out.push(`${memberId} got unsubscribed ${key}`);
        if (p >= describer.numPartitions(t)) out.push(`${memberId} got unknown ${key}`);
        const prev = owner.get(key);
        if (prev !== undefined) out.push(`${key} given to ${prev} and ${memberId}`);
        owner.set(key, memberId);
      }
    }
    sizes.push(size);
  }
  for (const [id] of assignment) if (!spec.memberIds.includes(id)) out.push(`unknown member ${id}`);
  const topics = new Set(spec.memberIds.flatMap((m) => [...spec.memberSubscription(m).subscribedTopicIds]));
  for (const t of topics) for (let p = 0; p < describer.numPartitions(t); p++) if (!owner.has(`${t}-${p}`)) out.push(`${t}-${p} unassigned`);
  if (opts.balanced === true && sizes.length > 0 && Math.max(...sizes) - Math.min(...sizes) > 1) out.push(`unbalanced: ${sizes.join(',')}`);
  return out;
}

/** Runs `assignor` on a group built from the tables. */
export function run(
  assignor: ServerAssignor,
  topics: Readonly<Record<string, number>>,
  members: Readonly<Record<string, TestMember>>,
  subscriptionType?: SubscriptionType,
): { assignment: GroupAssignment; spec: GroupSpec; describer: SubscribedTopicDescriber } {
  const g = group(topics, members, subscriptionType);
  return { assignment: assignor.assign(g.spec, g.describer), ...g };
}
