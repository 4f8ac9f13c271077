/**
 * The transcript commands of the consumer coordinator scenarios (test/scenarios/consumer/coordinator):
 *
 *   config [session=] [interval=] [max-size=] [assignors=(uniform,range)] [version=4.1] [regex-batch=]
 *   topics                        input: one topic per line, `name partitions [id=]` (id defaults to name-id)
 *   join member= topics=(..) [regex=] [instance=] [rack=] [assignor=] [rebalance=5000] [v=1]
 *   heartbeat member= epoch= [topics=(..)] [regex=] [instance=] [rack=] [assignor=] [rebalance=] [owned=(foo:0,foo:1)] [v=]
 *   leave member= [epoch=-1|-2] [instance=]
 *   raw [v=] [api=]               input: a JSON request body sent as is (api defaults to ConsumerGroupHeartbeat)
 *   commit [member=] epoch= offsets=(foo:0=10,..) [metadata=] [v=9]
 *   fetch [member=] [epoch=] [topics=(foo:0,foo:1)] [stable=true] [v=9]   no topics= fetches every offset
 *   advance ms=                   fires due timers; fire                      fires timers due now
 *   state | timers | describe | reload | trace [timers=on|off] [events=on|off]
 *
 * Topics print by name; `hash=H1` labels stand for metadata hashes, in order of appearance.
 */
import { argInt, argString, argVals, hasArg } from '../../support/datadriven.js';
import type { TestData } from '../../support/datadriven.js';
import { describeConsumerGroup, formatTopicPartitions } from '../../../src/consumer/coordinator/index.js';
import type {
  ConsumerGroupCoordinatorOutput,
  ConsumerGroupHeartbeatRequest,
  ConsumerGroupRecord,
  KafkaVersion,
  TopicImage,
} from '../../../src/consumer/coordinator/index.js';
import { uniformAssignor } from '../../../src/assignors/server/uniform.js';
import { serverRangeAssignor } from '../../../src/assignors/server/range.js';
import { errorName } from '../../../src/protocol/error-codes.js';
import { ConsumerCoordinatorHarness } from './harness.js';
import type { PackedTopicPartitions } from '../../../src/protocol/topic-partitions.js';

const ASSIGNORS = new Map([
  ['uniform', uniformAssignor],
  ['range', serverRangeAssignor],
]);

/** Runs transcript directives against one coordinator. */
export class ConsumerScenarioRunner {
  readonly h = new ConsumerCoordinatorHarness({ groupId: 'grp', assignors: [uniformAssignor, serverRangeAssignor] });
  private readonly trace = { timers: true, events: true };
  private readonly hashes = new Map<number, string>();
  private requests = 0;

  run(d: TestData): string {
    switch (d.cmd) {
      case 'config':
        return this.config(d);
      case 'topics':
        return this.topics(d);
      case 'join':
        return this.heartbeat(d, 0);
      case 'heartbeat':
        return this.heartbeat(d, argInt(d, 'epoch') as number);
      case 'leave':
        return this.heartbeat(d, argInt(d, 'epoch', -1) as number);
      case 'raw':
        if (hasArg(d, 'api')) return this.sendApi(argString(d, 'api') as 'OffsetCommit' | 'OffsetFetch', JSON.parse(d.input) as never, argInt(d, 'v', 9) as number);
        return this.send(JSON.parse(d.input) as ConsumerGroupHeartbeatRequest, argInt(d, 'v', 1) as number);
      case 'commit':
        return this.commit(d);
      case 'fetch':
        return this.fetch(d);
      case 'advance':
        return this.fired(this.h.advance(argInt(d, 'ms') as number), true);
      case 'fire':
        return this.fired(this.h.fireDue(), false);
      case 'state':
        return describeConsumerGroup(this.h.state);
      case 'timers':
        return this.timers();
      case 'describe':
        return this.describe();
      case 'reload':
        return this.show(this.h.reload()).join('\n') || 'ok';
      case 'trace':
        for (const key of ['timers', 'events'] as const) if (hasArg(d, key)) this.trace[key] = argString(d, key) !== 'off';
        return 'ok';
      default:
        throw new Error(`${d.pos}: unknown command ${d.cmd}`);
    }
  }

  private config(d: TestData): string {
    const update: Record<string, unknown> = {};
    const keys: Record<string, string> = { session: 'sessionTimeoutMs', interval: 'heartbeatIntervalMs', 'max-size': 'maxSize', 'regex-batch': 'regexBatchRefreshIntervalMs' };
    for (const a of d.cmdArgs) {
      if (a.key === 'assignors') update['assignors'] = a.vals.map((n) => ASSIGNORS.get(n));
      else if (a.key === 'version') update['kafkaVersion'] = a.vals[0] as KafkaVersion;
      else if (keys[a.key] !== undefined) update[keys[a.key] as string] = Number(a.vals[0]);
      else throw new Error(`${d.pos}: unknown config ${a.key}`);
    }
    this.h.apply({ type: 'configure', config: update });
    return 'ok';
  }

  private topics(d: TestData): string {
    const topics: TopicImage[] = d.input
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((line) => {
        const [name, partitions, ...rest] = line.trim().split(/\s+/);
        const kv = new Map(rest.map((t) => t.split('=') as [string, string]));
        return { topicId: kv.get('id') ?? `${name}-id`, name: name as string, partitions: Number(partitions) };
      });
    return this.show(this.h.apply({ type: 'metadata', topics })).join('\n') || 'ok';
  }

  private topicId(name: string): string {
    return this.h.state.metadata.byName.get(name)?.topicId ?? name;
  }

  private heartbeat(d: TestData, epoch: number): string {
    const joining = d.cmd === 'join';
    const owned = argVals(d, 'owned');
    const byTopic = new Map<string, number[]>();
    for (const entry of owned ?? []) {
      const [topic, p] = entry.split(':') as [string, string];
      byTopic.set(this.topicId(topic), [...(byTopic.get(this.topicId(topic)) ?? []), Number(p)]);
    }
    const body: ConsumerGroupHeartbeatRequest = {
      groupId: argString(d, 'group', 'grp') as string,
      memberId: argString(d, 'member', '') as string,
      memberEpoch: epoch,
      instanceId: argString(d, 'instance') ?? null,
      rackId: argString(d, 'rack') ?? null,
      rebalanceTimeoutMs: argInt(d, 'rebalance', joining ? 5000 : -1) as number,
      subscribedTopicNames: argVals(d, 'topics') ?? (joining && !hasArg(d, 'regex') ? [] : null),
      subscribedTopicRegex: argString(d, 'regex') ?? null,
      serverAssignor: argString(d, 'assignor') ?? null,
      topicPartitions: owned === undefined ? (joining ? [] : null) : [...byTopic].map(([topicId, partitions]) => ({ topicId, partitions })),
    };
    return this.send(body, argInt(d, 'v', 1) as number);
  }

  private send(body: ConsumerGroupHeartbeatRequest, apiVersion: number): string {
    this.requests += 1;
    const outputs = this.h.apply({ type: 'request', api: 'ConsumerGroupHeartbeat', requestId: `h${this.requests}`, apiVersion, clientId: 'client', clientHost: '/127.0.0.1', body });
    return this.show(outputs).join('\n');
  }

  private sendApi(api: 'OffsetCommit' | 'OffsetFetch', body: never, apiVersion: number): string {
    this.requests += 1;
    const prefix = api === 'OffsetCommit' ? 'c' : 'f';
    return this.show(this.h.apply({ type: 'request', api, requestId: `${prefix}${this.requests}`, apiVersion, body })).join('\n');
  }

  private commit(d: TestData): string {
    const byTopic = new Map<string, { partitionIndex: number; committedOffset: number; committedMetadata: string | null }[]>();
    const metadata = argString(d, 'metadata') ?? null;
    for (const entry of argVals(d, 'offsets') ?? []) {
      const [tp, offset] = entry.split('=') as [string, string];
      const [topic, p] = tp.split(':') as [string, string];
      byTopic.set(topic, [...(byTopic.get(topic) ?? []), { partitionIndex: Number(p), committedOffset: Number(offset), committedMetadata: metadata }]);
    }
    const body = {
      groupId: argString(d, 'group', 'grp') as string,
      generationIdOrMemberEpoch: argInt(d, 'epoch', -1) as number,
      memberId: argString(d, 'member', '') as string,
      topics: [...byTopic].map(([name, partitions]) => ({ name, partitions })),
    };
    return this.sendApi('OffsetCommit', body as never, argInt(d, 'v', 9) as number);
  }

  private fetch(d: TestData): string {
    const wanted = argVals(d, 'topics');
    const byTopic = new Map<string, number[]>();
    for (const entry of wanted ?? []) {
      const [topic, p] = entry.split(':') as [string, string];
      byTopic.set(topic, [...(byTopic.get(topic) ?? []), Number(p)]);
    }
    const body = {
      groupId: argString(d, 'group', 'grp') as string,
      topics: wanted === undefined ? null : [...byTopic].map(([name, partitionIndexes]) => ({ name, partitionIndexes })),
      requireStable: argString(d, 'stable') === 'true',
      ...(hasArg(d, 'member') ? { memberId: argString(d, 'member') as string } : {}),
      ...(hasArg(d, 'epoch') ? { memberEpoch: argInt(d, 'epoch') as number } : {}),
    };
    return this.sendApi('OffsetFetch', body as never, argInt(d, 'v', 9) as number);
  }

  private describe(): string {
    this.requests += 1;
    const outputs = this.h.apply({ type: 'request', api: 'ConsumerGroupDescribe', requestId: `d${this.requests}`, apiVersion: 0, body: { groupIds: ['grp', 'other'] } });
    const r = outputs.find((o) => o.type === 'response');
    if (r === undefined || r.api !== 'ConsumerGroupDescribe') return 'no response';
    return r.response.groups
      .flatMap((g) => [
        `${g.groupId}: ${errorName(g.errorCode)} state=${g.groupState} epoch=${g.groupEpoch} assignment-epoch=${g.assignmentEpoch} assignor=${g.assignorName || '-'}`,
        ...g.members.map((m) => `  ${m.memberId} epoch=${m.memberEpoch} owns=(${m.assignment.map((t) => `${t.topicName}:${t.partitions.join(',')}`).join(' ')}) target=(${m.targetAssignment.map((t) => `${t.topicName}:${t.partitions.join(',')}`).join(' ')})`),
      ])
      .join('\n');
  }

  private fired(list: { key: string; outputs: readonly ConsumerGroupCoordinatorOutput[] }[], showTime: boolean): string {
    const lines = showTime ? [`t=${this.h.nowMs}`] : [];
    for (const f of list) lines.push(`fire ${f.key}${f.outputs.length === 0 ? ' (no effect)' : ''}`, ...this.show(f.outputs).map((l) => `  ${l}`));
    return lines.join('\n') || 'nothing due';
  }

  private timers(): string {
    const list = [...this.h.timers].sort((a, b) => a[1].deadlineMs - b[1].deadlineMs || a[1].seq - b[1].seq);
    return list.length === 0 ? 'none' : list.map(([k, t]) => `${k} at ${t.deadlineMs}`).join('\n');
  }

  private tp(tp: PackedTopicPartitions): string {
    return formatTopicPartitions(tp, (id) => this.h.state.metadata.byId.get(id)?.name ?? id);
  }

  private hash(h: number): string {
    if (h === 0) return '0';
    let label = this.hashes.get(h);
    if (label === undefined) {
      label = `H${this.hashes.size + 1}`;
      this.hashes.set(h, label);
    }
    return label;
  }

  show(outputs: readonly ConsumerGroupCoordinatorOutput[]): string[] {
    const lines: string[] = [];
    for (const o of outputs) {
      if (o.type === 'record') lines.push(`record ${this.record(o.record)}`);
      else if (o.type === 'schedule-timer' && this.trace.timers) lines.push(`timer ${o.key} at ${o.deadlineMs}`);
      else if (o.type === 'cancel-timer' && this.trace.timers) lines.push(`cancel ${o.key}`);
      else if (o.type === 'event' && this.trace.events) {
        const e = o.event;
        if (e.kind === 'state-changed') lines.push(`event ${e.from} -> ${e.to} (epoch ${e.groupEpoch})`);
        else if (e.kind === 'member-removed') lines.push(`event removed ${e.memberId} (${e.reason})`);
      } else if (o.type === 'response' && o.api === 'ConsumerGroupHeartbeat') {
        const r = o.response;
        const parts = [`${o.requestId}: ${errorName(r.errorCode)}`];
        if (r.errorMessage !== null) parts.push(JSON.stringify(r.errorMessage));
        if (r.errorCode === 0) {
          parts.push(`member=${r.memberId} epoch=${r.memberEpoch} interval=${r.heartbeatIntervalMs}`);
          if (r.assignment !== null) parts.push(`assignment=(${r.assignment.topicPartitions.map((t) => `${this.h.state.metadata.byId.get(t.topicId)?.name ?? t.topicId}:${t.partitions.join(',')}`).join(' ')})`);
        }
        lines.push(parts.join(' '));
      } else if (o.type === 'response' && o.api === 'OffsetCommit') {
        const parts = o.response.topics.flatMap((t) => t.partitions.map((p) => `${t.name}:${p.partitionIndex}=${errorName(p.errorCode)}`));
        lines.push(`${o.requestId}: ${parts.join(' ') || '(no partitions)'}`);
      } else if (o.type === 'response' && o.api === 'OffsetFetch') {
        const r = o.response;
        const parts = r.topics.flatMap((t) =>
          t.partitions.map((p) => `${t.name}:${p.partitionIndex}=${p.committedOffset}${p.committedLeaderEpoch >= 0 ? `@${p.committedLeaderEpoch}` : ''}${p.metadata !== '' ? `(${p.metadata})` : ''}${p.errorCode !== 0 ? `!${errorName(p.errorCode)}` : ''}`),
        );
        lines.push(`${o.requestId}: ${errorName(r.errorCode)}${parts.length > 0 ? ` ${parts.join(' ')}` : ''}`);
      }
    }
    return lines;
  }

  private record(r: ConsumerGroupRecord): string {
    switch (r.type) {
      case 'ConsumerGroupMetadata':
        return r.value === null ? 'GroupMetadata tombstone' : `GroupMetadata epoch=${r.value.epoch} hash=${this.hash(r.value.metadataHash)}`;
      case 'ConsumerGroupPartitionMetadata':
        return r.value === null ? 'PartitionMetadata tombstone' : `PartitionMetadata (${r.value.topics.map((t) => `${t.topicName}:${t.numPartitions}`).join(' ')})`;
      case 'ConsumerGroupMemberMetadata': {
        if (r.value === null) return `MemberMetadata ${r.memberId} tombstone`;
        const v = r.value;
        const parts = [`MemberMetadata ${r.memberId}`];
        if (v.instanceId !== null) parts.push(`instance=${v.instanceId}`);
        if (v.rackId !== null) parts.push(`rack=${v.rackId}`);
        parts.push(`topics=(${v.subscribedTopicNames.join(',')})`);
        if (v.subscribedTopicRegex !== '') parts.push(`regex=${v.subscribedTopicRegex}`);
        if (v.serverAssignor !== null) parts.push(`assignor=${v.serverAssignor}`);
        parts.push(`rebalance=${v.rebalanceTimeoutMs}`);
        return parts.join(' ');
      }
      case 'ConsumerGroupTargetAssignmentMember':
        return r.value === null ? `TargetAssignment ${r.memberId} tombstone` : `TargetAssignment ${r.memberId} ${this.tp(r.value.topicPartitions)}`;
      case 'ConsumerGroupTargetAssignmentMetadata':
        return r.value === null ? 'TargetAssignmentMetadata tombstone' : `TargetAssignmentMetadata epoch=${r.value.assignmentEpoch}`;
      case 'ConsumerGroupCurrentMemberAssignment': {
        if (r.value === null) return `CurrentAssignment ${r.memberId} tombstone`;
        const v = r.value;
        const revoking = v.partitionsPendingRevocation.size > 0 ? ` revoking=${this.tp(v.partitionsPendingRevocation)}` : '';
        return `CurrentAssignment ${r.memberId} ${v.state} epoch=${v.memberEpoch} prev=${v.previousMemberEpoch} owns=${this.tp(v.assignedPartitions)}${revoking}`;
      }
      case 'ConsumerGroupRegularExpression':
        return r.value === null ? `Regex ${r.regex} tombstone` : `Regex ${r.regex} -> (${r.value.topics.join(',')}) version=${r.value.version}`;
      case 'OffsetCommit': {
        if (r.value === null) return `OffsetCommit ${r.topic}:${r.partition} tombstone`;
        const v = r.value;
        const expire = v.expireTimestampMs === null ? '' : ` expire=${v.expireTimestampMs}`;
        return `OffsetCommit ${r.topic}:${r.partition} offset=${v.offset} leader-epoch=${v.leaderEpoch} metadata=${JSON.stringify(v.metadata)} at=${v.commitTimestampMs}${expire}`;
      }
    }
  }
}
