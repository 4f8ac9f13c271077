/**
 * One line per member output, as the member transcripts (and the e2e failure dumps) show them.
 */
import { decodeAssignment, decodeSubscription } from '../../../src/protocol/consumer-protocol.js';
import { errorName } from '../../../src/protocol/error-codes.js';
import { formatTopicPartitions } from '../../../src/classic/member/index.js';
import type { ClassicMemberEvent, ClassicMemberOutput, ClassicMemberSendOutput } from '../../../src/classic/member/index.js';

function hex(bytes: Uint8Array | null | undefined): string {
  if (bytes === null || bytes === undefined) return '-';
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function q(s: string | null | undefined): string {
  return s === null || s === undefined ? '-' : JSON.stringify(s);
}

function assignmentText(bytes: Uint8Array): string {
  try {
    return formatTopicPartitions(decodeAssignment(bytes).partitions);
  } catch {
    return `bytes=${hex(bytes)}`;
  }
}

function formatSend(o: ClassicMemberSendOutput): string[] {
  const head = `send ${o.api}#${o.requestId}`;
  switch (o.api) {
    case 'JoinGroup': {
      const r = o.request;
      const lines = [`${head} member=${q(r.memberId)} instance=${q(r.groupInstanceId)} session=${r.sessionTimeoutMs} rebalance=${String(r.rebalanceTimeoutMs)} reason=${q(r.reason)}`];
      for (const p of r.protocols) {
        const s = decodeSubscription(p.metadata);
        lines.push(`  ${p.name} v${s.version} topics=(${s.topics.join(', ')}) owned=${formatTopicPartitions(s.ownedPartitions)} gen=${s.generationId} rack=${q(s.rackId)} userData=${hex(s.userData)}`);
      }
      return lines;
    }
    case 'SyncGroup': {
      const r = o.request;
      const assignments = r.assignments.map((a) => `${a.memberId}=${assignmentText(a.assignment)}`);
      return [`${head} gen=${r.generationId} member=${q(r.memberId)} instance=${q(r.groupInstanceId)} protocol=${q(r.protocolName)} assignments=(${assignments.join(' ')})`];
    }
    case 'Heartbeat':
      return [`${head} gen=${o.request.generationId} member=${q(o.request.memberId)} instance=${q(o.request.groupInstanceId)}`];
    case 'LeaveGroup': {
      const m = o.request.members ?? [];
      return [`${head} members=(${m.map((x) => `${x.memberId} reason=${q(x.reason)}`).join(', ')})`];
    }
    case 'OffsetCommit': {
      const r = o.request;
      const offsets = r.topics.flatMap((t) => t.partitions.map((p) => `${t.name}-${p.partitionIndex}=${p.committedOffset}`));
      return [`${head} gen=${r.generationIdOrMemberEpoch} member=${q(r.memberId)} instance=${q(r.groupInstanceId)} offsets=(${offsets.join(', ')})`];
    }
  }
}

function formatEvent(e: ClassicMemberEvent): string {
  switch (e.kind) {
    case 'state-changed':
      return `event ${e.from} -> ${e.to} (generation ${e.generationId})`;
    case 'coordinator-unknown':
      return `event coordinator unknown: ${e.reason}`;
    case 'left-group':
      return `event left group (${e.sent ? 'LeaveGroup sent' : 'no LeaveGroup'}): ${e.reason}`;
    case 'leave-group-result':
      return `event LeaveGroup result ${e.outcome}`;
    case 'auto-commit-failed':
      return `event auto-commit failed (${e.retriable ? 'retriable' : 'final'}): ${e.reason}`;
    case 'metadata-topics':
      return `event metadata topics (${e.topics.join(', ')})`;
  }
}

/** The lines of one output. */
export function formatMemberOutput(o: ClassicMemberOutput): string[] {
  switch (o.type) {
    case 'send':
      return formatSend(o);
    case 'callback':
      return [`callback#${o.callbackId} ${o.callback} ${formatTopicPartitions(o.partitions)}`];
    case 'error': {
      const e = o.error;
      const severity = e.fatal ? 'fatal' : 'raised';
      if (e.kind === 'group-error') return [`error ${severity} ${e.api} ${errorName(e.errorCode)}: ${e.message}`];
      if (e.kind === 'assignment-failed') return [`error ${severity} assignment by ${e.assignor}: ${e.message}`, ...e.violations.map((v) => `  ${JSON.stringify(v)}`)];
      if (e.kind === 'callback-failed') return [`error ${severity} ${e.callback}: ${e.message}`];
      return [`error ${severity} ${e.kind}: ${e.message}`];
    }
    case 'event':
      return [formatEvent(o.event)];
  }
}
