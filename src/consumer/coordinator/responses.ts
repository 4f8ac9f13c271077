/**
 * Building ConsumerGroupHeartbeat responses: errors carry Kafka's message and no member data
 * beyond the request's; the assignment travels as topic id -> partitions, topics ascending.
 */
import { ErrorCode } from '../../protocol/error-codes.js';
import type { PackedTopicPartitions } from '../../protocol/topic-partitions.js';
import type { ConsumerGroupHeartbeatResponse, TopicIdPartitions } from './types.js';

/** A failure of the handler: the code and Kafka's message. */
export interface HeartbeatError {
  readonly errorCode: ErrorCode;
  readonly errorMessage: string | null;
}

/** An error to answer with. */
export function heartbeatError(errorCode: ErrorCode, errorMessage: string | null): HeartbeatError {
  return { errorCode, errorMessage };
}

/** True when `x` is an error rather than a value. */
export function isHeartbeatError(x: unknown): x is HeartbeatError {
  return typeof x === 'object' && x !== null && 'errorCode' in x && !('memberEpoch' in x);
}

/** The response to a failed heartbeat (Kafka leaves member id null and the epoch 0). */
export function errorResponse(e: HeartbeatError): ConsumerGroupHeartbeatResponse {
  return { errorCode: e.errorCode, errorMessage: e.errorMessage, memberId: null, memberEpoch: 0, heartbeatIntervalMs: 0, assignment: null };
}

/** The wire form of an assignment. */
export function toTopicIdPartitions(tp: PackedTopicPartitions): TopicIdPartitions[] {
  const out: TopicIdPartitions[] = [];
  for (let i = 0; i < tp.size; i++) out.push({ topicId: tp.topicAt(i), partitions: tp.partitionsAt(i) });
  return out;
}

/** A successful response. */
export function okResponse(memberId: string, memberEpoch: number, heartbeatIntervalMs: number, assignment: PackedTopicPartitions | null): ConsumerGroupHeartbeatResponse {
  return {
    errorCode: ErrorCode.NONE,
    errorMessage: null,
    memberId,
    memberEpoch,
    heartbeatIntervalMs,
    assignment: assignment === null ? null : { topicPartitions: toTopicIdPartitions(assignment) },
  };
}
