/**
 * Validation at the boundary: a request body goes through a zod schema (shape and int32 ranges)
 * and then Kafka's field rules, in Kafka's order and with Kafka's messages
 * (`GroupCoordinatorService.throwIfConsumerGroupHeartbeatRequestIsInvalid`). A body that fails
 * gets INVALID_REQUEST (or UNSUPPORTED_ASSIGNOR) and changes nothing.
 */
import { z } from 'zod';
import { OffsetFetchSchema, parseOffsetCommitBody } from '../../internal/offset-schemas.js';
import { ErrorCode } from '../../protocol/error-codes.js';
import { compareStrings } from '../../protocol/topic-partitions.js';
import type { ConsumerGroupApi, ConsumerGroupDescribeRequest, ConsumerOffsetFetchRequest, OffsetCommitRequest, ResolvedConsumerGroupConfig } from './types.js';

/** The API versions the coordinator accepts, [lowest, highest] (Kafka 4.2). */
export const CONSUMER_GROUP_API_VERSIONS: Readonly<Record<ConsumerGroupApi, readonly [number, number]>> = {
  ConsumerGroupHeartbeat: [0, 1],
  ConsumerGroupDescribe: [0, 1],
  OffsetCommit: [0, 9],
  OffsetFetch: [0, 9],
};

const int32 = z.int().min(-0x80000000).max(0x7fffffff);
const nullableString = z.string().nullable().optional();

const HeartbeatSchema = z.object({
  groupId: z.string(),
  memberId: z.string(),
  memberEpoch: int32,
  instanceId: nullableString,
  rackId: nullableString,
  rebalanceTimeoutMs: int32.optional(),
  subscribedTopicNames: z.array(z.string()).nullable().optional(),
  subscribedTopicRegex: nullableString,
  serverAssignor: nullableString,
  topicPartitions: z.array(z.object({ topicId: z.string(), partitions: z.array(int32) })).nullable().optional(),
});

const DescribeSchema = z.object({ groupIds: z.array(z.string()), includeAuthorizedOperations: z.boolean().optional() });

/** A heartbeat with every optional field filled in (null = unchanged, as on the wire). */
export interface NormalizedHeartbeat {
  readonly groupId: string;
  readonly memberId: string;
  readonly memberEpoch: number;
  readonly instanceId: string | null;
  readonly rackId: string | null;
  readonly rebalanceTimeoutMs: number;
  /** Sorted and distinct (Kafka keeps a set). */
  readonly subscribedTopicNames: readonly string[] | null;
  readonly subscribedTopicRegex: string | null;
  readonly serverAssignor: string | null;
  readonly topicPartitions: readonly { readonly topicId: string; readonly partitions: readonly number[] }[] | null;
}

/** The outcome of validation: the normalized request, or the error to answer with. */
export type Validated<T> =
  | { readonly ok: true; readonly body: T }
  | { readonly ok: false; readonly errorCode: ErrorCode; readonly errorMessage: string | null };

function invalid(message: string | null): Validated<never> {
  return { ok: false, errorCode: ErrorCode.INVALID_REQUEST, errorMessage: message };
}

function blank(s: string | null | undefined): boolean {
  return s === null || s === undefined || s.trim() === '';
}

function sortedDistinct(names: readonly string[]): readonly string[] {
  return [...new Set(names)].sort(compareStrings);
}

/** Kafka's field rules (reference §3.1 step 5), after the shape checked out. */
function fieldError(b: z.infer<typeof HeartbeatSchema>, apiVersion: number): string | undefined {
  const epoch = b.memberEpoch;
  if ((apiVersion >= 1 || epoch > 0 || epoch === -1) && blank(b.memberId)) return "MemberId can't be empty.";
  if (blank(b.groupId)) return "GroupId can't be empty.";
  if (b.instanceId != null && blank(b.instanceId)) return "InstanceId can't be empty.";
  if (b.rackId != null && blank(b.rackId)) return "RackId can't be empty.";
  if (epoch === 0) {
    if ((b.rebalanceTimeoutMs ?? -1) === -1) return 'RebalanceTimeoutMs must be provided in first request.';
    if (b.topicPartitions == null || b.topicPartitions.length > 0) return 'TopicPartitions must be empty when (re-)joining.';
    if (b.subscribedTopicNames == null && b.subscribedTopicRegex == null) {
      return 'Either SubscribedTopicNames or SubscribedTopicRegex must be non-null when (re-)joining.';
    }
  } else if (epoch === -2 && b.instanceId == null) {
    return "InstanceId can't be null.";
  } else if (epoch < -2) {
    return 'MemberEpoch is invalid.';
  }
  return undefined;
}

/** kgroup's guards against absurd sizes (Kafka relies on its request size limit instead). */
function sizeError(b: z.infer<typeof HeartbeatSchema>, apiVersion: number, config: ResolvedConsumerGroupConfig): string | undefined {
  if (apiVersion < 1 && b.subscribedTopicRegex != null) return 'SubscribedTopicRegex is not supported by version 0.';
  if ((b.subscribedTopicNames?.length ?? 0) > config.maxListLength) return `SubscribedTopicNames has more than ${config.maxListLength} entries.`;
  const owned = b.topicPartitions ?? [];
  if (owned.reduce((n, t) => n + t.partitions.length, owned.length) > config.maxListLength) return `TopicPartitions has more than ${config.maxListLength} entries.`;
  if ((b.subscribedTopicRegex?.length ?? 0) > config.maxRegexLength) return `SubscribedTopicRegex is longer than ${config.maxRegexLength} characters.`;
  return undefined;
}

/** Validates a ConsumerGroupHeartbeat body at `apiVersion` (already range-checked). */
export function validateHeartbeat(raw: unknown, apiVersion: number, config: ResolvedConsumerGroupConfig): Validated<NormalizedHeartbeat> {
  const parsed = HeartbeatSchema.safeParse(raw);
  if (!parsed.success) return invalid(null);
  const b = parsed.data;
  const message = fieldError(b, apiVersion) ?? sizeError(b, apiVersion, config);
  if (message !== undefined) return invalid(message);
  const assignor = b.serverAssignor ?? null;
  if (assignor !== null && !config.assignors.some((a) => a.name === assignor)) {
    const supported = config.assignors.map((a) => a.name).join(', ');
    return { ok: false, errorCode: ErrorCode.UNSUPPORTED_ASSIGNOR, errorMessage: `ServerAssignor ${assignor} is not supported. Supported assignors: ${supported}.` };
  }
  return {
    ok: true,
    body: {
      groupId: b.groupId,
      memberId: b.memberId,
      memberEpoch: b.memberEpoch,
      instanceId: b.instanceId ?? null,
      rackId: b.rackId ?? null,
      rebalanceTimeoutMs: b.rebalanceTimeoutMs ?? -1,
      subscribedTopicNames: b.subscribedTopicNames == null ? null : sortedDistinct(b.subscribedTopicNames),
      subscribedTopicRegex: b.subscribedTopicRegex ?? null,
      serverAssignor: assignor,
      topicPartitions: b.topicPartitions ?? null,
    },
  };
}

/** Validates a ConsumerGroupDescribe body. */
export function validateDescribe(raw: unknown): Validated<ConsumerGroupDescribeRequest> {
  const parsed = DescribeSchema.safeParse(raw);
  if (!parsed.success) return invalid(null);
  return { ok: true, body: { groupIds: parsed.data.groupIds, includeAuthorizedOperations: parsed.data.includeAuthorizedOperations ?? false } };
}

/** Validates an OffsetCommit body (v0-v9): shape and int ranges; the fields a version lacks take their defaults. */
export function validateOffsetCommit(raw: unknown, apiVersion: number): Validated<OffsetCommitRequest> {
  const r = parseOffsetCommitBody(raw, apiVersion);
  return r.ok ? r : invalid(r.message);
}

/** Validates an OffsetFetch body (v0-v9); before v9 there is no member id or epoch. */
export function validateOffsetFetch(raw: unknown, apiVersion: number): Validated<ConsumerOffsetFetchRequest> {
  const parsed = OffsetFetchSchema.safeParse(raw);
  if (!parsed.success) return invalid(null);
  const b = parsed.data;
  const member = apiVersion >= 9;
  return {
    ok: true,
    body: {
      groupId: b.groupId,
      topics: b.topics,
      requireStable: b.requireStable ?? false,
      memberId: member ? (b.memberId ?? null) : null,
      memberEpoch: member ? (b.memberEpoch ?? -1) : -1,
    },
  };
}
