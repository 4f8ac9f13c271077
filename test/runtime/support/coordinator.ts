// Helpers for driving a GroupCoordinator by hand: request builders and a transport that keeps
// every response by request id.
import type { ClassicGroupConfig } from '../../../src/classic/index.js';
import type { TopicImage } from '../../../src/consumer/index.js';
import { encodeSubscription } from '../../../src/protocol/index.js';
import { GroupCoordinator } from '../../../src/runtime/coordinator/group-coordinator.js';
import type { CoordinatorRequest, CoordinatorResponse, GroupCoordinatorRecord } from '../../../src/runtime/coordinator/types.js';
import type { RecordLog } from '../../../src/runtime/log/record-log.js';

/** A transport that remembers responses. */
export class RecordingTransport {
  readonly responses = new Map<string | number, CoordinatorResponse>();
  readonly abandoned: (string | number)[] = [];
  respond(response: CoordinatorResponse): void {
    this.responses.set(response.requestId, response);
  }
  abandon(requestId: string | number): void {
    this.abandoned.push(requestId);
  }
  /** The body of the response to `requestId` (throws when none arrived). */
  body<T = Record<string, unknown>>(requestId: string | number): T {
    const r = this.responses.get(requestId);
    if (r === undefined) throw new Error(`no response to ${String(requestId)}`);
    return r.response as T;
  }
}

export const TOPICS: TopicImage[] = [
  { topicId: 'T-proto', name: '__proto__', partitions: 3 },
  { topicId: 'T-orders', name: 'orders', partitions: 4 },
];

export const CLASSIC: Omit<ClassicGroupConfig, 'groupId'> = {
  initialRebalanceDelayMs: 0,
  memberIdSource: (prefix, sequence) => `${prefix}-${sequence}`,
};

/** Opens a coordinator over `log` with deterministic ids and short timeouts. */
export function openCoordinator(log: RecordLog<GroupCoordinatorRecord>, transport: RecordingTransport, extra: { offsetsRetentionMs?: number; offsetsRetentionCheckIntervalMs?: number } = {}): Promise<GroupCoordinator> {
  return GroupCoordinator.open({
    log,
    transport,
    classic: CLASSIC,
    consumer: { memberIdSource: (sequence) => `m-${sequence}`, sessionTimeoutMs: 10_000 },
    topics: TOPICS,
    ...extra,
  });
}

/** JoinGroup v9 for a range-assignor consumer. */
export function join(requestId: string, groupId: string, memberId: string, topics: string[] = ['orders']): CoordinatorRequest {
  return {
    type: 'request', api: 'JoinGroup', requestId, apiVersion: 9, clientId: 'client', clientHost: '/127.0.0.1',
    body: { groupId, memberId, sessionTimeoutMs: 10_000, rebalanceTimeoutMs: 10_000, protocolType: 'consumer', protocols: [{ name: 'range', metadata: encodeSubscription({ topics }) }] },
  };
}

/** SyncGroup v5. */
export function sync(requestId: string, groupId: string, memberId: string, generationId: number, assignments: { memberId: string; assignment: Uint8Array }[] = []): CoordinatorRequest {
  return { type: 'request', api: 'SyncGroup', requestId, apiVersion: 5, body: { groupId, memberId, generationId, protocolType: 'consumer', protocolName: 'range', assignments } };
}

/** Heartbeat v4. */
export function heartbeat(requestId: string, groupId: string, memberId: string, generationId: number): CoordinatorRequest {
  return { type: 'request', api: 'Heartbeat', requestId, apiVersion: 4, body: { groupId, memberId, generationId } };
}

/** ConsumerGroupHeartbeat v1 joining (epoch 0) or leaving (epoch -1). */
export function consumerHeartbeat(requestId: string, groupId: string, memberId: string, memberEpoch: number, topics: string[] = ['__proto__']): CoordinatorRequest {
  const body = memberEpoch === 0
    ? { groupId, memberId, memberEpoch, rebalanceTimeoutMs: 10_000, subscribedTopicNames: topics, topicPartitions: [] }
    : { groupId, memberId, memberEpoch };
  return { type: 'request', api: 'ConsumerGroupHeartbeat', requestId, apiVersion: 1, body };
}

/** OffsetCommit v9 from outside group management (a simple group). */
export function commit(requestId: string, groupId: string, topic: string, partition: number, offset: number): CoordinatorRequest {
  return {
    type: 'request', api: 'OffsetCommit', requestId, apiVersion: 9,
    body: { groupId, generationIdOrMemberEpoch: -1, memberId: '', topics: [{ name: topic, partitions: [{ partitionIndex: partition, committedOffset: offset }] }] },
  };
}
