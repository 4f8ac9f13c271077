/**
 * The transcript commands of the KIP-848 member scenarios: one member, driven by hand, with
 * the coordinator's answers written out in the transcript. Defaults: group "group", member id
 * "m1", max.poll.interval 300000 ms, backoff 100..1000 ms, request timeout 30000 ms, auto-commit on.
 *
 *   config [instance=I] [rack=R] [assignor=A] [max-poll=N] [backoff=N] [backoff-max=N]
 *          [request-timeout=N] [auto-commit=off] [jitter=X]
 *   metadata                     input: `topicId name` per line (replaces the metadata)
 *   subscribe topics=(t1, t2) | subscribe pattern=P | unsubscribe | poll | tick | close [op=LEAVE_GROUP]
 *   response [error=E] [epoch=N] [interval=N] [assign=(id1-0, id1-1)] [req=N]
 *        answers the oldest heartbeat in flight (or `req`); no `assign` = assignment unchanged (null);
 *        input: the error message, if any
 *   fail [reason=timeout|disconnected|unsupported-version] [req=N]
 *   done [id=N] [error=TEXT]     confirm a callback (the oldest outstanding by default)
 *   commit-done [error=TEXT] [id=N]
 *   coordinator known=on|off     the driver found / lost the group coordinator
 *   deadline                     the member's next deadline (consumerMemberNextDeadline)
 *   advance ms=N                 move the clock, ticking at every deadline on the way
 *   state                        describe the member
 */
import { ErrorCode, type ErrorName } from '../../../src/protocol/error-codes.js';
import type { ConsumerGroupHeartbeatResponse, TopicIdPartitions } from '../../../src/consumer/coordinator/types.js';
import {
  consumerMemberNextDeadline,
  describeConsumerMember,
  initialConsumerMemberState,
  stepConsumerMember,
} from '../../../src/consumer/member/index.js';
import type { ConsumerMemberConfig, ConsumerMemberInput, ConsumerMemberState, GroupMembershipOperation } from '../../../src/consumer/member/index.js';
import { argInt, argString, argVals, hasArg, type TestData } from '../../support/datadriven.js';
import { formatMemberOutput } from './format.js';

/** Parses `id1-0` (the partition follows the last dash). */
function parseIdPartition(s: string): { topicId: string; partition: number } {
  const at = s.lastIndexOf('-');
  return { topicId: s.slice(0, at), partition: Number(s.slice(at + 1)) };
}

/** `(id1-0, id1-1, id2-3)` as the wire's list, in the order written (the member must sort). */
export function wireAssignment(list: readonly string[]): TopicIdPartitions[] {
  const byTopic = new Map<string, number[]>();
  for (const item of list.filter((x) => x !== '')) {
    const { topicId, partition } = parseIdPartition(item);
    const parts = byTopic.get(topicId) ?? [];
    parts.push(partition);
    byTopic.set(topicId, parts);
  }
  return [...byTopic].map(([topicId, partitions]) => ({ topicId, partitions }));
}

function errorCode(d: TestData): ErrorCode {
  const name = argString(d, 'error', 'NONE') as string;
  const code = ErrorCode[name as ErrorName];
  if (code === undefined) throw new Error(`${d.pos}: unknown error ${name}`);
  return code;
}

/** Runs transcript directives against one member. */
export class ConsumerMemberScenarioRunner {
  state: ConsumerMemberState;
  nowMs = 0;
  private readonly base: ConsumerMemberConfig = { groupId: 'group', memberId: 'm1' };

  constructor() {
    this.state = initialConsumerMemberState(this.base);
  }

  /** Steps the member and formats its outputs. */
  apply(input: ConsumerMemberInput): string[] {
    const r = stepConsumerMember(this.state, input, this.nowMs);
    this.state = r.state;
    return r.outputs.flatMap(formatMemberOutput);
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
        return this.show(this.apply({ type: 'metadata', topicNames: this.metadata(d) }));
      case 'subscribe': {
        const pattern = argString(d, 'pattern');
        return this.show(this.apply(pattern !== undefined ? { type: 'subscribe', pattern } : { type: 'subscribe', topics: argVals(d, 'topics') ?? [] }));
      }
      case 'unsubscribe':
      case 'poll':
      case 'tick':
        return this.show(this.apply({ type: d.cmd }));
      case 'close': {
        const op = argString(d, 'op') as GroupMembershipOperation | undefined;
        return this.show(this.apply(op === undefined ? { type: 'close' } : { type: 'close', operation: op }));
      }
      case 'response':
        return this.response(d);
      case 'fail':
        return this.fail(d);
      case 'done':
        return this.done(d);
      case 'commit-done':
        return this.commitDone(d);
      case 'coordinator': {
        const known = argString(d, 'known');
        if (known !== 'on' && known !== 'off') throw new Error(`${d.pos}: coordinator needs known=on|off`);
        return this.show(this.apply({ type: 'coordinator', known: known === 'on' }));
      }
      case 'deadline':
        return `next deadline ${String(consumerMemberNextDeadline(this.state))}`;
      case 'advance':
        return this.advance(argInt(d, 'ms') as number);
      case 'state':
        return describeConsumerMember(this.state);
      default:
        throw new Error(`${d.pos}: unknown command ${d.cmd}`);
    }
  }

  private config(d: TestData): string {
    const int = (key: string) => argInt(d, key);
    const opt = <T>(key: string, v: T | undefined) => (v === undefined ? {} : { [key]: v });
    const jitter = argString(d, 'jitter');
    this.state = initialConsumerMemberState({
      ...this.base,
      ...opt('groupInstanceId', argString(d, 'instance')),
      ...opt('rackId', argString(d, 'rack')),
      ...opt('serverAssignor', argString(d, 'assignor')),
      ...opt('maxPollIntervalMs', int('max-poll')),
      ...opt('retryBackoffMs', int('backoff')),
      ...opt('retryBackoffMaxMs', int('backoff-max')),
      ...opt('requestTimeoutMs', int('request-timeout')),
      ...opt('retryBackoffJitter', jitter === undefined ? undefined : Number(jitter)),
      ...opt('enableAutoCommit', hasArg(d, 'auto-commit') ? argString(d, 'auto-commit') === 'on' : undefined),
    });
    return 'ok';
  }

  private metadata(d: TestData): Map<string, string> {
    const names = new Map<string, string>();
    for (const line of d.input.split('\n').filter((l) => l.trim() !== '')) {
      const [id, name] = line.trim().split(/\s+/);
      names.set(id as string, name as string);
    }
    return names;
  }

  private requestId(d: TestData): number {
    const explicit = argInt(d, 'req');
    if (explicit !== undefined) return explicit;
    const oldest = this.state.heartbeat.inFlight[0];
    if (oldest === undefined) throw new Error(`${d.pos}: no heartbeat in flight`);
    return oldest.requestId;
  }

  private response(d: TestData): string {
    const code = errorCode(d);
    const assign = argVals(d, 'assign');
    const ok = code === ErrorCode.NONE;
    const response: ConsumerGroupHeartbeatResponse = {
      errorCode: code,
      errorMessage: d.input.trim() === '' ? null : d.input.trim(),
      memberId: ok ? this.state.memberId : null,
      memberEpoch: ok ? (argInt(d, 'epoch') ?? this.state.memberEpoch) : -1,
      heartbeatIntervalMs: ok ? (argInt(d, 'interval') ?? 5000) : 0,
      assignment: assign === undefined ? null : { topicPartitions: wireAssignment(assign) },
    };
    return this.show(this.apply({ type: 'response', api: 'ConsumerGroupHeartbeat', requestId: this.requestId(d), response }));
  }

  private fail(d: TestData): string {
    const reason = argString(d, 'reason', 'disconnected') as 'disconnected' | 'timeout' | 'unsupported-version';
    return this.show(this.apply({ type: 'request-failed', requestId: this.requestId(d), reason }));
  }

  private done(d: TestData): string {
    const id = argInt(d, 'id') ?? this.state.callbacks[0]?.callbackId;
    if (id === undefined) throw new Error(`${d.pos}: no callback is outstanding`);
    const error = argString(d, 'error');
    return this.show(this.apply(error === undefined ? { type: 'callback-done', callbackId: id } : { type: 'callback-done', callbackId: id, error }));
  }

  private commitDone(d: TestData): string {
    const id = argInt(d, 'id') ?? this.state.commit?.commitId;
    if (id === undefined) throw new Error(`${d.pos}: no commit is outstanding`);
    const error = argString(d, 'error');
    return this.show(this.apply(error === undefined ? { type: 'commit-done', commitId: id } : { type: 'commit-done', commitId: id, error }));
  }

  private advance(ms: number): string {
    const target = this.nowMs + ms;
    const lines: string[] = [];
    for (let guard = 0; guard < 10_000; guard++) {
      const due = consumerMemberNextDeadline(this.state);
      if (due === null || due > target) break;
      this.nowMs = Math.max(this.nowMs, due);
      const out = this.apply({ type: 'tick' });
      if (out.length === 0 && due <= this.state.lastNowMs && consumerMemberNextDeadline(this.state) === due) {
        throw new Error(`deadline ${due} does not move: the member asks for a tick it does nothing with`);
      }
      if (out.length > 0) lines.push(`t=${this.nowMs}`, ...out.map((l) => `  ${l}`));
    }
    this.nowMs = target;
    lines.push(`t=${target}`);
    return lines.join('\n');
  }
}
