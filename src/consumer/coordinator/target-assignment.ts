/**
 * The target assignment (TS counterpart of Kafka's `TargetAssignmentBuilder`): run the assignor
 * over every member's subscription (topic ids: names that exist plus resolved regular
 * expressions) and current target, and emit a record for each member whose target changed, then
 * the new target assignment epoch. Pure: it returns records; the caller applies them.
 */
import { UsageError } from '../../errors.js';
import { ErrorCode } from '../../protocol/error-codes.js';
import { PackedTopicPartitions, type TopicPartitions } from '../../protocol/topic-partitions.js';
import { createTopicDescriber } from '../../assignors/server/group-spec.js';
import { MemberAlignedAssignment } from '../../assignors/server/member-aligned-assignment.js';
import { PartitionAssignorError } from '../../assignors/server/types.js';
import type { GroupAssignment, GroupSpec, MemberSubscription, ServerAssignor, SubscriptionType } from '../../assignors/server/types.js';
import { equalTopicPartitions } from '../../protocol/topic-partitions-ops.js';
import { sortedMemberIds } from './member-order.js';
import { targetAssignmentMetadataRecord, targetAssignmentRecord } from './records.js';
import { subscribedTopicIdsOf } from './subscription.js';
import { TargetPartitionIndex, targetsByMember } from './target-index.js';
import type { ConsumerGroup, ConsumerGroupMember, ConsumerGroupRecord, MetadataImage } from './types.js';

/** The inputs of one build. */
export interface TargetAssignmentInput {
  readonly group: ConsumerGroup;
  /** The epoch of the new target (the group epoch). */
  readonly targetEpoch: number;
  readonly assignor: ServerAssignor;
  readonly subscriptionType: SubscriptionType;
  readonly metadata: MetadataImage;
  /** True for kgroup's own assignors, whose outputs need no checking. */
  readonly trusted: boolean;
}

/** The records of the build, or the error the heartbeat gets (nothing is written then). */
export type TargetAssignmentResult =
  | { readonly ok: true; readonly records: readonly ConsumerGroupRecord[] }
  | { readonly ok: false; readonly errorCode: typeof ErrorCode.UNKNOWN_SERVER_ERROR; readonly errorMessage: string };

/**
 * The names joined into a cache key, memoized per (immutable) names array: a member keeps its
 * array from one build to the next, so a steady group of 10,000 does not join 10,000 lists per build.
 */
const NAMES_KEY = new WeakMap<readonly string[], string>();
function namesKey(names: readonly string[]): string {
  let key = NAMES_KEY.get(names);
  if (key === undefined) {
    key = names.join('\u0000');
    NAMES_KEY.set(names, key);
  }
  return key;
}

/** A GroupSpec over the group's own tables: nothing is copied per member. */
class CoordinatorGroupSpec implements GroupSpec {
  readonly memberIds: readonly string[];
  /** The current targets, member id -> target. */
  readonly targets: ReadonlyMap<string, PackedTopicPartitions>;
  private readonly topicIdsCache = new Map<string, ReadonlySet<string>>();
  private index: TargetPartitionIndex | undefined;

  constructor(
    private readonly group: ConsumerGroup,
    private readonly metadata: MetadataImage,
    readonly subscriptionType: SubscriptionType,
  ) {
    this.memberIds = sortedMemberIds(group.members);
    this.targets = targetsByMember(group.targetAssignment);
  }

  private member(memberId: string): ConsumerGroupMember {
    const m = this.group.members.get(memberId);
    if (m === undefined) throw new UsageError(`member ${JSON.stringify(memberId)} is not in the group`);
    return m;
  }

  memberSubscription(memberId: string): MemberSubscription {
    const m = this.member(memberId);
    // Members with the same names and regex share one set (a group of 10,000 usually has few subscriptions).
    const key = `${m.subscribedTopicRegex}\u0000${namesKey(m.subscribedTopicNames)}`;
    let ids = this.topicIdsCache.get(key);
    if (ids === undefined) {
      ids = subscribedTopicIdsOf(m, this.metadata, this.group.resolvedRegularExpressions);
      this.topicIdsCache.set(key, ids);
    }
    return { rackId: m.rackId, instanceId: m.instanceId, subscribedTopicIds: ids };
  }

  memberAssignment(memberId: string): TopicPartitions {
    const target = this.targets.get(memberId);
    if (target !== undefined) return target;
    this.member(memberId);
    return PackedTopicPartitions.EMPTY;
  }

  isPartitionAssigned(topicId: string, partition: number): boolean {
    this.index ??= TargetPartitionIndex.of(this.group.targetAssignment);
    return this.index.has(topicId, partition);
  }
}

/** Checks a custom assignor's output: known members, existing partitions, each given once. */
function checkOutput(out: GroupAssignment, spec: CoordinatorGroupSpec, metadata: MetadataImage, assignor: string): void {
  const members = new Set(spec.memberIds);
  const seen = new Set<string>();
  for (const [memberId, tp] of out) {
    if (!members.has(memberId)) throw new UsageError(`assignor ${assignor} assigned partitions to unknown member ${JSON.stringify(memberId)}`);
    for (const [topicId, partitions] of tp) {
      const count = metadata.byId.get(topicId)?.partitions ?? -1;
      for (const p of partitions) {
        if (!Number.isInteger(p) || p < 0 || p >= count) throw new UsageError(`assignor ${assignor} assigned partition ${String(p)} of unknown topic or range ${topicId}`);
        const key = `${p}:${topicId}`;
        if (seen.has(key)) throw new UsageError(`assignor ${assignor} assigned partition ${p} of ${topicId} twice`);
        seen.add(key);
      }
    }
  }
}

/** Computes the new target assignment at `targetEpoch` (reference §3.7). */
export function buildTargetAssignment(input: TargetAssignmentInput): TargetAssignmentResult {
  const { group, targetEpoch, assignor, metadata } = input;
  const spec = new CoordinatorGroupSpec(group, metadata, input.subscriptionType);
  let out: GroupAssignment;
  try {
    out = assignor.assign(spec, createTopicDescriber(metadata.byId));
  } catch (e) {
    if (!(e instanceof PartitionAssignorError)) throw e;
    return { ok: false, errorCode: ErrorCode.UNKNOWN_SERVER_ERROR, errorMessage: `Failed to compute a new target assignment for epoch ${targetEpoch}: ${e.message}` };
  }
  if (!input.trusted) checkOutput(out, spec, metadata, assignor.name);
  const records: ConsumerGroupRecord[] = [];
  // kgroup's own assignors answer in an array aligned with the member ids: read it by position.
  const aligned = out instanceof MemberAlignedAssignment && out.memberIds === spec.memberIds ? out : undefined;
  for (let i = 0; i < spec.memberIds.length; i++) {
    const memberId = spec.memberIds[i] as string;
    const before = spec.targets.get(memberId) ?? PackedTopicPartitions.EMPTY;
    const raw = aligned === undefined ? out.get(memberId) : aligned.at(i);
    if (raw === before) continue;
    const after = raw === undefined ? PackedTopicPartitions.EMPTY : PackedTopicPartitions.from(raw);
    if (!equalTopicPartitions(before, after)) records.push(targetAssignmentRecord(group.groupId, memberId, after));
  }
  records.push(targetAssignmentMetadataRecord(group.groupId, targetEpoch));
  return { ok: true, records };
}
