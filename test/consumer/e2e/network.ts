/**
 * A tiny in-process world for KIP-848 members and their coordinator: an explicit virtual clock,
 * a message queue with a fixed latency, the coordinator's timers, and members whose application
 * polls on a period and confirms every callback and commit at once, and makes a new consumer a
 * second after one goes FATAL (as the simulator's application does: a static member restarted
 * while its crashed predecessor still holds the instance id is refused with
 * UNRELEASED_INSTANCE_ID). Members can crash (vanish), pause (receive no steps, like a long GC
 * pause) and rejoin. Observers see every step, which is
 * how the invariant checks of the properties hook in. Used by the e2e tests and the benchmark.
 */
import { consumerGroupStateOf, initialConsumerGroupState, stepConsumerGroup } from '../../../src/consumer/coordinator/index.js';
import type {
  ConsumerGroupConfig,
  ConsumerGroupCoordinatorInput,
  ConsumerGroupCoordinatorState,
  ConsumerGroupHeartbeatRequest,
  ConsumerGroupHeartbeatResponse,
  TopicImage,
} from '../../../src/consumer/coordinator/index.js';
import { consumerMemberNextDeadline, initialConsumerMemberState, stepConsumerMember } from '../../../src/consumer/member/index.js';
import type { ConsumerMemberConfig, ConsumerMemberInput, ConsumerMemberOutput, ConsumerMemberState } from '../../../src/consumer/member/index.js';
import { Agenda } from './heap.js';

/** A message on the wire. */
type Message =
  | { readonly kind: 'request'; readonly atMs: number; readonly seq: number; readonly from: string; readonly incarnation: number; readonly requestId: number; readonly apiVersion: number; readonly request: ConsumerGroupHeartbeatRequest }
  | { readonly kind: 'response'; readonly atMs: number; readonly seq: number; readonly to: string; readonly incarnation: number; readonly requestId: number; readonly response: ConsumerGroupHeartbeatResponse };

/** One simulated consumer process. */
export interface SimMember {
  readonly name: string;
  /** Bumped by each restart: messages for an older incarnation are dropped. */
  incarnation: number;
  state: ConsumerMemberState;
  crashed: boolean;
  /** No steps at all until this time (a paused process). */
  pausedUntilMs: number;
  /** The application polls every `pollEveryMs`; null: it does not poll (yet). */
  nextPollMs: number | null;
  pollEveryMs: number;
  /** Every state change seen, for the transition property. */
  readonly transitions: { from: string; to: string }[];
  /** What it subscribes to, for the consumer its application makes after a fatal error. */
  readonly topics: readonly string[] | { readonly pattern: string };
  /** When the application replaces the consumer after a fatal error, or null. */
  replaceAtMs: number | null;
}

/** How long the application waits before it makes a new consumer after a fatal error. */
const FATAL_RESTART_MS = 1_000;

/** Hooks for checks: called after every member step and every coordinator request. */
export interface Observer {
  onMemberStep?(world: World, m: SimMember, input: ConsumerMemberInput, outputs: readonly ConsumerMemberOutput[]): void;
  onCoordinatorRequest?(world: World, memberId: string, request: ConsumerGroupHeartbeatRequest, response: ConsumerGroupHeartbeatResponse): void;
}

/** Settings of a world. */
export interface WorldConfig {
  readonly group?: Partial<ConsumerGroupConfig>;
  readonly topics: readonly TopicImage[];
  /** One-way latency of every message, default 1 ms. */
  readonly latencyMs?: number;
}

/** The world: one coordinator, any number of members. */
export class World {
  nowMs = 0;
  coordinator: ConsumerGroupCoordinatorState;
  readonly members = new Map<string, SimMember>();
  readonly observers: Observer[] = [];
  /** Messages in flight. */
  private readonly queue = new Agenda<Message>();
  private seq = 0;
  /** The coordinator's armed timers: key -> deadline (the agenda may hold stale entries). */
  readonly timers = new Map<string, number>();
  private readonly timerAgenda = new Agenda<{ key: string; deadlineMs: number }>();
  /** When each member next needs a step (stale entries are skipped by version). */
  private readonly wakeAgenda = new Agenda<{ name: string; version: number }>();
  private readonly wakeVersion = new Map<string, number>();
  readonly latencyMs: number;
  readonly topicNames: ReadonlyMap<string, string>;
  /** Counters for the benchmark. */
  heartbeats = 0;
  callbacks = 0;

  constructor(readonly config: WorldConfig) {
    this.latencyMs = config.latencyMs ?? 1;
    this.coordinator = initialConsumerGroupState({ groupId: 'g', ...config.group });
    this.topicNames = new Map(config.topics.map((t) => [t.topicId, t.name]));
    this.stepCoordinator({ type: 'metadata', topics: config.topics });
  }

  private stepCoordinator(input: ConsumerGroupCoordinatorInput) {
    const r = stepConsumerGroup(this.coordinator, input, this.nowMs);
    this.coordinator = r.state;
    for (const o of r.outputs) {
      if (o.type === 'schedule-timer') {
        this.timers.set(o.key, o.deadlineMs);
        this.timerAgenda.push(o.deadlineMs, { key: o.key, deadlineMs: o.deadlineMs });
      } else if (o.type === 'cancel-timer') this.timers.delete(o.key);
    }
    return r.outputs;
  }

  private enqueue(m: Message): void {
    this.queue.push(m.atMs, m);
  }

  /** Files the member's next wake-up (a deadline, its next poll, or the end of a pause). */
  private schedule(m: SimMember): void {
    const version = (this.wakeVersion.get(m.name) ?? 0) + 1;
    this.wakeVersion.set(m.name, version);
    if (m.crashed) return;
    const due = consumerMemberNextDeadline(m.state);
    const wake = Math.min(due ?? Infinity, m.nextPollMs ?? Infinity, m.replaceAtMs ?? Infinity);
    if (wake === Infinity) return;
    this.wakeAgenda.push(Math.max(wake, m.pausedUntilMs), { name: m.name, version });
  }

  /** Adds a member that subscribes to `topics` (names, or a regular expression) and polls every `pollEveryMs`. */
  addMember(name: string, topics: readonly string[] | { readonly pattern: string }, config: Partial<ConsumerMemberConfig> = {}, pollEveryMs = 1000): SimMember {
    const m: SimMember = {
      name,
      incarnation: 0,
      state: initialConsumerMemberState({ groupId: 'g', memberId: name, enableAutoCommit: false, ...config }),
      crashed: false,
      pausedUntilMs: 0,
      nextPollMs: this.nowMs,
      pollEveryMs,
      transitions: [],
      topics,
      replaceAtMs: null,
    };
    this.members.set(name, m);
    this.stepMember(m, { type: 'metadata', topicNames: this.topicNames });
    this.stepMember(m, Array.isArray(topics) ? { type: 'subscribe', topics } : { type: 'subscribe', pattern: (topics as { pattern: string }).pattern });
    return m;
  }

  /** The process dies: no leave, no more steps; the coordinator notices by the session timeout. */
  crash(name: string): void {
    const m = this.members.get(name);
    if (m === undefined) return;
    m.crashed = true;
    this.schedule(m);
  }

  /** The process stops for `ms` (no polls, no heartbeats, no answers processed). */
  pause(name: string, ms: number): void {
    const m = this.members.get(name);
    if (m === undefined || m.crashed) return;
    m.pausedUntilMs = this.nowMs + ms;
    this.schedule(m);
  }

  /** The application closes its consumer. */
  close(name: string): void {
    const m = this.members.get(name);
    if (m !== undefined && !m.crashed) this.stepMember(m, { type: 'close' });
  }

  /** Restarts a crashed member with the same name (a new process with a new incarnation). */
  restart(name: string, topics: readonly string[] | { readonly pattern: string }, config: Partial<ConsumerMemberConfig> = {}): void {
    const old = this.members.get(name);
    const inc = (old?.incarnation ?? 0) + 1;
    const m = this.addMember(name, topics, { ...config, memberId: `${name}#${inc}` });
    m.incarnation = inc;
  }

  private stepMember(m: SimMember, input: ConsumerMemberInput): void {
    const pending: ConsumerMemberInput[] = [input];
    while (pending.length > 0) {
      const next = pending.shift() as ConsumerMemberInput;
      const r = stepConsumerMember(m.state, next, this.nowMs);
      m.state = r.state;
      for (const o of r.outputs) {
        if (o.type === 'send') {
          this.heartbeats++;
          this.enqueue({ kind: 'request', atMs: this.nowMs + this.latencyMs, seq: this.seq++, from: m.name, incarnation: m.incarnation, requestId: o.requestId, apiVersion: o.apiVersion, request: o.request });
        } else if (o.type === 'callback') {
          this.callbacks++;
          pending.push({ type: 'callback-done', callbackId: o.callbackId });
        } else if (o.type === 'commit') {
          pending.push({ type: 'commit-done', commitId: o.commitId });
        } else if (o.type === 'event' && o.event.kind === 'state-changed') {
          m.transitions.push({ from: o.event.from, to: o.event.to });
        }
      }
      for (const obs of this.observers) obs.onMemberStep?.(this, m, next, r.outputs);
    }
    if (m.state.state === 'FATAL' && !m.state.closing && m.replaceAtMs === null) m.replaceAtMs = this.nowMs + FATAL_RESTART_MS;
    this.schedule(m);
  }

  private deliver(msg: Message): void {
    if (msg.kind === 'request') {
      const outputs = this.stepCoordinator({ type: 'request', api: 'ConsumerGroupHeartbeat', requestId: msg.requestId, apiVersion: msg.apiVersion, body: msg.request });
      for (const o of outputs) {
        if (o.type !== 'response' || o.api !== 'ConsumerGroupHeartbeat') continue;
        for (const obs of this.observers) obs.onCoordinatorRequest?.(this, msg.request.memberId, msg.request, o.response);
        this.enqueue({ kind: 'response', atMs: this.nowMs + this.latencyMs, seq: this.seq++, to: msg.from, incarnation: msg.incarnation, requestId: msg.requestId, response: o.response });
      }
      return;
    }
    const m = this.members.get(msg.to);
    if (m === undefined || m.crashed || m.incarnation !== msg.incarnation) return;
    if (this.nowMs < m.pausedUntilMs) {
      // A paused process reads its socket when it resumes.
      this.enqueue({ ...msg, atMs: m.pausedUntilMs, seq: this.seq++ });
      return;
    }
    this.stepMember(m, { type: 'response', api: 'ConsumerGroupHeartbeat', requestId: msg.requestId, response: msg.response });
  }

  /** The earliest thing that happens next, at or after now. */
  private nextEventMs(): number {
    // Drop timers cancelled or re-armed since they were filed.
    for (let top = this.timerAgenda.peek(); top !== undefined && this.timers.get(top.value.key) !== top.value.deadlineMs; top = this.timerAgenda.peek()) {
      this.timerAgenda.pop();
    }
    const t = Math.min(this.queue.peekMs(), this.timerAgenda.peekMs(), this.wakeAgenda.peekMs());
    return Math.max(t, this.nowMs);
  }

  private runAt(t: number): void {
    this.nowMs = t;
    while (this.queue.peekMs() <= t) this.deliver((this.queue.pop() as { value: Message }).value);
    while (this.timerAgenda.peekMs() <= t) {
      const { value } = this.timerAgenda.pop() as { value: { key: string; deadlineMs: number } };
      if (this.timers.get(value.key) !== value.deadlineMs) continue;
      this.timers.delete(value.key);
      this.stepCoordinator({ type: 'timer', key: value.key });
    }
    const due = new Set<string>();
    while (this.wakeAgenda.peekMs() <= t) {
      const { value } = this.wakeAgenda.pop() as { value: { name: string; version: number } };
      if (this.wakeVersion.get(value.name) === value.version) due.add(value.name);
    }
    for (const name of [...due].sort()) this.wake(this.members.get(name) as SimMember, t);
  }

  /** A member's own wake-up: the application's poll, then any deadline due. */
  private wake(m: SimMember, t: number): void {
    if (m.crashed) return;
    if (t < m.pausedUntilMs) return this.schedule(m);
    if (m.replaceAtMs !== null && t >= m.replaceAtMs) {
      m.crashed = true;
      const groupInstanceId = m.state.config.groupInstanceId;
      this.restart(m.name, m.topics, groupInstanceId === null ? {} : { groupInstanceId });
      return;
    }
    if (m.state.closing) m.nextPollMs = null;
    if (m.nextPollMs !== null && m.nextPollMs <= t) {
      m.nextPollMs = t + m.pollEveryMs;
      this.stepMember(m, { type: 'poll' });
    }
    const due = consumerMemberNextDeadline(m.state);
    if (due !== null && due <= t) this.stepMember(m, { type: 'tick' });
    this.schedule(m);
  }

  /** Runs until virtual time `endMs` (inclusive of events at it). */
  runUntil(endMs: number): void {
    let last = -1;
    let sameTime = 0;
    for (;;) {
      const t = this.nextEventMs();
      if (t > endMs) break;
      // Something that asks to run at the same instant forever is a bug, not a slow test.
      sameTime = t === last ? sameTime + 1 : 0;
      if (sameTime > 10_000) throw new Error(`t=${t}: the world does not move on`);
      last = t;
      this.runAt(t);
    }
    this.nowMs = Math.max(this.nowMs, endMs);
  }

  /** Runs `ms` more. */
  run(ms: number): void {
    this.runUntil(this.nowMs + ms);
  }

  /** Member ids the coordinator has in the group. */
  aliveMemberIds(): Set<string> {
    const out = new Set<string>();
    this.coordinator.group?.members.forEach((_v, k) => out.add(k));
    return out;
  }

  /** The coordinator's group state (Empty, Assigning, Reconciling, Stable), or null. */
  groupState(): string | null {
    return consumerGroupStateOf(this.coordinator.group);
  }

  /** The live (not crashed) members. */
  live(): SimMember[] {
    return [...this.members.values()].filter((m) => !m.crashed);
  }
}
