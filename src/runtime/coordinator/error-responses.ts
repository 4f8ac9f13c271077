/**
 * Answers the router gives on a group's behalf when the request cannot reach the group's
 * machine: the group speaks the other protocol, or the coordinator has failed.
 */
import type { ClassicApiTypes } from '../../classic/index.js';
import type { ConsumerGroupApiTypes } from '../../consumer/index.js';
import type { ErrorCode } from '../../protocol/error-codes.js';
import type { CoordinatorApi, CoordinatorRequest, CoordinatorResponse } from './types.js';

type Responses = { [A in keyof ClassicApiTypes]: ClassicApiTypes[A]['response'] } & {
  [A in keyof ConsumerGroupApiTypes]: ConsumerGroupApiTypes[A]['response'];
};

function stringField(body: unknown, name: string): string {
  const value = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' ? value : '';
}

function offsetCommitTopics(body: unknown): { name: string; partitions: number[] }[] {
  const topics = typeof body === 'object' && body !== null ? (body as { topics?: unknown }).topics : undefined;
  if (!Array.isArray(topics)) return [];
  return topics.map((t: { name?: unknown; partitions?: unknown }) => ({
    name: typeof t?.name === 'string' ? t.name : '',
    partitions: Array.isArray(t?.partitions) ? t.partitions.map((p: { partitionIndex?: unknown }) => (typeof p?.partitionIndex === 'number' ? p.partitionIndex : -1)) : [],
  }));
}

/** The error answer of each API, built from the request body (which may be malformed). */
function errorBody(api: CoordinatorApi, errorCode: ErrorCode, message: string, body: unknown): Responses[CoordinatorApi] {
  switch (api) {
    case 'JoinGroup':
      return { errorCode, generationId: -1, protocolType: null, protocolName: null, leader: '', skipAssignment: false, memberId: stringField(body, 'memberId'), members: [] };
    case 'SyncGroup':
      return { errorCode, protocolType: null, protocolName: null, assignment: new Uint8Array(0) };
    case 'Heartbeat':
      return { errorCode };
    case 'LeaveGroup':
      return { errorCode, members: [] };
    case 'OffsetCommit':
      return { topics: offsetCommitTopics(body).map((t) => ({ name: t.name, partitions: t.partitions.map((partitionIndex) => ({ partitionIndex, errorCode })) })) };
    case 'OffsetFetch':
      return { errorCode, topics: [] };
    case 'ConsumerGroupHeartbeat':
      return { errorCode, errorMessage: message, memberId: null, memberEpoch: -1, heartbeatIntervalMs: -1, assignment: null };
    case 'ConsumerGroupDescribe':
      return { groups: [] };
  }
}

/** `errorCode` in the shape of `request`'s response. */
export function errorResponse(request: CoordinatorRequest, errorCode: ErrorCode, message: string): CoordinatorResponse {
  return {
    type: 'response',
    api: request.api,
    requestId: request.requestId,
    apiVersion: request.apiVersion,
    response: errorBody(request.api, errorCode, message, request.body),
  } as CoordinatorResponse;
}

/** `errorCode` in the shape of a response that was going to be sent (the coordinator failed before it could be). */
export function failedResponse(response: CoordinatorResponse, errorCode: ErrorCode): CoordinatorResponse {
  const body: unknown = response.api === 'OffsetCommit'
    ? { topics: response.response.topics.map((t) => ({ name: t.name, partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex })) })) }
    : response.api === 'JoinGroup' ? { memberId: response.response.memberId } : {};
  return { ...response, response: errorBody(response.api, errorCode, 'The coordinator failed to write its log.', body) } as CoordinatorResponse;
}
