/** Canonical one-line forms of the member's outputs, for transcripts. */
import { errorName } from '../../../src/protocol/error-codes.js';
import type { ConsumerGroupHeartbeatRequest, TopicIdPartitions } from '../../../src/consumer/coordinator/types.js';
import { formatConsumerMemberPartitions as formatPartitions } from '../../../src/consumer/member/index.js';
import type { ConsumerMemberEvent, ConsumerMemberOutput } from '../../../src/consumer/member/index.js';

function wirePartitions(list: readonly TopicIdPartitions[]): string {
  return `(${list.flatMap((t) => t.partitions.map((p) => `${t.topicId}-${p}`)).join(', ')})`;
}

/** A heartbeat request: fields that are absent (unchanged) are not printed. */
export function formatHeartbeatRequest(r: ConsumerGroupHeartbeatRequest): string {
  const parts = [`member=${JSON.stringify(r.memberId)}`, `epoch=${r.memberEpoch}`];
  if (r.instanceId != null) parts.push(`instance=${r.instanceId}`);
  if (r.rackId != null) parts.push(`rack=${r.rackId}`);
  if (r.rebalanceTimeoutMs !== undefined) parts.push(`rebalance=${r.rebalanceTimeoutMs}`);
  if (r.subscribedTopicNames != null) parts.push(`names=(${r.subscribedTopicNames.join(', ')})`);
  if (r.subscribedTopicRegex != null) parts.push(`regex=${JSON.stringify(r.subscribedTopicRegex)}`);
  if (r.serverAssignor != null) parts.push(`assignor=${r.serverAssignor}`);
  if (r.topicPartitions != null) parts.push(`owned=${wirePartitions(r.topicPartitions)}`);
  return parts.join(' ');
}

function formatEvent(e: ConsumerMemberEvent): string {
  switch (e.kind) {
    case 'state-changed':
      return `${e.from} -> ${e.to} (epoch ${e.memberEpoch})`;
    case 'epoch-changed':
      return `epoch ${e.memberEpoch ?? 'none'}`;
    case 'coordinator-unknown':
      return `coordinator unknown: ${e.reason}`;
    case 'metadata-needed':
      return `metadata needed for (${e.topicIds.join(', ')})`;
    case 'auto-commit-failed':
      return `auto-commit failed: ${e.reason}`;
    case 'leave-completed':
      return 'leave completed';
    case 'response-ignored':
      return `response to HB#${e.requestId} ignored: ${errorName(e.errorCode)}`;
  }
}

/** One output as transcript lines. */
export function formatMemberOutput(o: ConsumerMemberOutput): string[] {
  switch (o.type) {
    case 'send':
      return [`send HB#${o.requestId} ${formatHeartbeatRequest(o.request)}`];
    case 'callback':
      return [`callback#${o.callbackId} ${o.callback} ${formatPartitions(o.partitions)}`];
    case 'commit':
      return [`commit#${o.commitId} epoch=${o.memberEpoch} partitions=${formatPartitions(o.partitions)} deadline=${o.deadlineMs}`];
    case 'error':
      return [`error ${o.error.fatal ? 'fatal ' : ''}${o.error.kind === 'group-error' ? o.error.exception : `${o.error.callback} failed`}: ${o.error.message}`];
    case 'event':
      return [`event ${formatEvent(o.event)}`];
  }
}
