/**
 * The transcript commands of the classic member scenarios: one member, driven by hand, with the
 * coordinator's answers written out in the transcript. Defaults: group "group", assignors
 * (range), session 10000 ms, heartbeat 3000 ms, max.poll.interval 300000 ms, backoff 100 ms,
 * auto-commit on.
 *
 *   config [assignors=(range, cooperative-sticky, scripted)] [scripted-name=N] [scripted-protocols=(COOPERATIVE, EAGER)]
 *          [instance=I] [session=N] [heartbeat=N] [max-poll=N] [backoff=N] [request-timeout=N] [rack=R] [auto-commit=off]
 *   metadata                      input: `topic partitions=N` per line
 *   subscribe topics=(t1, t2) | unsubscribe | poll | tick | close
 *   positions                     input: `t1-0=42` per line
 *   done [error=TEXT]             confirm the outstanding callback
 *   advance ms=N                  move the clock, ticking at every deadline on the way
 *   script                        the scripted assignor's next output; input: `m1: t1-0 t2-1` per line
 *   join-response [error=E] [gen=N] [member=ID] [leader=ID] [protocol=P] [type=T] [skip]
 *        input: one member per line, `ID self` (the metadata this member sent) or
 *        `ID [instance=I] topics=(t1) [owned=(t1-0)] [gen=N]`
 *   sync-response [error=E] [assign=(t1-0, t1-1)] [bytes=HEX] [protocol=P] [type=T]
 *   heartbeat-response [error=E] | commit-response [error=E] | leave-response [error=E] [members=(ID=E, ...)]
 *   fail api=A [reason=timeout]  | state
 * Responses go to the request of that API in flight (the newest one sent, with `req=N` to pick).
 */
import { createCooperativeStickyAssignor } from '../../../src/assignors/client/sticky/index.js';
import { rangeAssignor } from '../../../src/assignors/client/range.js';
import { roundRobinAssignor } from '../../../src/assignors/client/roundrobin.js';
import { stickyAssignor } from '../../../src/assignors/client/sticky/index.js';
import type { PartitionAssignor } from '../../../src/assignors/types.js';
import { encodeAssignment, encodeSubscription } from '../../../src/protocol/consumer-protocol.js';
import { ErrorCode, type ErrorName } from '../../../src/protocol/error-codes.js';
import { topicPartitions } from '../../../src/protocol/topic-partitions-ops.js';
import type { Assignment, RebalanceProtocol, TopicMetadata } from '../../../src/protocol/types.js';
import {
  classicMemberNextDeadline,
  describeClassicMember,
  initialClassicMemberState,
  stepClassicMember,
} from '../../../src/classic/member/index.js';
import type { ClassicMemberApi, ClassicMemberInput, ClassicMemberOutput, ClassicMemberState } from '../../../src/classic/member/index.js';
import type { JoinGroupResponseMember } from '../../../src/classic/coordinator/types.js';
import { argInt, argString, argVals, hasArg, type TestData } from '../../support/datadriven.js';
import { formatMemberOutput } from './format.js';

/** Parses `t1-0` (the partition follows the last dash, so topics may contain dashes). */
export function parsePartition(s: string): { topic: string; partition: number } {
  const at = s.lastIndexOf('-');
  return { topic: s.slice(0, at), partition: Number(s.slice(at + 1)) };
}

function partitionsOf(list: readonly string[]) {
  return topicPartitions(list.filter((x) => x !== '').map(parsePartition));
}

function errorCode(d: TestData): number {
  const name = argString(d, 'error', 'NONE') as string;
  const code = ErrorCode[name as ErrorName];
  if (code === undefined) throw new Error(`${d.pos}: unknown error ${name}`);
  return code;
}

function fromHex(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

function nullable(v: string | undefined, fallback: string | null): string | null {
  if (v === undefined) return fallback;
  return v === 'null' ? null : v;
}

/** Runs transcript directives against one member. */
export class MemberScenarioRunner {
  state: ClassicMemberState;
  nowMs = 0;
  /** The newest request sent per API, with its outputs. */
  private readonly sent = new Map<ClassicMemberApi, Extract<ClassicMemberOutput, { type: 'send' }>>();
  private scripted = new Map<string, Assignment>();

  constructor() {
    this.state = initialClassicMemberState({ groupId: 'group', assignors: [rangeAssignor], sessionTimeoutMs: 10_000 });
  }

  private scriptedAssignor(name: string, protocols: readonly RebalanceProtocol[]): PartitionAssignor {
    return {
      name,
      supportedProtocols: protocols,
      assign: ({ members }) => new Map(members.map((m) => [m.memberId, this.scripted.get(m.memberId) ?? { partitions: new Map() }])),
    };
  }

  private assignor(name: string, d: TestData): PartitionAssignor {
    switch (name) {
      case 'range':
        return rangeAssignor;
      case 'roundrobin':
        return roundRobinAssignor;
      case 'sticky':
        return stickyAssignor;
      case 'cooperative-sticky':
        return createCooperativeStickyAssignor();
      case 'scripted':
        return this.scriptedAssignor(argString(d, 'scripted-name', 'scripted') as string, (argVals(d, 'scripted-protocols') ?? ['EAGER']) as RebalanceProtocol[]);
      default:
        throw new Error(`${d.pos}: unknown assignor ${name}`);
    }
  }

  /** Steps the member and formats its outputs. */
  apply(input: ClassicMemberInput): string[] {
    const r = stepClassicMember(this.state, input, this.nowMs);
    this.state = r.state;
    const lines: string[] = [];
    for (const o of r.outputs) {
      if (o.type === 'send') this.sent.set(o.api, o);
      lines.push(...formatMemberOutput(o));
    }
    return lines;
  }

  private show(lines: string[]): string {
    return lines.length === 0 ? 'ok' : lines.join('\n');
  }

  /** Runs one directive. */
  run(d: TestData): string {
    switch (d.cmd) {
      case 'config':
        return this.config(d);
      case 'metadata':
        return this.show(this.apply({ type: 'metadata', topics: this.metadata(d) }));
      case 'subscribe':
        return this.show(this.apply({ type: 'subscribe', topics: argVals(d, 'topics') ?? [] }));
      case 'unsubscribe':
      case 'poll':
      case 'tick':
      case 'close':
        return this.show(this.apply({ type: d.cmd }));
      case 'positions':
        return this.show(this.apply({ type: 'positions', positions: this.positions(d) }));
      case 'done':
        return this.done(d);
      case 'advance':
        return this.advance(argInt(d, 'ms') as number);
      case 'script':
        return this.script(d);
      case 'join-response':
        return this.joinResponse(d);
      case 'sync-response':
        return this.syncResponse(d);
      case 'heartbeat-response':
        return this.respond(d, 'Heartbeat', { errorCode: errorCode(d) as ErrorCode });
      case 'commit-response':
        return this.commitResponse(d);
      case 'leave-response':
        return this.leaveResponse(d);
      case 'fail':
        return this.fail(d);
      case 'state':
        return describeClassicMember(this.state);
      default:
        throw new Error(`${d.pos}: unknown command ${d.cmd}`);
    }
  }

  private config(d: TestData): string {
    const names = argVals(d, 'assignors') ?? ['range'];
    const int = (key: string) => argInt(d, key);
    const opt = <T>(key: string, v: T | undefined) => (v === undefined ? {} : { [key]: v });
    this.state = initialClassicMemberState({
      groupId: 'group',
      assignors: names.map((n) => this.assignor(n, d)),
      sessionTimeoutMs: int('session') ?? 10_000,
      ...opt('groupInstanceId', argString(d, 'instance')),
      ...opt('heartbeatIntervalMs', int('heartbeat')),
      ...opt('maxPollIntervalMs', int('max-poll')),
      ...opt('retryBackoffMs', int('backoff')),
      ...opt('requestTimeoutMs', int('request-timeout')),
      ...opt('rackId', argString(d, 'rack')),
      ...opt('enableAutoCommit', hasArg(d, 'auto-commit') ? argString(d, 'auto-commit') === 'on' : undefined),
    });
    return `protocol=${this.state.protocol}`;
  }

  private metadata(d: TestData): Map<string, TopicMetadata> {
    const topics = new Map<string, TopicMetadata>();
    for (const line of d.input.split('\n').filter((l) => l.trim() !== '')) {
      const [topic, spec] = line.trim().split(/\s+/);
      topics.set(topic as string, { partitions: Number((spec ?? 'partitions=1').split('=')[1]) });
    }
    return topics;
  }

  private positions(d: TestData) {
    return d.input
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => {
        const [tp, offset] = l.trim().split('=');
        return { ...parsePartition(tp as string), offset: Number(offset) };
      });
  }

  private done(d: TestData): string {
    const cb = this.state.callback;
    if (cb === null) throw new Error(`${d.pos}: no callback is outstanding`);
    const error = argString(d, 'error');
    return this.show(this.apply(error === undefined ? { type: 'callback-done', callbackId: cb.callbackId } : { type: 'callback-done', callbackId: cb.callbackId, error }));
  }

  private advance(ms: number): string {
    const target = this.nowMs + ms;
    const lines: string[] = [];
    for (let guard = 0; guard < 10_000; guard++) {
      const due = classicMemberNextDeadline(this.state);
      if (due === null || due > target) break;
      this.nowMs = Math.max(this.nowMs, due);
      const out = this.apply({ type: 'tick' });
      if (out.length > 0) lines.push(`t=${this.nowMs}`, ...out.map((l) => `  ${l}`));
    }
    this.nowMs = target;
    lines.push(`t=${target}`);
    return lines.join('\n');
  }

  private script(d: TestData): string {
    this.scripted = new Map();
    for (const line of d.input.split('\n').filter((l) => l.trim() !== '')) {
      const [id, rest] = line.split(':');
      this.scripted.set((id as string).trim(), { partitions: partitionsOf((rest ?? '').trim().split(/\s+/)) });
    }
    return 'ok';
  }

  private requestId(d: TestData, api: ClassicMemberApi): number {
    const explicit = argInt(d, 'req');
    if (explicit !== undefined) return explicit;
    const sent = this.sent.get(api);
    if (sent === undefined) throw new Error(`${d.pos}: no ${api} was sent`);
    return sent.requestId;
  }

  private respond<A extends ClassicMemberApi>(d: TestData, api: A, response: Extract<ClassicMemberInput, { type: 'response'; api: A }>['response']): string {
    const input = { type: 'response', api, requestId: this.requestId(d, api), response } as ClassicMemberInput;
    return this.show(this.apply(input));
  }

  private member(line: string, protocol: string | null): JoinGroupResponseMember {
    const parts = line.trim().split(/\s+(?![^(]*\))/);
    const memberId = parts[0] as string;
    if (parts[1] === 'self') {
      const join = this.sent.get('JoinGroup');
      const metadata = join?.type === 'send' && join.api === 'JoinGroup' ? join.request.protocols.find((p) => p.name === protocol)?.metadata : undefined;
      if (metadata === undefined) throw new Error(`no metadata sent for protocol ${String(protocol)}`);
      return { memberId, groupInstanceId: this.state.config.groupInstanceId, metadata };
    }
    const kv = new Map(parts.slice(1).map((p) => p.split('=') as [string, string]));
    const list = (v: string | undefined) => (v === undefined ? [] : v.replace(/[()]/g, '').split(',').map((x) => x.trim()).filter((x) => x !== ''));
    const metadata = encodeSubscription({ topics: list(kv.get('topics')), ownedPartitions: partitionsOf(list(kv.get('owned'))), generationId: Number(kv.get('gen') ?? -1) });
    return { memberId, groupInstanceId: kv.get('instance') ?? null, metadata };
  }

  private joinResponse(d: TestData): string {
    const protocol = nullable(argString(d, 'protocol'), 'range');
    const lines = d.input.split('\n').filter((l) => l.trim() !== '');
    return this.respond(d, 'JoinGroup', {
      errorCode: errorCode(d) as ErrorCode,
      generationId: argInt(d, 'gen', -1) as number,
      protocolType: nullable(argString(d, 'type'), 'consumer'),
      protocolName: protocol,
      leader: argString(d, 'leader', '') as string,
      skipAssignment: hasArg(d, 'skip'),
      memberId: argString(d, 'member', '') as string,
      members: lines.map((l) => this.member(l, protocol)),
    });
  }

  private syncResponse(d: TestData): string {
    const bytes = argString(d, 'bytes');
    const assignment = bytes !== undefined ? fromHex(bytes) : encodeAssignment({ partitions: partitionsOf(argVals(d, 'assign') ?? []) });
    return this.respond(d, 'SyncGroup', {
      errorCode: errorCode(d) as ErrorCode,
      protocolType: nullable(argString(d, 'type'), 'consumer'),
      protocolName: nullable(argString(d, 'protocol'), this.state.generation.protocolName),
      assignment: errorCode(d) === 0 ? assignment : new Uint8Array(0),
    });
  }

  private commitResponse(d: TestData): string {
    const sent = this.sent.get('OffsetCommit');
    if (sent?.api !== 'OffsetCommit') throw new Error(`${d.pos}: no OffsetCommit was sent`);
    const code = errorCode(d) as ErrorCode;
    const topics = sent.request.topics.map((t) => ({ name: t.name, partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, errorCode: code })) }));
    return this.respond(d, 'OffsetCommit', { topics });
  }

  private leaveResponse(d: TestData): string {
    const members = (argVals(d, 'members') ?? []).map((m) => {
      const [memberId, name] = m.split('=');
      return { memberId: memberId as string, groupInstanceId: null, errorCode: ErrorCode[(name ?? 'NONE') as ErrorName] };
    });
    return this.respond(d, 'LeaveGroup', { errorCode: errorCode(d) as ErrorCode, members });
  }

  private fail(d: TestData): string {
    const api = argString(d, 'api') as ClassicMemberApi;
    const reason = argString(d, 'reason', 'disconnected') as 'disconnected' | 'timeout';
    return this.show(this.apply({ type: 'request-failed', requestId: this.requestId(d, api), reason }));
  }
}
