/**
 * The transcript commands of the classic coordinator scenarios. One function per command; each
 * returns the lines the transcript shows. Defaults follow the reference's scenario conventions
 * (Kafka's GroupMetadataManagerTestContext): session and rebalance timeout 500 ms, protocol type
 * "consumer", protocol "range" subscribed to "foo", latest API versions.
 *
 *   config initial-delay=50 max-size=10 min-session=10 max-session=600000 new-member-timeout=300000
 *   join [member=ID] [instance=I] [client=C] [v=9] [session=500] [rebalance=500]
 *        [protocols=(range, roundrobin)] [type=consumer] [topics=(foo)] [req=NAME]
 *   sync member=ID gen=N [instance=I] [v=5] [assign=(ID:hex, ...)] [type=T] [protocol=P] [req=NAME]
 *        (v5 needs type and protocol; they default to the group's current ones; `null` sends null)
 *   heartbeat member=ID gen=N [instance=I] [v=4]
 *   leave member=ID [v=0..2]            (single member)
 *   leave members=(ID, ID/INSTANCE, /INSTANCE) [v=3..5]
 *   commit [member=ID] [gen=N] [instance=I] [v=9] offsets=(topic-0:42, ...) [metadata=TEXT]
 *   fetch [partitions=(topic-0, ...)] [v=9]
 *   advance ms=N       advance the clock, fire due timers in deadline order
 *   load gen=N protocol=P leader=ID [type=consumer]   (input: one member per line:
 *        ID [instance=I] [session=N] [rebalance=N] [assignment=hex])
 *   reload             replay the log into a fresh coordinator and run the load step
 *   fail-append error=NAME   the next request step that writes records fails to append them with
 *        Kafka error NAME; the machine gets `append-failed` from the state before that step
 *   unload | state | timers | trace [timers=on|off] [events=on|off] [added=on|off]
 */
import { argInt, argString, argVals, hasArg } from '../../support/datadriven.js';
import type { TestData } from '../../support/datadriven.js';
import { CoordinatorHarness, formatOutput, subscriptionBytes } from './harness.js';
import { ErrorCode } from '../../../src/protocol/error-codes.js';
import type { ClassicCoordinatorOutput, ClassicGroupRecord, ClassicRequestInput } from '../../../src/classic/coordinator/index.js';

interface Trace {
  timers: boolean;
  events: boolean;
  added: boolean;
}

function fromHex(hex: string): Uint8Array {
  if (hex === '-' || hex === '') return new Uint8Array(0);
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** The word `null` stands for a null string field. */
function nullable(v: string): string | null {
  return v === 'null' ? null : v;
}

function splitOnce(s: string, sep: string): [string, string] {
  const at = s.lastIndexOf(sep);
  return at < 0 ? [s, ''] : [s.slice(0, at), s.slice(at + 1)];
}

/** Runs transcript directives against one coordinator. */
export class ScenarioRunner {
  readonly h = new CoordinatorHarness();
  private readonly trace: Trace = { timers: true, events: true, added: false };
  private readonly counters = new Map<string, number>();

  private requestId(d: TestData, prefix: string): string {
    const explicit = argString(d, 'req');
    if (explicit !== undefined) return explicit;
    const n = (this.counters.get(prefix) ?? 0) + 1;
    this.counters.set(prefix, n);
    return `${prefix}${n}`;
  }

  private show(outputs: readonly ClassicCoordinatorOutput[]): string[] {
    return outputs
      .filter((o) => {
        if (o.type === 'schedule-timer' || o.type === 'cancel-timer') return this.trace.timers;
        if (o.type === 'event') return this.trace.events && (o.event.kind !== 'member-added' || this.trace.added);
        return true;
      })
      .map(formatOutput);
  }

  private request(input: ClassicRequestInput): string {
    const lines = this.show(this.h.apply(input));
    if (this.h.lastDiscarded.length > 0) {
      const failed = this.h.lastDiscarded.filter((o) => o.type === 'record').map(formatOutput);
      return [...failed.map((l) => `append failed: ${l}`), ...lines].join('\n');
    }
    return lines.length === 0 ? '(parked)' : lines.join('\n');
  }

  private failAppend(d: TestData): string {
    const name = argString(d, 'error');
    const code = name === undefined ? undefined : (ErrorCode as Record<string, number>)[name];
    if (code === undefined) throw new Error(`${d.pos}: fail-append needs error=NAME (a Kafka error name)`);
    this.h.failNextAppend = code as ErrorCode;
    return 'ok';
  }

  /** Runs one directive. */
  run(d: TestData): string {
    switch (d.cmd) {
      case 'config':
        return this.config(d);
      case 'join':
        return this.join(d);
      case 'sync':
        return this.sync(d);
      case 'heartbeat':
        return this.heartbeat(d);
      case 'leave':
        return this.leave(d);
      case 'commit':
        return this.commit(d);
      case 'fetch':
        return this.fetch(d);
      case 'advance':
        return this.advance(d);
      case 'fail-append':
        return this.failAppend(d);
      case 'load':
        return this.load(d);
      case 'reload':
        return this.show(this.h.load(this.h.records)).join('\n') || 'ok';
      case 'unload':
        return this.show(this.h.apply({ type: 'unload' })).join('\n') || 'ok';
      case 'state':
        return this.h.describe();
      case 'timers':
        return this.timers();
      case 'trace':
        return this.setTrace(d);
      default:
        throw new Error(`${d.pos}: unknown command ${d.cmd}`);
    }
  }

  private config(d: TestData): string {
    const map: Record<string, string> = {
      'initial-delay': 'initialRebalanceDelayMs',
      'max-size': 'maxSize',
      'min-session': 'minSessionTimeoutMs',
      'max-session': 'maxSessionTimeoutMs',
      'new-member-timeout': 'newMemberJoinTimeoutMs',
      'metadata-max': 'offsetMetadataMaxSize',
    };
    const update: Record<string, number> = {};
    for (const a of d.cmdArgs) {
      const key = map[a.key];
      if (key === undefined) throw new Error(`${d.pos}: unknown config ${a.key}`);
      update[key] = Number(a.vals[0]);
    }
    this.h.apply({ type: 'configure', config: update });
    return 'ok';
  }

  private join(d: TestData): string {
    const topics = argVals(d, 'topics') ?? ['foo'];
    const names = argVals(d, 'protocols') ?? ['range'];
    const session = argInt(d, 'session', 500) as number;
    return this.request({
      type: 'request',
      api: 'JoinGroup',
      requestId: this.requestId(d, 'j'),
      apiVersion: argInt(d, 'v', 9) as number,
      clientId: argString(d, 'client', 'client') as string,
      clientHost: '/127.0.0.1',
      body: {
        groupId: argString(d, 'group', 'group') as string,
        memberId: argString(d, 'member', '') as string,
        groupInstanceId: argString(d, 'instance') ?? null,
        sessionTimeoutMs: session,
        rebalanceTimeoutMs: argInt(d, 'rebalance', 500) as number,
        protocolType: argString(d, 'type', 'consumer') as string,
        protocols: names.map((name) => ({ name, metadata: subscriptionBytes(topics) })),
      },
    });
  }

  private sync(d: TestData): string {
    const v = argInt(d, 'v', 5) as number;
    const g = this.h.state.group;
    const assignments = (argVals(d, 'assign') ?? []).map((a) => {
      const [memberId, hex] = splitOnce(a, ':');
      return { memberId, assignment: fromHex(hex) };
    });
    return this.request({
      type: 'request',
      api: 'SyncGroup',
      requestId: this.requestId(d, 's'),
      apiVersion: v,
      body: {
        groupId: argString(d, 'group', 'group') as string,
        memberId: argString(d, 'member', '') as string,
        generationId: argInt(d, 'gen', 0) as number,
        groupInstanceId: argString(d, 'instance') ?? null,
        protocolType: v >= 5 ? nullable(argString(d, 'type') ?? g?.protocolType ?? 'consumer') : null,
        protocolName: v >= 5 ? nullable(argString(d, 'protocol') ?? g?.protocolName ?? 'range') : null,
        assignments,
      },
    });
  }

  private heartbeat(d: TestData): string {
    return this.request({
      type: 'request',
      api: 'Heartbeat',
      requestId: this.requestId(d, 'h'),
      apiVersion: argInt(d, 'v', 4) as number,
      body: {
        groupId: argString(d, 'group', 'group') as string,
        memberId: argString(d, 'member', '') as string,
        generationId: argInt(d, 'gen', 0) as number,
        groupInstanceId: argString(d, 'instance') ?? null,
      },
    });
  }

  private leave(d: TestData): string {
    const list = argVals(d, 'members');
    const v = argInt(d, 'v', list === undefined ? 2 : 5) as number;
    const groupId = argString(d, 'group', 'group') as string;
    const body =
      list === undefined
        ? { groupId, memberId: argString(d, 'member', '') as string }
        : {
            groupId,
            members: list.map((entry) => {
              const [memberId, instance] = entry.includes('/') ? splitOnce(entry, '/') : [entry, ''];
              return { memberId, groupInstanceId: instance === '' ? null : instance };
            }),
          };
    return this.request({ type: 'request', api: 'LeaveGroup', requestId: this.requestId(d, 'l'), apiVersion: v, body });
  }

  private commit(d: TestData): string {
    const byTopic = new Map<string, { partitionIndex: number; committedOffset: number; committedMetadata: string | null }[]>();
    for (const entry of argVals(d, 'offsets') ?? []) {
      const [tp, offset] = splitOnce(entry, ':');
      const [topic, partition] = splitOnce(tp, '-');
      const list = byTopic.get(topic) ?? [];
      list.push({ partitionIndex: Number(partition), committedOffset: Number(offset), committedMetadata: argString(d, 'metadata') ?? null });
      byTopic.set(topic, list);
    }
    return this.request({
      type: 'request',
      api: 'OffsetCommit',
      requestId: this.requestId(d, 'c'),
      apiVersion: argInt(d, 'v', 9) as number,
      body: {
        groupId: argString(d, 'group', 'group') as string,
        memberId: argString(d, 'member', '') as string,
        generationIdOrMemberEpoch: argInt(d, 'gen', -1) as number,
        groupInstanceId: argString(d, 'instance') ?? null,
        topics: [...byTopic].map(([name, partitions]) => ({ name, partitions })),
      },
    });
  }

  private fetch(d: TestData): string {
    const wanted = argVals(d, 'partitions');
    let topics: { name: string; partitionIndexes: number[] }[] | null = null;
    if (wanted !== undefined) {
      const byTopic = new Map<string, number[]>();
      for (const tp of wanted) {
        const [topic, partition] = splitOnce(tp, '-');
        byTopic.set(topic, [...(byTopic.get(topic) ?? []), Number(partition)]);
      }
      topics = [...byTopic].map(([name, partitionIndexes]) => ({ name, partitionIndexes }));
    }
    return this.request({
      type: 'request',
      api: 'OffsetFetch',
      requestId: this.requestId(d, 'f'),
      apiVersion: argInt(d, 'v', 9) as number,
      body: { groupId: argString(d, 'group', 'group') as string, topics },
    });
  }

  private advance(d: TestData): string {
    const fired = this.h.advance(argInt(d, 'ms') as number);
    const lines = [`t=${this.h.nowMs}`];
    for (const f of fired) {
      const shown = this.show(f.outputs);
      lines.push(`fire ${f.key}${f.outputs.length === 0 ? ' (no effect)' : ''}`, ...shown.map((l) => `  ${l}`));
    }
    return lines.join('\n');
  }

  private load(d: TestData): string {
    const protocol = argString(d, 'protocol', 'range') as string;
    const members = d.input
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((line) => {
        const [memberId, ...rest] = line.trim().split(/\s+/);
        const kv = new Map(rest.map((t) => splitOnce(t, '=') as [string, string]));
        return {
          memberId: memberId as string,
          groupInstanceId: kv.get('instance') ?? null,
          clientId: 'client',
          clientHost: '/127.0.0.1',
          rebalanceTimeoutMs: Number(kv.get('rebalance') ?? 500),
          sessionTimeoutMs: Number(kv.get('session') ?? 500),
          subscription: subscriptionBytes(['foo']),
          assignment: fromHex(kv.get('assignment') ?? '-'),
        };
      });
    const record: ClassicGroupRecord = {
      type: 'GroupMetadata',
      groupId: 'group',
      value: {
        protocolType: argString(d, 'type', 'consumer') as string,
        generation: argInt(d, 'gen', 1) as number,
        protocol: members.length === 0 ? null : protocol,
        leader: argString(d, 'leader') ?? members[0]?.memberId ?? null,
        currentStateTimestampMs: this.h.nowMs,
        members,
      },
    };
    return this.show(this.h.load([record])).join('\n') || 'ok';
  }

  private timers(): string {
    const list = [...this.h.timers].sort((a, b) => a[1].deadlineMs - b[1].deadlineMs || a[1].seq - b[1].seq);
    return list.length === 0 ? 'none' : list.map(([k, t]) => `${k} at ${t.deadlineMs}`).join('\n');
  }

  private setTrace(d: TestData): string {
    for (const key of ['timers', 'events', 'added'] as const) {
      if (hasArg(d, key)) this.trace[key] = argString(d, key) !== 'off';
    }
    return 'ok';
  }
}
