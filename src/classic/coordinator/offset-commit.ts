/**
 * OffsetCommit, as far as it touches the group (Kafka's `OffsetMetadataManager.commitOffset` and
 * `ClassicGroup.validateOffsetCommit`): member and generation checks, the session refresh, and
 * one OffsetCommit record per accepted partition.
 */
import { ErrorCode } from '../../protocol/error-codes.js';
import type { StepContext } from './context.js';
import { newClassicGroup, validateMember } from './group.js';
import { offsetCommitRecord } from './records.js';
import type { RequestMeta } from './request-meta.js';
import { heartbeatTimerKey } from './timer-keys.js';
import type { ClassicGroup, ClassicGroupMember, OffsetAndMetadata, OffsetCommitRequest, OffsetCommitResponse } from './types.js';

/** From OffsetCommit v9 a commit to a missing group gets GROUP_ID_NOT_FOUND. */
const GROUP_ID_NOT_FOUND_VERSION = 9;

/** Kafka's `ClassicGroup.validateOffsetCommit` for a non-transactional commit. */
function validateCommit(g: ClassicGroup, req: OffsetCommitRequest): ErrorCode {
  if (g.state === 'Dead') return ErrorCode.COORDINATOR_NOT_AVAILABLE;
  const generationId = req.generationIdOrMemberEpoch;
  // generation -1 on an Empty group: the admin client or a consumer without group management.
  if (generationId < 0 && g.state === 'Empty') return ErrorCode.NONE;
  if (generationId >= 0 || req.memberId !== '' || req.groupInstanceId != null) {
    const error = validateMember(g, req.memberId, req.groupInstanceId);
    if (error !== ErrorCode.NONE) return error;
    if (generationId !== g.generationId) return ErrorCode.ILLEGAL_GENERATION;
  } else if (g.state !== 'Empty') {
    return ErrorCode.UNKNOWN_MEMBER_ID;
  }
  // A member of the generation being assigned should wait for its assignment.
  if (g.state === 'CompletingRebalance') return ErrorCode.REBALANCE_IN_PROGRESS;
  return ErrorCode.NONE;
}

/** Looks the group up (creating a simple group for a generation -1 commit), or says which error to give. */
function groupForCommit(ctx: StepContext, req: OffsetCommitRequest, apiVersion: number): ErrorCode {
  if (ctx.groupOrNull === null) {
    if (req.generationIdOrMemberEpoch >= 0) {
      return apiVersion >= GROUP_ID_NOT_FOUND_VERSION ? ErrorCode.GROUP_ID_NOT_FOUND : ErrorCode.ILLEGAL_GENERATION;
    }
    // A "simple" group: Empty, no protocol type; it is committed to the log by its offsets.
    ctx.setGroup(newClassicGroup(ctx.config.groupId, ctx.nowMs));
  }
  return validateCommit(ctx.group, req);
}

function everyPartition(req: OffsetCommitRequest, errorCode: ErrorCode): OffsetCommitResponse {
  return { topics: req.topics.map((t) => ({ name: t.name, partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, errorCode })) })) };
}

/** Handles an OffsetCommit request. */
export function handleOffsetCommit(ctx: StepContext, req: OffsetCommitRequest, meta: RequestMeta): void {
  const error = groupForCommit(ctx, req, meta.apiVersion);
  if (error !== ErrorCode.NONE) return ctx.respond('OffsetCommit', meta, everyPartition(req, error));
  const g = ctx.group;
  // In the classic protocol a commit keeps the session alive while Stable or PreparingRebalance.
  if (g.state === 'Stable' || g.state === 'PreparingRebalance') {
    const member = g.members.get(req.memberId) as ClassicGroupMember;
    ctx.schedule(heartbeatTimerKey(member.memberId), member.sessionTimeoutMs);
  }
  const response = commitPartitions(ctx, req);
  if (ctx.appendFailure !== null && ctx.appendFailuresHandled > 0) {
    // The offsets were not written: Kafka reverts them (and a group this commit created) and
    // fails every partition with the mapped error.
    ctx.revertStep(() => false);
    return ctx.respond('OffsetCommit', meta, everyPartition(req, ctx.appendFailure));
  }
  ctx.respond('OffsetCommit', meta, response);
}

function commitPartitions(ctx: StepContext, req: OffsetCommitRequest): OffsetCommitResponse {
  const expireTimestampMs = req.retentionTimeMs !== undefined && req.retentionTimeMs >= 0 ? ctx.nowMs + req.retentionTimeMs : null;
  const topics = req.topics.map((t) => ({
    name: t.name,
    partitions: t.partitions.map((p) => {
      const metadata = p.committedMetadata ?? '';
      if (metadata.length > ctx.config.offsetMetadataMaxSize) {
        return { partitionIndex: p.partitionIndex, errorCode: ErrorCode.OFFSET_METADATA_TOO_LARGE };
      }
      const offset: OffsetAndMetadata = {
        offset: p.committedOffset,
        leaderEpoch: p.committedLeaderEpoch ?? -1,
        metadata,
        commitTimestampMs: ctx.nowMs,
        expireTimestampMs,
      };
      ctx.storeOffset(t.name, p.partitionIndex, offset);
      ctx.record(offsetCommitRecord(ctx.config.groupId, t.name, p.partitionIndex, offset));
      return { partitionIndex: p.partitionIndex, errorCode: ErrorCode.NONE };
    }),
  }));
  return { topics };
}

