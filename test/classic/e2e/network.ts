/**
 * A tiny in-process network for the classic member and coordinator machines together: one
 * coordinator, any number of members, a FIFO queue of messages delivered without delay, and a
 * virtual clock advanced explicitly (to the next coordinator timer, member deadline or
 * application poll). Every member's application confirms callbacks at once and polls every
 * `pollEveryMs`. Members can join, leave (close), crash (vanish silently: the coordinator
 * expires them) and restart. It records what the properties need: each generation's claimed
 * (owned) and assigned partitions per member, and every ownership overlap between live members.
 *
 * The full simulator (delays, drops, partitions, seeds) comes later; this is only enough to run
 * the two machines against each other deterministically.
 */
import { step as stepCoordinator, initialState as initialCoordinatorState } from '../../../src/classic/coordinator/index.js';
import type { ClassicCoordinatorOutput, ClassicCoordinatorState, ClassicRequestInput } from '../../../src/classic/coordinator/index.js';
import {
  classicMemberNextDeadline,
  initialClassicMemberState,
  stepClassicMember,
} from '../../../src/classic/member/index.js';
import type { ClassicMemberConfig, ClassicMemberInput, ClassicMemberOutput, ClassicMemberState } from '../../../src/classic/member/index.js';
import { decodeAssignment, decodeSubscription } from '../../../src/protocol/consumer-protocol.js';
import type { PackedTopicPartitions } from '../../../src/protocol/topic-partitions.js';
import { unionTopicPartitions } from '../../../src/protocol/topic-partitions-ops.js';
import type { TopicMetadata } from '../../../src/protocol/types.js';
import { formatMemberOutput } from '../member/format.js';

const API_VERSION = { JoinGroup: 9, SyncGroup: 5, Heartbeat: 4, LeaveGroup: 5, OffsetCommit: 9 } as const;

/** One simulated consumer. */
export interface SimMember {
  readonly name: string;
  state: ClassicMemberState;
  /** Bumped by every restart: messages for an older incarnation are dropped. */
  incarnation: number;
  alive: boolean;
  /** A paused process receives nothing and does nothing; what arrives meanwhile waits. */
  paused: boolean;
  readonly held: ClassicMemberInput[];
  /** Offsets the coordinator accepted for this member's commits. */
  committed: number;
  /** Callbacks the application ran, in order. */
  readonly callbacks: { callback: string; partitions: PackedTopicPartitions; atMs: number }[];
}

type Message =
  | { readonly to: 'coordinator'; readonly input: ClassicRequestInput }
  | { readonly to: 'member'; readonly name: string; readonly incarnation: number; readonly input: ClassicMemberInput };

interface RequestOwner {
  readonly name: string;
  readonly incarnation: number;
  readonly requestId: number;
}

/** Settings of a simulation. */
export interface SimConfig {
  /** Member settings shared by all (group id and instance ids are the network's). */
  readonly member: Omit<ClassicMemberConfig, 'groupId' | 'groupInstanceId'>;
  readonly topics: ReadonlyMap<string, TopicMetadata>;
  /** Static members use their name as group.instance.id. */
  readonly staticMembers?: boolean;
  readonly pollEveryMs?: number;
  readonly initialRebalanceDelayMs?: number;
  /** Check ownership overlaps after every member step (default true; benchmarks turn it off). */
  readonly checkOwnership?: boolean;
}

/** Per generation: what each member claimed to own when it joined, and what it was assigned. */
export interface GenerationRecord {
  readonly claimed: Map<string, PackedTopicPartitions>;
  readonly assigned: Map<string, PackedTopicPartitions>;
}

/** Both machines in one process. */
export class GroupNetwork {
  nowMs = 0;
  coordinator: ClassicCoordinatorState;
  readonly timers = new Map<string, number>();
  readonly members = new Map<string, SimMember>();
  readonly generations = new Map<number, GenerationRecord>();
  /** Ownership overlaps seen between live members (should stay empty). */
  readonly overlaps: string[] = [];
  /** A bounded trace of recent steps, for failure messages. */
  readonly trace: string[] = [];
  private readonly queue: Message[] = [];
  private readonly owners = new Map<string, RequestOwner>();
  /** JoinGroup request id (coordinator side) -> the owned partitions it claimed. */
  private readonly joinClaims = new Map<string, PackedTopicPartitions>();
  private readonly syncRequests = new Map<string, { generationId: number; memberId: string }>();
  private topics: ReadonlyMap<string, TopicMetadata>;
  private nextPollAtMs: number;
  private readonly pollEveryMs: number;

  constructor(readonly config: SimConfig) {
    this.topics = config.topics;
    this.pollEveryMs = config.pollEveryMs ?? 1_000;
    this.nextPollAtMs = this.pollEveryMs;
    this.coordinator = initialCoordinatorState({
      groupId: 'group',
      initialRebalanceDelayMs: config.initialRebalanceDelayMs ?? 3_000,
      memberIdSource: (prefix, sequence) => `${prefix}-${sequence}`,
    });
  }

  private log(line: string): void {
    this.trace.push(`t=${this.nowMs} ${line}`);
    if (this.trace.length > 400) this.trace.splice(0, this.trace.length - 400);
  }

  // ----- members ---------------------------------------------------------------------------

  /** Adds (or restarts) member `name`, subscribed to every topic, and polls it. */
  join(name: string): void {
    const previous = this.members.get(name);
    if (previous?.alive === true) throw new Error(`${name} is already running`);
    const state = initialClassicMemberState({
      ...this.config.member,
      groupId: 'group',
      groupInstanceId: this.config.staticMembers === true ? name : null,
    });
    const m: SimMember = { name, state, incarnation: (previous?.incarnation ?? 0) + 1, alive: true, paused: false, held: [], committed: 0, callbacks: [] };
    this.members.set(name, m);
    this.stepMember(m, { type: 'metadata', topics: this.topics });
    this.stepMember(m, { type: 'subscribe', topics: [...this.topics.keys()] });
    this.stepMember(m, { type: 'poll' });
  }

  /** The member closes (revoking, and leaving if dynamic). */
  leave(name: string): void {
    const m = this.live(name);
    this.stepMember(m, { type: 'close' });
    m.alive = false;
  }

  /** The member's process dies: nothing more is sent or received. */
  crash(name: string): void {
    this.live(name).alive = false;
    this.log(`${name} crashed`);
  }

  /** The member's process stops (a long GC pause, a stuck host): a zombie once its session expires. */
  pause(name: string): void {
    this.live(name).paused = true;
    this.log(`${name} paused`);
  }

  /** The paused member runs again and gets what arrived meanwhile. */
  resume(name: string): void {
    const m = this.live(name);
    m.paused = false;
    this.log(`${name} resumed`);
    this.stepMember(m, { type: 'tick' });
    for (const input of m.held.splice(0)) if (m.alive) this.stepMember(m, input);
    this.deliverAll();
  }

  /** New metadata for every live member (partitions added, topics created or deleted). */
  setTopics(topics: ReadonlyMap<string, TopicMetadata>): void {
    this.topics = topics;
    for (const m of this.liveMembers()) {
      if (m.paused) m.held.push({ type: 'metadata', topics });
      else this.stepMember(m, { type: 'metadata', topics });
    }
  }

  private live(name: string): SimMember {
    const m = this.members.get(name);
    if (m === undefined || !m.alive) throw new Error(`${name} is not running`);
    return m;
  }

  /** Running members (not crashed, not closed; paused ones included). */
  liveMembers(): SimMember[] {
    return [...this.members.values()].filter((m) => m.alive && !m.state.closed);
  }

  private activeMembers(): SimMember[] {
    return this.liveMembers().filter((m) => !m.paused);
  }

  private stepMember(m: SimMember, input: ClassicMemberInput): void {
    const r = stepClassicMember(m.state, input, this.nowMs);
    m.state = r.state;
    const done: number[] = [];
    for (const o of r.outputs) {
      this.log(`${m.name}: ${formatMemberOutput(o).join(' | ')}`);
      this.memberOutput(m, o, done);
    }
    if (this.config.checkOwnership !== false) this.checkOverlap();
    // The application runs each callback at once and confirms it.
    for (const callbackId of done) if (m.alive) this.stepMember(m, { type: 'callback-done', callbackId });
  }

  private memberOutput(m: SimMember, o: ClassicMemberOutput, done: number[]): void {
    if (o.type === 'callback') {
      m.callbacks.push({ callback: o.callback, partitions: o.partitions, atMs: this.nowMs });
      done.push(o.callbackId);
      return;
    }
    if (o.type !== 'send') return;
    const requestId = `${m.name}/${m.incarnation}/${o.requestId}`;
    this.owners.set(requestId, { name: m.name, incarnation: m.incarnation, requestId: o.requestId });
    if (o.api === 'JoinGroup') {
      const first = o.request.protocols[0];
      if (first !== undefined) this.joinClaims.set(requestId, decodeSubscription(first.metadata).ownedPartitions);
    }
    if (o.api === 'SyncGroup') this.syncRequests.set(requestId, { generationId: o.request.generationId, memberId: o.request.memberId });
    const input = { type: 'request', api: o.api, requestId, apiVersion: API_VERSION[o.api], clientId: m.name, clientHost: '/127.0.0.1', body: o.request } as ClassicRequestInput;
    this.queue.push({ to: 'coordinator', input });
  }

  private checkOverlap(): void {
    const seen = new Map<string, string>();
    for (const m of this.liveMembers()) {
      m.state.owned.forEachPartition((topic, partition) => {
        const key = `${topic}-${partition}`;
        const other = seen.get(key);
        if (other !== undefined) this.overlaps.push(`t=${this.nowMs}: ${key} owned by ${other} and ${m.name}`);
        seen.set(key, m.name);
      });
    }
  }

  // ----- coordinator -----------------------------------------------------------------------

  private stepCoordinatorWith(input: Parameters<typeof stepCoordinator>[1]): void {
    const r = stepCoordinator(this.coordinator, input, this.nowMs);
    this.coordinator = r.state;
    for (const o of r.outputs) this.coordinatorOutput(o);
  }

  private coordinatorOutput(o: ClassicCoordinatorOutput): void {
    if (o.type === 'schedule-timer') this.timers.set(o.key, o.deadlineMs);
    else if (o.type === 'cancel-timer') this.timers.delete(o.key);
    else if (o.type === 'response') this.route(o);
  }

  private route(o: Extract<ClassicCoordinatorOutput, { type: 'response' }>): void {
    const owner = this.owners.get(String(o.requestId));
    if (owner === undefined) return;
    this.owners.delete(String(o.requestId));
    this.observe(String(o.requestId), o);
    if (o.api === 'OffsetCommit') {
      const m = this.members.get(owner.name);
      if (m !== undefined) m.committed += o.response.topics.reduce((n, t) => n + t.partitions.filter((p) => p.errorCode === 0).length, 0);
    }
    const input = { type: 'response', api: o.api, requestId: owner.requestId, response: o.response } as ClassicMemberInput;
    this.queue.push({ to: 'member', name: owner.name, incarnation: owner.incarnation, input });
  }

  private record(generationId: number): GenerationRecord {
    let g = this.generations.get(generationId);
    if (g === undefined) this.generations.set(generationId, (g = { claimed: new Map(), assigned: new Map() }));
    return g;
  }

  private observe(requestId: string, o: Extract<ClassicCoordinatorOutput, { type: 'response' }>): void {
    if (o.api === 'JoinGroup' && o.response.errorCode === 0) {
      const claim = this.joinClaims.get(requestId);
      if (claim !== undefined) this.record(o.response.generationId).claimed.set(o.response.memberId, claim);
    }
    const sync = this.syncRequests.get(requestId);
    if (o.api === 'SyncGroup' && sync !== undefined && o.response.errorCode === 0 && o.response.assignment.length >= 2) {
      this.record(sync.generationId).assigned.set(sync.memberId, decodeAssignment(o.response.assignment).partitions);
    }
    this.syncRequests.delete(requestId);
    this.joinClaims.delete(requestId);
  }

  // ----- the clock -------------------------------------------------------------------------

  /** Delivers every queued message (and whatever they cause) at the current time. */
  deliverAll(): void {
    for (let guard = 0; this.queue.length > 0; guard++) {
      if (guard > 1_000_000) throw new Error('message storm');
      const msg = this.queue.shift() as Message;
      if (msg.to === 'coordinator') {
        this.stepCoordinatorWith(msg.input);
        continue;
      }
      const m = this.members.get(msg.name);
      if (m === undefined || !m.alive || m.incarnation !== msg.incarnation) continue;
      if (m.paused) m.held.push(msg.input);
      else this.stepMember(m, msg.input);
    }
  }

  private nextEventMs(): number {
    let next = this.nextPollAtMs;
    for (const t of this.timers.values()) next = Math.min(next, t);
    for (const m of this.activeMembers()) {
      const d = classicMemberNextDeadline(m.state);
      if (d !== null) next = Math.min(next, d);
    }
    return next;
  }

  private fireDue(): void {
    for (;;) {
      let key: string | undefined;
      let at = Infinity;
      for (const [k, t] of this.timers) if (t <= this.nowMs && t < at) [key, at] = [k, t];
      if (key === undefined) break;
      this.timers.delete(key);
      this.stepCoordinatorWith({ type: 'timer', key });
      this.deliverAll();
    }
    for (const m of this.activeMembers()) {
      const d = classicMemberNextDeadline(m.state);
      if (d !== null && d <= this.nowMs) this.stepMember(m, { type: 'tick' });
    }
    if (this.nowMs >= this.nextPollAtMs) {
      this.nextPollAtMs += this.pollEveryMs;
      for (const m of this.activeMembers()) {
        if (m.state.callback !== null) continue;
        // The application consumed up to "now" on every partition it owns (auto-commit commits it).
        const positions: { topic: string; partition: number; offset: number }[] = [];
        m.state.owned.forEachPartition((topic, partition) => positions.push({ topic, partition, offset: this.nowMs }));
        if (positions.length > 0) this.stepMember(m, { type: 'positions', positions });
        this.stepMember(m, { type: 'poll' });
      }
    }
    this.deliverAll();
  }

  /** Runs until `ms` from now, event by event. */
  advance(ms: number): void {
    const target = this.nowMs + ms;
    this.deliverAll();
    for (let guard = 0; ; guard++) {
      if (guard > 1_000_000) throw new Error('event storm');
      const next = this.nextEventMs();
      if (next > target) break;
      this.nowMs = Math.max(this.nowMs, next);
      this.fireDue();
    }
    this.nowMs = target;
  }

  // ----- checks ----------------------------------------------------------------------------

  /** Partitions moved directly from one member to another within one generation (COOPERATIVE forbids it). */
  cooperativeViolations(): string[] {
    const out: string[] = [];
    for (const [generationId, g] of [...this.generations].sort((a, b) => a[0] - b[0])) {
      for (const [to, assigned] of g.assigned) {
        for (const [from, claimed] of g.claimed) {
          if (from === to) continue;
          assigned.forEachPartition((topic, partition) => {
            if (claimed.get(topic)?.includes(partition) === true) out.push(`generation ${generationId}: ${topic}-${partition} from ${from} to ${to}`);
          });
        }
      }
    }
    return out;
  }

  /** Why the group is not settled with every partition owned once, or [] when it is. */
  unsettled(): string[] {
    const problems: string[] = [];
    const group = this.coordinator.group;
    const live = this.liveMembers();
    if (live.length === 0) return group === null || group.state === 'Empty' ? [] : [`group is ${group.state} with no live member`];
    if (group?.state !== 'Stable') problems.push(`group is ${group?.state ?? 'missing'}`);
    for (const m of live) {
      const s = m.state;
      if (s.state !== 'STABLE' || s.generation.generationId !== group?.generationId || s.callback !== null || s.rejoinNeeded) {
        problems.push(`${m.name} is ${s.state} in generation ${s.generation.generationId} (group ${String(group?.generationId)})${s.rejoinNeeded ? ' needing a rejoin' : ''}`);
      }
    }
    const owned = unionTopicPartitions(...live.map((m) => m.state.owned));
    const total = [...this.topics.values()].reduce((n, t) => n + t.partitions, 0);
    if (owned.partitionCount !== total) problems.push(`${owned.partitionCount} of ${total} partitions owned`);
    if (group !== null && group.members.size !== live.length) problems.push(`coordinator has ${group.members.size} members, ${live.length} live`);
    return problems;
  }

  /** The last trace lines, for a failure message. */
  dump(lines = 60): string {
    return this.trace.slice(-lines).join('\n');
  }
}

export type { ClassicMemberOutput };
