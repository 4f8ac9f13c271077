/**
 * The uniform assignor for a homogeneous group (TS counterpart of Kafka's
 * `UniformHomogeneousAssignmentBuilder`): every member subscribes to the same topics, so each
 * gets `minQuota` or `minQuota + 1` partitions. Members keep what they hold up to their quota
 * (stickiness), over-quota partitions and free ones are handed to members under quota.
 *
 * Kafka walks the subscribed topics in Java hash-set order; here that order is explicit
 * (`topicOrder`), so that outputs are deterministic and Kafka's test vectors can be replayed.
 */
import { PackedTopicPartitions, TopicPartitionsBuilder, packedArrays } from '../../protocol/topic-partitions.js';
import { MemberAlignedAssignment } from './member-aligned-assignment.js';
import type { GroupAssignment, GroupSpec, SubscribedTopicDescriber } from './types.js';
import { PartitionAssignorError } from './types.js';

/** Orders topic ids where Kafka's result depends on topic iteration order. */
export type TopicOrder = (a: string, b: string) => number;

/** The subscribed topics, in `topicOrder`, with their partition counts. */
interface Topics {
  readonly ids: readonly string[];
  readonly index: ReadonlyMap<string, number>;
  readonly counts: Int32Array;
  readonly total: number;
}

function describeTopics(spec: GroupSpec, describer: SubscribedTopicDescriber, topicOrder: TopicOrder): Topics {
  const first = spec.memberIds[0] as string;
  const ids = [...spec.memberSubscription(first).subscribedTopicIds].sort(topicOrder);
  const index = new Map<string, number>();
  const counts = new Int32Array(ids.length);
  let total = 0;
  ids.forEach((id, i) => {
    const n = describer.numPartitions(id);
    if (n < 0) throw new PartitionAssignorError(`Members are subscribed to topic ${id} which doesn't exist in the topic metadata.`);
    index.set(id, i);
    counts[i] = n;
    total += n;
  });
  return { ids, index, counts, total };
}

/** The partitions nobody's current target holds, in topic order then partition order. */
function freePartitions(spec: GroupSpec, topics: Topics, outTopic: number[], outPartition: number[]): void {
  for (let t = 0; t < topics.ids.length; t++) {
    const id = topics.ids[t] as string;
    const n = topics.counts[t] as number;
    for (let p = 0; p < n; p++) {
      if (!spec.isPartitionAssigned(id, p)) {
        outTopic.push(t);
        outPartition.push(p);
      }
    }
  }
}

/**
 * Keeps up to `quota` of the member's current partitions (topics in id order, partitions
 * ascending); the rest go to the free list. Returns the kept set (the same object when nothing
 * changed) and how many it kept.
 */
function keepWithinQuota(
  current: PackedTopicPartitions,
  topics: Topics,
  quota: number,
  freeTopic: number[],
  freePartition: number[],
): { kept: PackedTopicPartitions; count: number } {
  const { topics: names, starts, partitions } = packedArrays(current);
  let builder: TopicPartitionsBuilder | undefined;
  let count = 0;
  for (let i = 0; i < names.length; i++) {
    const name = names[i] as string;
    const t = topics.index.get(name);
    const end = starts[i + 1] as number;
    for (let j = starts[i] as number; j < end; j++) {
      const p = partitions[j] as number;
      // Unsubscribed topics are dropped (no longer needed by anyone); so are partitions that
      // no longer exist.
      const keep = t !== undefined && p < (topics.counts[t] as number) && count < quota;
      if (keep) {
        count += 1;
        builder?.add(name, p);
        continue;
      }
      if (builder === undefined) builder = copyPrefix(names, starts, partitions, i, j);
      if (t !== undefined && p < (topics.counts[t] as number)) {
        freeTopic.push(t);
        freePartition.push(p);
      }
    }
  }
  return { kept: builder === undefined ? current : builder.build(), count };
}

/** A builder holding the first partitions of a packed set, up to (topic i, position j) excluded. */
function copyPrefix(names: readonly string[], starts: Int32Array, partitions: Int32Array, i: number, j: number): TopicPartitionsBuilder {
  const b = new TopicPartitionsBuilder();
  for (let k = 0; k <= i; k++) {
    const end = k === i ? j : (starts[k + 1] as number);
    for (let x = starts[k] as number; x < end; x++) b.add(names[k] as string, partitions[x] as number);
  }
  return b;
}

/** Runs the homogeneous uniform algorithm (reference §5.4). */
export function assignUniformHomogeneous(spec: GroupSpec, describer: SubscribedTopicDescriber, topicOrder: TopicOrder): GroupAssignment {
  const memberIds = spec.memberIds;
  const out = new MemberAlignedAssignment(memberIds);
  const m = memberIds.length;
  if (m === 0) return out;
  const topics = describeTopics(spec, describer, topicOrder);
  if (topics.ids.length === 0) return out;
  const freeTopic: number[] = [];
  const freePartition: number[] = [];
  freePartitions(spec, topics, freeTopic, freePartition);
  const minQuota = Math.floor(topics.total / m);
  let extra = topics.total % m;
  const unfilled: Unfilled[] = [];
  for (let i = 0; i < m; i++) {
    const memberId = memberIds[i] as string;
    let quota = minQuota;
    let hasExtra = false;
    if (extra > 0) {
      quota += 1;
      hasExtra = true;
    }
    const current = PackedTopicPartitions.from(spec.memberAssignment(memberId));
    const { kept, count } = keepWithinQuota(current, topics, quota, freeTopic, freePartition);
    let missing = quota - count;
    // KAFKA-18688: a member short of its quota gives up its extra slot while enough members
    // remain to take the extras, so that members already holding minQuota + 1 keep theirs.
    if (missing > 0 && hasExtra && m - i > extra) {
      missing -= 1;
      hasExtra = false;
    }
    if (hasExtra) extra -= 1;
    if (missing > 0) unfilled.push({ at: i, kept, missing });
    else out.setAt(i, kept);
  }
  fillUnfilled(unfilled, topics, freeTopic, freePartition, out);
  return out;
}

/** A member short of its quota: its position in the member ids, what it kept, how many it lacks. */
interface Unfilled {
  readonly at: number;
  readonly kept: PackedTopicPartitions;
  readonly missing: number;
}

function fillUnfilled(
  unfilled: readonly Unfilled[],
  topics: Topics,
  freeTopic: readonly number[],
  freePartition: readonly number[],
  out: MemberAlignedAssignment,
): void {
  let next = 0;
  for (const u of unfilled) {
    const take = Math.min(u.missing, freeTopic.length - next);
    if (take === 0) {
      out.setAt(u.at, u.kept);
      continue;
    }
    const b = new TopicPartitionsBuilder();
    u.kept.forEachPartition((t, p) => b.add(t, p));
    for (let k = 0; k < take; k++, next++) b.add(topics.ids[freeTopic[next] as number] as string, freePartition[next] as number);
    out.setAt(u.at, b.build());
  }
  if (next < freeTopic.length) throw new PartitionAssignorError('Partitions were left unassigned');
}
