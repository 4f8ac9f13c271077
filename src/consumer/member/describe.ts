/** A printable summary of a member, for logs and transcripts. Collections are printed sorted. */
import type { TopicPartitions } from '../../protocol/topic-partitions.js';
import type { ConsumerMemberState, LocalAssignment } from './types.js';

/** `(t1-0, t1-1, t2-0)`: partitions sorted by topic then id. */
export function formatPartitions(tp: TopicPartitions): string {
  const out: string[] = [];
  for (const [topic, parts] of tp) for (const p of parts) out.push(`${topic}-${p}`);
  return `(${out.join(', ')})`;
}

function formatLocal(a: LocalAssignment): string {
  return a.localEpoch === -1 ? 'NONE' : `${formatPartitions(a.partitions)}@${a.localEpoch}`;
}

function formatSubscription(s: ConsumerMemberState): string {
  const sub = s.subscription;
  if (sub.kind === 'none') return '-';
  return sub.kind === 'topics' ? `(${sub.topics.join(', ')})` : `pattern=${JSON.stringify(sub.pattern)}`;
}

/** Several lines describing the member. */
export function describeConsumerMember(s: ConsumerMemberState): string {
  const h = s.heartbeat;
  const lines = [
    `${s.state} member=${JSON.stringify(s.memberId)} epoch=${s.memberEpoch} subscription=${formatSubscription(s)}`,
    `owned=${formatPartitions(s.owned)} current=${formatLocal(s.currentAssignment)} target=${formatLocal(s.targetAssignment)}`,
    `heartbeat interval=${h.intervalMs} due=${h.timerDeadlineMs} attempts=${h.attempts} in-flight=(${h.inFlight.map((f) => `#${f.requestId}${f.ignoreResponse ? '?' : ''}`).join(', ')})`,
  ];
  if (s.reconciliation !== null) lines.push(`reconciling #${s.reconciliation.id}${s.reconciliation.rejoined ? ' (rejoined: will be discarded)' : ''}`);
  for (const cb of s.callbacks) lines.push(`waiting for callback ${cb.callbackId} ${cb.callback} ${formatPartitions(cb.partitions)}`);
  if (s.commit !== null) lines.push(`waiting for commit ${s.commit.commitId} until ${s.commit.deadlineMs}`);
  if (s.coordinator === 'unknown') lines.push('coordinator unknown');
  if (s.leaveInProgress) lines.push('leave in progress');
  if (s.closed) lines.push('closed');
  else if (s.closing) lines.push('closing');
  return lines.join('\n');
}
