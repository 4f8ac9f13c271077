/** A printable summary of a member, for logs and transcripts. Collections are printed sorted. */
import type { TopicPartitions } from '../../protocol/topic-partitions.js';
import { flattenTopicPartitions } from '../../protocol/topic-partitions-ops.js';
import type { ClassicMemberState } from './types.js';

/** `(t1-0, t1-1, t2-0)`: partitions sorted by topic then id. */
export function formatTopicPartitions(tp: TopicPartitions): string {
  return `(${flattenTopicPartitions(tp)
    .map((p) => `${p.topic}-${p.partition}`)
    .join(', ')})`;
}

function quote(s: string): string {
  return JSON.stringify(s);
}

function inFlight(s: ClassicMemberState): string {
  const parts: string[] = [];
  if (s.join !== null) parts.push(`JoinGroup#${s.join.requestId}`);
  if (s.sync !== null) parts.push(`SyncGroup#${s.sync.requestId}`);
  if (s.heartbeat !== null) parts.push(`Heartbeat#${s.heartbeat.requestId}`);
  if (s.commit?.request) parts.push(`OffsetCommit#${s.commit.request.requestId}`);
  if (s.leave !== null) parts.push(`LeaveGroup#${s.leave.requestId}`);
  return parts.length === 0 ? 'none' : parts.join(' ');
}

/** Several lines describing the member. */
export function describeClassicMember(s: ClassicMemberState): string {
  const g = s.generation;
  const lines = [
    `${s.state} generation=${g.generationId} member=${quote(g.memberId)} protocol=${g.protocolName ?? '-'} rebalance=${s.protocol}${s.isLeader ? ' leader' : ''}`,
    `subscription=(${s.subscription.join(', ')}) owned=${formatTopicPartitions(s.owned)}`,
    `rejoin=${s.rejoinNeeded ? `needed reason=${quote(s.rejoinReason)}` : 'no'} join-prepare=${s.needsJoinPrepare ? 'yes' : 'no'} in-flight=${inFlight(s)}`,
  ];
  if (s.callback !== null) lines.push(`waiting for callback ${s.callback.callbackId} ${s.callback.callback} ${formatTopicPartitions(s.callback.partitions)}`);
  if (s.awaitingPoll) lines.push('waiting for poll');
  if (s.retryAtMs !== null) lines.push(`retry at ${s.retryAtMs}`);
  if (s.failed !== null) lines.push(`failed: ${s.failed.message}`);
  if (s.closed) lines.push('closed');
  return lines.join('\n');
}
