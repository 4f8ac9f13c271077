/**
 * OffsetCommit and OffsetFetch for a consumer group, as far as they touch the group (Kafka 4.2's
 * `OffsetMetadataManager.commitOffset` / `fetchOffsets` / `fetchAllOffsets` with
 * `ConsumerGroup.validateOffsetCommit` / `validateOffsetFetch`). Committed offsets are stored
 * beside the group through OffsetCommit records, so a replay rebuilds them. No transactions:
 * `requireStable` has nothing pending to wait for and changes nothing.
 */
import { ErrorCode } from '../../protocol/error-codes.js';
import { compareStrings } from '../../protocol/topic-partitions.js';
import type { StepContext } from './context.js';
import type {
  ConsumerOffsetFetchRequest,
  OffsetAndMetadata,
  OffsetCommitRequest,
  OffsetCommitResponse,
  OffsetCommitValue,
  OffsetFetchResponse,
} from './types.js';

/** From OffsetCommit v9 a missing group gets GROUP_ID_NOT_FOUND (ILLEGAL_GENERATION before). */
const GROUP_ID_NOT_FOUND_VERSION = 9;
/** Members of a consumer group must commit with OffsetCommit v9+ (it carries the member epoch). */
const CONSUMER_PROTOCOL_COMMIT_VERSION = 9;

/** Kafka's commit validation for this group: NONE to accept every partition, else the error each gets. */
function validateCommit(ctx: StepContext, req: OffsetCommitRequest, apiVersion: number): ErrorCode {
  const g = ctx.group;
  const epoch = req.generationIdOrMemberEpoch;
  if (g === null) {
    // No group: a negative epoch is a "simple" commit (admin client, manual assignment), accepted.
    if (epoch < 0) return ErrorCode.NONE;
    return apiVersion >= GROUP_ID_NOT_FOUND_VERSION ? ErrorCode.GROUP_ID_NOT_FOUND : ErrorCode.ILLEGAL_GENERATION;
  }
  // A negative epoch commits only while the group has no members, whatever the member id says.
  if (epoch < 0 && g.members.size === 0) return ErrorCode.NONE;
  const member = g.members.get(req.memberId);
  if (member === undefined) return ErrorCode.UNKNOWN_MEMBER_ID;
  if (apiVersion < CONSUMER_PROTOCOL_COMMIT_VERSION) return ErrorCode.UNSUPPORTED_VERSION;
  return epoch === member.memberEpoch ? ErrorCode.NONE : ErrorCode.STALE_MEMBER_EPOCH;
}

/** The answer of a rejected commit: every partition carries the error (the API has no top-level one). */
export function offsetCommitError(req: Pick<OffsetCommitRequest, 'topics'>, errorCode: ErrorCode): OffsetCommitResponse {
  return { topics: req.topics.map((t) => ({ name: t.name, partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, errorCode })) })) };
}

/** Handles a validated OffsetCommit: one OffsetCommit record per accepted partition. */
export function handleOffsetCommit(ctx: StepContext, req: OffsetCommitRequest, apiVersion: number): OffsetCommitResponse {
  const error = validateCommit(ctx, req, apiVersion);
  if (error !== ErrorCode.NONE) return offsetCommitError(req, error);
  const retention = req.retentionTimeMs ?? -1;
  const expireTimestampMs = retention === -1 ? null : ctx.nowMs + retention;
  const topics = req.topics.map((t) => ({
    name: t.name,
    partitions: t.partitions.map((p) => {
      const metadata = p.committedMetadata ?? null;
      if (metadata !== null && metadata.length > ctx.config.offsetMetadataMaxSize) {
        return { partitionIndex: p.partitionIndex, errorCode: ErrorCode.OFFSET_METADATA_TOO_LARGE };
      }
      const value: OffsetCommitValue = {
        offset: p.committedOffset,
        leaderEpoch: p.committedLeaderEpoch ?? -1,
        metadata: metadata ?? '',
        commitTimestampMs: ctx.nowMs,
        expireTimestampMs,
      };
      ctx.record({ type: 'OffsetCommit', groupId: ctx.config.groupId, topic: t.name, partition: p.partitionIndex, value });
      return { partitionIndex: p.partitionIndex, errorCode: ErrorCode.NONE };
    }),
  }));
  return { topics };
}

/** Kafka's fetch validation for this group; `found` is false when the group does not exist. */
function validateFetch(ctx: StepContext, req: ConsumerOffsetFetchRequest): ErrorCode {
  const g = ctx.group;
  const memberId = req.memberId ?? null;
  const epoch = req.memberEpoch ?? -1;
  // No group (offsets of a "simple" group only), or no member id and epoch: nothing to check.
  if (g === null || (memberId === null && epoch < 0)) return ErrorCode.NONE;
  const member = memberId === null ? undefined : g.members.get(memberId);
  if (member === undefined) return ErrorCode.UNKNOWN_MEMBER_ID;
  return epoch === member.memberEpoch ? ErrorCode.NONE : ErrorCode.STALE_MEMBER_EPOCH;
}

function partitionOf(partitionIndex: number, offset: OffsetAndMetadata | undefined): OffsetFetchResponse['topics'][number]['partitions'][number] {
  if (offset === undefined) return { partitionIndex, committedOffset: -1, committedLeaderEpoch: -1, metadata: '', errorCode: ErrorCode.NONE };
  return { partitionIndex, committedOffset: offset.offset, committedLeaderEpoch: offset.leaderEpoch, metadata: offset.metadata, errorCode: ErrorCode.NONE };
}

/** Handles a validated OffsetFetch. Changes nothing. */
export function handleOffsetFetch(ctx: StepContext, req: ConsumerOffsetFetchRequest): OffsetFetchResponse {
  const error = validateFetch(ctx, req);
  if (error !== ErrorCode.NONE) return { errorCode: error, topics: [] };
  const offsets = ctx.offsets;
  if (req.topics !== null) {
    const topics = req.topics.map((t) => {
      const stored = offsets.get(t.name);
      return { name: t.name, partitions: t.partitionIndexes.map((p) => partitionOf(p, stored?.get(p))) };
    });
    return { errorCode: ErrorCode.NONE, topics };
  }
  // Every committed offset; Kafka's order is a hash map's, so topics and partitions are sorted.
  const names: string[] = [];
  offsets.forEach((_v, name) => names.push(name));
  names.sort(compareStrings);
  const topics = names.map((name) => {
    const stored = offsets.get(name) as ReadonlyMap<number, OffsetAndMetadata>;
    return { name, partitions: [...stored.keys()].sort((a, b) => a - b).map((p) => partitionOf(p, stored.get(p))) };
  });
  return { errorCode: ErrorCode.NONE, topics };
}
