/**
 * ConsumerGroupDescribe (API key 69) for this machine's group: members sorted by id, their
 * current and target assignments with topic names resolved from the metadata. Other group ids
 * get GROUP_ID_NOT_FOUND (this machine does not know them).
 */
import { ErrorCode } from '../../protocol/error-codes.js';
import { PackedTopicPartitions } from '../../protocol/topic-partitions.js';
import type { StepContext } from './context.js';
import { sortedMemberIds } from './member-order.js';
import { preferredAssignor } from './subscription-type.js';
import { groupStateOf } from './view-state.js';
import type { ConsumerGroupMember, ConsumerGroupDescribeRequest, ConsumerGroupDescribeResponse, DescribedConsumerGroup, DescribedConsumerGroupMember, MetadataImage } from './types.js';

function named(tp: PackedTopicPartitions, metadata: MetadataImage): DescribedConsumerGroupMember['assignment'] {
  const out: { topicId: string; topicName: string; partitions: readonly number[] }[] = [];
  for (let i = 0; i < tp.size; i++) {
    const topicId = tp.topicAt(i);
    out.push({ topicId, topicName: metadata.byId.get(topicId)?.name ?? '', partitions: tp.partitionsAt(i) });
  }
  return out;
}

function notFound(groupId: string): DescribedConsumerGroup {
  return {
    errorCode: ErrorCode.GROUP_ID_NOT_FOUND,
    errorMessage: `Group ${groupId} not found.`,
    groupId,
    groupState: 'Dead',
    groupEpoch: -1,
    assignmentEpoch: -1,
    assignorName: '',
    members: [],
  };
}

/** Describes the group for each requested id. */
export function describeGroups(ctx: StepContext, req: ConsumerGroupDescribeRequest): ConsumerGroupDescribeResponse {
  const g = ctx.group;
  const groups = req.groupIds.map((groupId): DescribedConsumerGroup => {
    if (g === null || groupId !== g.groupId) return notFound(groupId);
    const members = sortedMemberIds(g.members).map((id): DescribedConsumerGroupMember => {
      const m = g.members.get(id) as ConsumerGroupMember;
      return {
        memberId: m.memberId,
        instanceId: m.instanceId,
        rackId: m.rackId,
        memberEpoch: m.memberEpoch,
        clientId: m.clientId,
        clientHost: m.clientHost,
        subscribedTopicNames: m.subscribedTopicNames,
        subscribedTopicRegex: m.subscribedTopicRegex === '' ? null : m.subscribedTopicRegex,
        assignment: named(m.assignedPartitions, ctx.metadata),
        targetAssignment: named(g.targetAssignment.get(id) ?? PackedTopicPartitions.EMPTY, ctx.metadata),
      };
    });
    return {
      errorCode: ErrorCode.NONE,
      errorMessage: null,
      groupId,
      groupState: groupStateOf(g) ?? 'Dead',
      groupEpoch: g.groupEpoch,
      assignmentEpoch: g.assignmentEpoch,
      assignorName: preferredAssignor(g, ctx.config.assignors).name,
      members,
    };
  });
  return { groups };
}
