/**
 * The deterministic simulator: one coordinator and any number of members, each a pure machine,
 * in one process with a virtual clock, an in-memory network and one seeded RNG. Each iteration
 * takes the earliest event (a delivery, a timer, a member deadline, an application poll, a
 * scenario action, a metrics sample), moves the clock to it, steps one machine, turns its
 * outputs into new events, and runs the invariant checkers. The same scenario and seed give the
 * same run, event for event (TigerBeetle's VOPR and FoundationDB's simulation, in small).
 */
import { InvariantError, KgroupError, UsageError } from '../errors.js';
import type { PackedTopicPartitions } from '../protocol/topic-partitions.js';
import { EpochTracker } from './checkers/epochs.js';
import { indexOverlaps } from './checkers/ownership.js';
import { unsettledReasons } from './checkers/settled.js';
import { invalidTransitions } from './checkers/transitions.js';
import { VirtualClock } from './clock.js';
import { EventQueue } from './event-queue.js';
import type { FailureKind, SimulationFailure } from './failure.js';
import type { ListenerContext, SimulationListener } from './listener.js';
import { newHost, STOPPED_VIEW } from './hosts.js';
import type { MemberDelivery, MemberHost } from './hosts.js';
import { PartitionLayout } from './layout.js';
import { MetricsRecorder } from './metrics.js';
import type { SimulationMetrics, SimulationSeries } from './metrics.js';
import { SimNetwork } from './network.js';
import type { CoordinatorAdapter, CoordinatorEffects, CoordinatorView, MemberEffects, Position, WireRequest, WireResponse } from './nodes/adapter.js';
import { protocolKit } from './nodes/protocols.js';
import type { ProtocolKit } from './nodes/protocols.js';
import { OwnershipIndex } from './ownership.js';
import { SimRng } from './rng.js';
import { actionLabel, lastActionEndMs } from './scenario/actions.js';
import { defaultLivenessBoundMs } from './scenario/defaults.js';
import type { Scenario, ScenarioAction } from './scenario/types.js';
import { validateScenario } from './scenario/validate.js';
import { Trace } from './trace.js';
import { Workload } from './workload.js';

/** How a simulation runs (the scenario says what runs). */
export interface SimulationOptions {
  /** The seed of every random choice (an unsigned 32-bit integer). */
  readonly seed: number;
  /** Run the invariant checkers after every step (default true). */
  readonly checks?: boolean;
  /** How many trace lines to keep for a failure transcript (default 200; 0 turns tracing off). */
  readonly traceLines?: number;
  /** Keep the whole trace in the result (for determinism checks; default false). */
  readonly fullTrace?: boolean;
  /** The metrics sample interval in ms (default 1000). */
  readonly sampleMs?: number;
  /** Record each member's owned-partition count per sample (default true). */
  readonly memberSeries?: boolean;
  /**
   * The machines to run instead of the scenario protocol's own (to test custom or instrumented
   * machines, or the checkers themselves).
   */
  readonly kit?: ProtocolKit;
  /**
   * The application's rebalance listener of each member, by member name (c1, c2, ...): called
   * synchronously in virtual time for every rebalance callback of that member (every process
   * of it), then the callback is confirmed after its simulated duration. Members without one
   * take the scenario's `callbackMs` and do nothing else.
   */
  readonly listeners?: ReadonlyMap<string, SimulationListener>;
}

/** The outcome of a run. */
export interface SimulationResult {
  readonly seed: number;
  readonly scenario: Scenario;
  readonly metrics: SimulationMetrics;
  readonly series: SimulationSeries;
  /** The first failure, or null when every check held. */
  readonly failure: SimulationFailure | null;
  /** `events:hash` of the trace: equal for equal runs. */
  readonly digest: string;
  /** Events processed. */
  readonly events: number;
  /** The virtual time reached. */
  readonly endMs: number;
  /** True when the liveness deadline fell within the run (and so was checked). */
  readonly livenessChecked: boolean;
  /** Why the group was not settled at the end (empty when it was). */
  readonly unsettledAtEnd: readonly string[];
  /** Every trace line, when `fullTrace` was asked for. */
  readonly trace: readonly string[] | null;
}

type SimEvent =
  | {
      readonly k: 'to-coordinator';
      readonly member: string;
      readonly incarnation: number;
      readonly coordinator: number;
      readonly request: WireRequest;
      /** A copy whose answer nobody waits for (see duplicates). */
      readonly orphan: boolean;
    }
  | { readonly k: 'deliver'; readonly member: string; readonly incarnation: number; readonly delivery: MemberDelivery }
  | { readonly k: 'timer'; readonly key: string; readonly version: number }
  | { readonly k: 'wake'; readonly member: string; readonly incarnation: number; readonly version: number }
  | { readonly k: 'poll'; readonly member: string; readonly incarnation: number }
  | { readonly k: 'sample' }
  | { readonly k: 'action'; readonly action: ScenarioAction }
  | { readonly k: 'resume'; readonly member: string; readonly incarnation: number }
  | { readonly k: 'heal-link'; readonly member: string }
  | { readonly k: 'liveness' };

/** Who sent a request the coordinator has not answered yet. */
interface PendingRequest {
  readonly member: string;
  readonly incarnation: number;
  readonly requestId: number;
  copies: number;
  /** The answer goes nowhere (a duplicate's first copy). */
  readonly orphan: boolean;
}

/**
 * More events than this at one virtual millisecond means a busy loop (a group of 1,000 members
 * starting together takes a few thousand).
 */
const MAX_EVENTS_PER_INSTANT = 1_000_000;

/** An event in a few words, for the no-progress failure. */
function describeEvent(e: SimEvent): string {
  return 'member' in e ? `${e.k} ${e.member}` : e.k;
}

/** Thrown inside the loop to stop at the first failure. */
class StopRun extends Error {
  constructor(readonly failure: SimulationFailure) {
    super(failure.message);
  }
}

/** A deterministic simulation of one scenario from one seed. */
export class Simulation {
  readonly scenario: Scenario;
  readonly seed: number;
  readonly clock = new VirtualClock();
  readonly network: SimNetwork;
  readonly layout: PartitionLayout;
  readonly ownership: OwnershipIndex;
  readonly workload: Workload;
  readonly hosts = new Map<string, MemberHost>();
  coordinator: CoordinatorAdapter;
  readonly #kit: ProtocolKit;
  readonly #queue = new EventQueue<SimEvent>();
  readonly #appRng: SimRng;
  readonly #trace: Trace;
  readonly #checks: boolean;
  readonly #sampleMs: number;
  readonly #memberSeries: boolean;
  readonly #metrics = new MetricsRecorder();
  readonly #series: SimulationSeries;
  readonly #epochs = new EpochTracker();
  readonly #timers = new Map<string, { deadlineMs: number; version: number }>();
  readonly #pending = new Map<string, PendingRequest>();
  #timerVersion = 0;
  #coordinatorIncarnation = 1;
  #coordView: { state: string; epoch: number; members: number };
  #nextMemberIndex = 1;
  #events = 0;
  #lastAdvanceMs = 0;
  #settled = false;
  #settledDirty = true;
  #healMs: number;
  #settledSinceHeal = false;
  #livenessChecked = false;
  #failure: SimulationFailure | null = null;
  #runningCache: MemberHost[] | null = null;
  readonly #listeners: ReadonlyMap<string, SimulationListener> | null;

  constructor(scenario: Scenario, options: SimulationOptions) {
    validateScenario(scenario);
    this.scenario = scenario;
    this.seed = options.seed;
    const rng = new SimRng(options.seed);
    this.network = new SimNetwork(scenario.network, rng.fork());
    this.#appRng = rng.fork();
    this.#kit = options.kit ?? protocolKit(scenario);
    this.coordinator = this.#kit.coordinator();
    this.layout = new PartitionLayout(scenario.topics);
    this.ownership = new OwnershipIndex(this.layout);
    this.workload = new Workload(this.layout);
    this.#trace = new Trace(options.traceLines ?? 200, options.fullTrace === true);
    this.#checks = options.checks !== false;
    this.#sampleMs = options.sampleMs ?? 1_000;
    this.#memberSeries = options.memberSeries !== false;
    this.#series = { sampleMs: this.#sampleMs, timesMs: [], ownedPartitions: [], totalLag: [], members: [], revocations: [], groupStates: [], actions: [] };
    this.#coordView = { state: 'none', epoch: 0, members: 0 };
    this.#metrics.windowStartMs = scenario.actions[0]?.atMs ?? 0;
    this.#healMs = lastActionEndMs(scenario);
    this.#listeners = options.listeners !== undefined && options.listeners.size > 0 ? options.listeners : null;
  }

  // ----- running ------------------------------------------------------------------------------

  /** Runs the scenario to its end (or its first failure) and returns what happened. */
  run(): SimulationResult {
    this.#schedule();
    try {
      this.#loop();
    } catch (e) {
      if (e instanceof StopRun) this.#failure = e.failure;
      else this.#failure = this.#failureOf('crash', describeThrown(e));
    }
    return this.#result();
  }

  #schedule(): void {
    for (let i = 0; i < this.scenario.members; i++) this.#queue.push(0, { k: 'action', action: { type: 'add', count: 1 } });
    for (const { atMs, action } of this.scenario.actions) this.#queue.push(atMs, { k: 'action', action });
    // Samples are queued one at a time (each queues the next), so the agenda stays short.
    this.#queue.push(0, { k: 'sample' });
    const bound = this.scenario.livenessBoundMs ?? defaultLivenessBoundMs(this.scenario);
    if (this.#healMs + bound <= this.scenario.durationMs) this.#queue.push(this.#healMs + bound, { k: 'liveness' });
  }

  #loop(): void {
    const end = this.scenario.durationMs;
    let instantMs = -1;
    let atInstant = 0;
    for (;;) {
      if (this.#queue.peekMs() > end) break;
      const next = this.#queue.pop();
      if (next === undefined) break;
      this.clock.advanceTo(next.atMs);
      this.#events++;
      // A machine that asks to be stepped at once and then does nothing would spin here forever,
      // with the clock standing still: report it as the liveness failure it is.
      if (next.atMs === instantMs) {
        if (++atInstant > MAX_EVENTS_PER_INSTANT) this.#fail('liveness', [`no progress: ${MAX_EVENTS_PER_INSTANT} events at ${instantMs} ms without the clock moving (last: ${describeEvent(next.event)})`]);
      } else {
        instantMs = next.atMs;
        atInstant = 0;
      }
      this.#handle(next.event);
      this.#afterEvent();
    }
    this.clock.advanceTo(Math.max(this.clock.nowMs, end));
  }

  #handle(e: SimEvent): void {
    switch (e.k) {
      case 'to-coordinator':
        return this.#deliverToCoordinator(e.member, e.incarnation, e.coordinator, e.request, e.orphan);
      case 'deliver':
        return this.#deliverToMember(e.member, e.incarnation, e.delivery);
      case 'timer':
        return this.#fireTimer(e.key, e.version);
      case 'wake':
        return this.#wake(e.member, e.incarnation, e.version);
      case 'poll':
        return this.#poll(e.member, e.incarnation);
      case 'sample':
        return this.#sample();
      case 'action':
        return this.#act(e.action);
      case 'resume':
        return this.#resume(e.member, e.incarnation);
      case 'heal-link':
        this.network.heal(e.member);
        return this.#log(`network heals ${e.member}`);
      case 'liveness':
        return this.#checkLiveness();
    }
  }

  // ----- the coordinator ----------------------------------------------------------------------

  #deliverToCoordinator(member: string, incarnation: number, coordinator: number, request: WireRequest, orphan: boolean): void {
    const key = `${member}#${incarnation}#${request.requestId}${orphan ? '~dup' : ''}`;
    if (this.network.isCut(member)) {
      this.network.lostInFlight();
      return this.#log(`network lost ${key} ${request.api} (link cut)`);
    }
    if (coordinator !== this.#coordinatorIncarnation) {
      // It reached the old coordinator, which is gone: the connection breaks.
      if (!orphan) this.#sendFailure(member, incarnation, request.requestId);
      return;
    }
    const pending = this.#pending.get(key);
    if (pending === undefined) this.#pending.set(key, { member, incarnation, requestId: request.requestId, copies: 1, orphan });
    else pending.copies++;
    this.#log(`coordinator <- ${key} ${request.api}`);
    this.#applyCoordinator(this.coordinator.handle(member, key, request, this.clock.nowMs));
  }

  #fireTimer(key: string, version: number): void {
    const t = this.#timers.get(key);
    if (t === undefined || t.version !== version) return;
    this.#timers.delete(key);
    this.#log(`coordinator timer ${key}`);
    this.#applyCoordinator(this.coordinator.fire(key, this.clock.nowMs));
  }

  #applyCoordinator(fx: CoordinatorEffects): void {
    for (const t of fx.timers) {
      if (t.deadlineMs === null) this.#timers.delete(t.key);
      else {
        const version = ++this.#timerVersion;
        this.#timers.set(t.key, { deadlineMs: t.deadlineMs, version });
        this.#queue.push(Math.max(t.deadlineMs, this.clock.nowMs), { k: 'timer', key: t.key, version });
      }
    }
    for (const key of fx.abandoned) this.#release(key);
    for (const r of fx.responses) this.#respond(r.key, r.api, r.response);
    if (this.#checks) this.#fail('safety', invalidTransitions('the coordinator', fx.transitions, (t) => this.coordinator.isValidTransition(t)));
    for (const t of fx.transitions) this.#log(`group ${t.from} -> ${t.to}`);
    this.#observeCoordinator();
  }

  #release(key: string): PendingRequest | undefined {
    const p = this.#pending.get(key);
    if (p === undefined) return undefined;
    if (--p.copies <= 0) this.#pending.delete(key);
    return p;
  }

  #respond(key: string, api: string, response: unknown): void {
    const p = this.#release(key);
    if (p === undefined) return;
    if (p.orphan) return this.#log(`coordinator -> ${key} ${api} (nobody waits for it)`);
    const code = (response as { errorCode?: unknown }).errorCode;
    this.#log(`coordinator -> ${key} ${api}${typeof code === 'number' && code !== 0 ? ` error=${code}` : ''}`);
    const delivery: MemberDelivery = { k: 'to-member', response: { api, requestId: p.requestId, response } satisfies WireResponse };
    for (const at of this.network.plan(p.member, 'to-member', this.clock.nowMs)) {
      this.#queue.push(at, { k: 'deliver', member: p.member, incarnation: p.incarnation, delivery });
    }
  }

  #sendFailure(member: string, incarnation: number, requestId: number): void {
    const at = this.clock.nowMs + this.network.config.latencyMs;
    this.#queue.push(at, { k: 'deliver', member, incarnation, delivery: { k: 'request-failed', requestId } });
  }

  #observeCoordinator(): void {
    const v = this.coordinator.view();
    const prev = this.#coordView;
    if (v.state === prev.state && v.epoch === prev.epoch && v.memberCount === prev.members) return;
    this.#settledDirty = true;
    if (v.epoch > prev.epoch && this.#metrics.inWindow(this.clock.nowMs)) this.#metrics.rebalances++;
    if (v.state !== prev.state || v.epoch !== prev.epoch) this.#series.groupStates.push({ atMs: this.clock.nowMs, state: v.state, epoch: v.epoch });
    this.#coordView = { state: v.state, epoch: v.epoch, members: v.memberCount };
    if (this.#checks) this.#fail('safety', [this.#epochs.observe(`the coordinator (incarnation ${this.#coordinatorIncarnation})`, v.epoch)]);
    for (const h of this.hosts.values()) h.settled = false;
  }

  #failover(): void {
    this.#coordinatorIncarnation++;
    this.#timers.clear();
    // Requests the old coordinator held die with its connections.
    for (const p of [...this.#pending.values()].sort((a, b) => (a.member < b.member ? -1 : a.member > b.member ? 1 : a.requestId - b.requestId))) {
      if (!p.orphan) this.#sendFailure(p.member, p.incarnation, p.requestId);
    }
    this.#pending.clear();
    const before = this.#coordView.epoch;
    const fx = this.coordinator.failover(this.clock.nowMs);
    const after = this.coordinator.view().epoch;
    // A KIP-848 group epoch is recorded at every bump and must survive; a classic generation
    // is recorded at the end of a rebalance, so the new coordinator may restart from an older one.
    if (this.#checks && this.#kit.epochSurvivesFailover && after < before) this.#fail('safety', [`the group epoch went from ${before} back to ${after} across a failover`]);
    this.#coordView = { ...this.#coordView, epoch: after };
    this.#log(`coordinator failed over (incarnation ${this.#coordinatorIncarnation}, ${this.coordinator.recordCount} records replayed)`);
    this.#applyCoordinator(fx);
  }

  // ----- members ------------------------------------------------------------------------------

  #deliverToMember(name: string, incarnation: number, d: MemberDelivery): void {
    const h = this.hosts.get(name);
    if (h === undefined || !h.running || h.incarnation !== incarnation) return;
    if (d.k === 'to-member' && this.network.isCut(name)) {
      this.network.lostInFlight();
      return this.#log(`network lost ${name} ${d.response.api}#${d.response.requestId} (link cut)`);
    }
    if (h.paused) {
      h.held.push(d);
      return;
    }
    this.#applyDelivery(h, d);
  }

  #applyDelivery(h: MemberHost, d: MemberDelivery): void {
    const now = this.clock.nowMs;
    if (d.k === 'to-member') this.#applyMember(h, h.machine.response(d.response, now));
    else if (d.k === 'request-failed') this.#applyMember(h, h.machine.requestFailed(d.requestId, now));
    else this.#applyMember(h, h.machine.callbackDone(d.callbackId, now));
  }

  #wake(name: string, incarnation: number, version: number): void {
    const h = this.hosts.get(name);
    if (h === undefined || !h.running || h.paused || h.incarnation !== incarnation || h.wakeVersion !== version) return;
    h.wakeMs = Infinity;
    this.#applyMember(h, h.machine.tick(this.clock.nowMs));
  }

  #poll(name: string, incarnation: number): void {
    const h = this.hosts.get(name);
    if (h === undefined || !h.running || h.incarnation !== incarnation) return;
    this.#queue.push(this.clock.nowMs + this.scenario.settings.pollIntervalMs, { k: 'poll', member: name, incarnation });
    if (h.paused || h.stopping) return;
    this.#applyMember(h, h.machine.poll(this.#positions(h), this.clock.nowMs));
  }

  #positions(h: MemberHost): Position[] {
    if (!this.scenario.settings.autoCommit) return [];
    return this.ownership.ownedBy(h.name).map((p) => ({
      topic: this.layout.topicOf[p] as string,
      partition: this.layout.partitionOf[p] as number,
      offset: Math.floor(this.workload.position[p] as number),
    }));
  }

  #applyMember(h: MemberHost, fx: MemberEffects): void {
    const now = this.clock.nowMs;
    if (fx.replaced === true) this.#replaceConsumer(h);
    for (const r of fx.sends) {
      this.#log(`${h.name}#${h.incarnation} -> ${r.api}#${r.requestId}`);
      const incarnation = this.#coordinatorIncarnation;
      const copies = this.network.plan(h.name, 'to-coordinator', now);
      const lostAnswer = copies.length > 1 && this.#kit.duplicateLosesAnswer === true;
      copies.forEach((at, i) => {
        // A duplicate is a request that arrives twice: the client hears only the answer to the
        // last copy (it gave up on the first, as after a retry on a new connection), so the
        // first copy is an orphan whose answer is lost. Under KIP-848 both answers are lost and
        // the client sees the request fail (see ProtocolKit.duplicateLosesAnswer).
        const orphan = lostAnswer || i < copies.length - 1;
        this.#queue.push(at, { k: 'to-coordinator', member: h.name, incarnation: h.incarnation, coordinator: incarnation, request: r, orphan });
      });
      if (lostAnswer) {
        const at = Math.max(...copies) + this.network.config.latencyMs;
        this.#queue.push(at, { k: 'deliver', member: h.name, incarnation: h.incarnation, delivery: { k: 'request-failed', requestId: r.requestId } });
      }
    }
    for (const c of fx.callbacks) this.#callback(h, c.kind, c.callbackId, c.partitions);
    for (const e of fx.errors) this.#log(`${h.name} error: ${e}`);
    if (this.#checks) this.#fail('safety', invalidTransitions(h.name, fx.transitions, (t) => h.machine.isValidTransition(t)));
    for (const t of fx.transitions) this.#log(`${h.name} ${t.from} -> ${t.to}`);
    this.#observeMember(h);
    if (h.stopping && !h.view.inCallback && !h.view.closed) return this.#applyMember(h, h.machine.close(now));
    if (h.view.closed) return this.#exit(h, 'closed');
    this.#rearm(h);
  }

  #callback(h: MemberHost, kind: 'revoked' | 'assigned' | 'lost', callbackId: number, partitions: PackedTopicPartitions): void {
    const now = this.clock.nowMs;
    const count = partitions.partitionCount;
    this.#log(`${h.name} callback ${kind} ${count} partitions`);
    if (kind !== 'assigned' && count > 0) {
      if (this.#metrics.inWindow(now)) this.#metrics.partitionsRevoked += count;
      this.#series.revocations.push({ atMs: now, member: h.name, count, kind });
    }
    const listener = this.#listeners?.get(h.name);
    const durationMs = listener === undefined ? this.scenario.settings.callbackMs : this.#runListener(h, listener, kind, partitions);
    this.#queue.push(now + durationMs, { k: 'deliver', member: h.name, incarnation: h.incarnation, delivery: { k: 'callback-done', callbackId } });
  }

  /** Runs the application's callback; returns how long it takes (virtual ms). */
  #runListener(h: MemberHost, listener: SimulationListener, kind: 'revoked' | 'assigned' | 'lost', partitions: PackedTopicPartitions): number {
    const fn = kind === 'assigned' ? listener.onPartitionsAssigned : kind === 'revoked' ? listener.onPartitionsRevoked : listener.onPartitionsLost;
    const fallback = listener.callbackMs ?? this.scenario.settings.callbackMs;
    if (fn === undefined) return fallback;
    const now = this.clock.nowMs;
    const view = h.machine.view();
    const context: ListenerContext = {
      member: h.name,
      incarnation: h.incarnation,
      memberId: view.memberId,
      nowMs: now,
      epoch: view.epoch,
      position: (topic, partition) => {
        const p = this.layout.indexOf(topic, partition);
        if (p < 0) throw new UsageError(`the group does not consume ${topic}-${partition}`);
        this.#advanceWorkload(now);
        return Math.floor(this.workload.position[p] as number);
      },
    };
    const ms = fn(partitions, context);
    if (ms === undefined) return fallback;
    if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) throw new UsageError(`${h.name}'s ${kind} callback returned ${String(ms)}; expected a duration in ms (>= 0) or nothing`);
    return ms;
  }

  #observeMember(h: MemberHost): void {
    const v = h.machine.view();
    const prev = h.view;
    h.view = v;
    if (v.owned !== prev.owned) this.ownership.update(h.name, v.owned, this.clock.nowMs);
    if (v.state !== prev.state || v.epoch !== prev.epoch || v.owned !== prev.owned || v.inCallback !== prev.inCallback || v.memberId !== prev.memberId) {
      this.#settledDirty = true;
      h.settled = false;
      // A classic generation is recorded only at the end of a rebalance, so after a failover the
      // new coordinator may hand out numbers a member already saw: compare within one coordinator.
      // An epoch is recorded when it changes, so one carried over a failover (a member still in
      // the old coordinator's generation) is not counted as the new coordinator's.
      const era = this.#kit.epochSurvivesFailover ? '' : `@${this.#coordinatorIncarnation}`;
      if (this.#checks && v.epoch !== prev.epoch) this.#fail('safety', [this.#epochs.observe(`${h.name}#${h.incarnation}${era}`, v.epoch, (a, b) => h.machine.isValidEpochChange(a, b))]);
    }
  }

  #rearm(h: MemberHost): void {
    const next = h.machine.nextDeadlineMs();
    if (next === null || next === h.wakeMs) return;
    h.wakeMs = next;
    h.wakeVersion++;
    this.#queue.push(Math.max(next, this.clock.nowMs), { k: 'wake', member: h.name, incarnation: h.incarnation, version: h.wakeVersion });
  }

  /** The process ends: it owns nothing any more and hears nothing. */
  #exit(h: MemberHost, why: string): void {
    h.running = false;
    this.#runningCache = null;
    h.paused = false;
    h.stopping = false;
    h.held.length = 0;
    h.view = STOPPED_VIEW;
    h.settled = false;
    this.ownership.update(h.name, null, this.clock.nowMs);
    this.#settledDirty = true;
    this.#log(`${h.name}#${h.incarnation} exits (${why})`);
  }

  #start(name: string): void {
    const existing = this.hosts.get(name);
    if (existing?.running === true) this.#exit(existing, 'replaced by a new process');
    const machine = this.#kit.member(name);
    let h: MemberHost;
    if (existing === undefined) {
      h = newHost(name, this.hosts.size, machine);
      this.hosts.set(name, h);
      if (this.#memberSeries) this.#series.members.push({ name, owned: this.#series.timesMs.map(() => -1) });
    } else {
      h = existing;
      h.incarnation++;
      h.machine = machine;
      h.running = true;
      h.wakeMs = Infinity;
      h.view = machine.view();
    }
    this.#settledDirty = true;
    this.#runningCache = null;
    this.#log(`${name}#${h.incarnation} starts`);
    // Applications start polling at different phases; the RNG decides, so the seed does.
    const phase = this.#appRng.int(this.scenario.settings.pollIntervalMs);
    this.#queue.push(this.clock.nowMs + phase + this.scenario.settings.pollIntervalMs, { k: 'poll', member: name, incarnation: h.incarnation });
    this.#applyMember(h, machine.start(this.clock.nowMs));
  }

  /**
   * The application made a new consumer in the same process: a new incarnation, so that answers
   * to the old consumer's requests (its connections are gone) never reach the new one.
   */
  #replaceConsumer(h: MemberHost): void {
    h.incarnation++;
    h.wakeMs = Infinity;
    this.#log(`${h.name}#${h.incarnation} replaces its consumer`);
    this.#queue.push(this.clock.nowMs + this.scenario.settings.pollIntervalMs, { k: 'poll', member: h.name, incarnation: h.incarnation });
  }

  #resume(name: string, incarnation: number): void {
    const h = this.hosts.get(name);
    if (h === undefined || !h.running || !h.paused || h.incarnation !== incarnation) return;
    h.paused = false;
    this.#log(`${name} resumes`);
    h.wakeMs = Infinity;
    this.#applyMember(h, h.machine.tick(this.clock.nowMs));
    for (const d of h.held.splice(0)) if (h.running && !h.paused) this.#applyDelivery(h, d);
  }

  // ----- scenario actions ---------------------------------------------------------------------

  #act(a: ScenarioAction): void {
    const now = this.clock.nowMs;
    if (!(a.type === 'add' && now === 0)) {
      this.#series.actions.push({ atMs: now, label: actionLabel(a) });
      this.#log(`action ${actionLabel(a)}`);
    }
    switch (a.type) {
      case 'add':
        for (let i = 0; i < a.count; i++) this.#start(`c${this.#nextMemberIndex++}`);
        return;
      case 'remove':
        for (const h of [...this.#running()].reverse().slice(0, a.count)) this.#stop(h);
        return;
      case 'stop':
        return this.#ifRunning(a.member, (h) => this.#stop(h));
      case 'start':
        return this.#start(a.member);
      case 'crash':
        return this.#ifRunning(a.member, (h) => this.#exit(h, 'crashed'));
      case 'pause':
        return this.#ifRunning(a.member, (h) => {
          h.paused = true;
          this.#queue.push(now + a.forMs, { k: 'resume', member: h.name, incarnation: h.incarnation });
        });
      case 'partition':
        this.network.cut(a.member);
        this.#queue.push(now + a.forMs, { k: 'heal-link', member: a.member });
        return;
      case 'heal':
        this.network.healAll();
        for (const h of this.#running()) if (h.paused) this.#resume(h.name, h.incarnation);
        return;
      case 'failover':
        return this.#failover();
      case 'rolling-deploy':
        this.#running().forEach((h, i) => {
          this.#queue.push(now + i * a.intervalMs, { k: 'action', action: { type: 'stop', member: h.name } });
          this.#queue.push(now + i * a.intervalMs + a.downMs, { k: 'action', action: { type: 'start', member: h.name } });
        });
        return;
    }
  }

  #stop(h: MemberHost): void {
    h.stopping = true;
    if (!h.paused) this.#applyMember(h, h.machine.close(this.clock.nowMs));
  }

  #ifRunning(name: string, fn: (h: MemberHost) => void): void {
    const h = this.hosts.get(name);
    if (h?.running === true) fn(h);
    else this.#log(`${name} is not running; nothing to do`);
  }

  /** Running hosts in the order they first started (cached until a host starts or exits; do not change it). */
  #running(): readonly MemberHost[] {
    if (this.#runningCache === null) this.#runningCache = [...this.hosts.values()].filter((h) => h.running).sort((a, b) => a.row - b.row);
    return this.#runningCache;
  }

  // ----- checks, metrics ----------------------------------------------------------------------

  #afterEvent(): void {
    if (this.#checks && this.ownership.contended.size > 0) {
      const view = this.coordinator.view();
      this.#fail('safety', indexOverlaps(this.ownership, (m) => this.#isLiveMember(m, view)));
    }
    if (this.#checks) {
      const mismatch = this.coordinator.replayMismatch();
      if (mismatch !== null) this.#fail('safety', [`replay differs from the coordinator: ${mismatch}`]);
    }
    if (this.#settledDirty) this.#updateSettled();
  }

  #isLiveMember(name: string, view: CoordinatorView): boolean {
    const h = this.hosts.get(name);
    if (h === undefined || !h.running || h.view.memberId === '' || !view.hasMember(h.view.memberId)) return false;
    // Classic: only members done rebalancing in the current generation; one still completing it
    // may hold partitions from a generation it missed until its assignment arrives.
    return this.#kit.exclusiveAcrossEpochs || h.machine.settledIn(view);
  }

  #updateSettled(): void {
    this.#settledDirty = false;
    const view = this.coordinator.view();
    const running = this.#running();
    let all = true;
    for (const h of running) {
      if (!h.settled) h.settled = h.machine.settledIn(view);
      all &&= h.settled;
    }
    // The same test as unsettledReasons, without building the reasons.
    const settled =
      running.length === 0 || (all && view.stable && view.memberCount === running.length && this.ownership.unowned === 0 && this.ownership.contended.size === 0);
    const now = this.clock.nowMs;
    if (settled && !this.#settled) {
      this.#metrics.settledAtMs = now;
      this.#log('group settled');
    }
    if (!settled && this.#metrics.inWindow(now)) this.#metrics.wasUnsettledInWindow = true;
    if (settled && now >= this.#healMs) this.#settledSinceHeal = true;
    this.#settled = settled;
  }

  #checkLiveness(): void {
    this.#livenessChecked = true;
    if (this.#settledSinceHeal || this.#settled) return;
    const reasons = unsettledReasons(this.coordinator.view(), this.#running(), { unowned: this.ownership.unowned, contended: this.ownership.contended.size });
    const bound = this.clock.nowMs - this.#healMs;
    this.#fail('liveness', [`the group did not settle within ${bound} ms after the last fault healed: ${reasons.join('; ')}`]);
  }

  #sample(): void {
    const now = this.clock.nowMs;
    if (now + this.#sampleMs <= this.scenario.durationMs) this.#queue.push(now + this.#sampleMs, { k: 'sample' });
    this.#advanceWorkload(now);
    const lag = this.workload.totalLag();
    const s = this.#series;
    s.timesMs.push(now);
    s.ownedPartitions.push(this.layout.size - this.ownership.unowned);
    s.totalLag.push(Math.round(lag));
    if (this.#memberSeries) for (const row of s.members) row.owned.push(this.#ownedCount(row.name));
  }

  #ownedCount(name: string): number {
    const h = this.hosts.get(name);
    return h === undefined || !h.running ? -1 : this.ownership.ownedBy(name).length;
  }

  #advanceWorkload(now: number): void {
    const dt = now - this.#lastAdvanceMs;
    if (dt <= 0) return;
    const consumers = this.#running()
      .filter((h) => !h.paused && !h.view.inCallback)
      .map((h) => ({ capacityPerSec: this.scenario.settings.capacityPerSec, partitions: this.ownership.ownedBy(h.name) }));
    const before = this.workload.totalLag();
    this.workload.advance(dt, consumers);
    const after = this.workload.totalLag();
    if (this.#metrics.inWindow(now - dt)) {
      this.#metrics.lagMessageMs += ((before + after) / 2) * dt;
      this.#metrics.peakLag = Math.max(this.#metrics.peakLag, after);
    }
    if (this.#lastAdvanceMs < this.#metrics.windowStartMs && now >= this.#metrics.windowStartMs) this.ownership.resetCounters(this.#metrics.windowStartMs);
    this.#lastAdvanceMs = now;
  }

  #fail(kind: FailureKind, messages: readonly (string | null)[]): void {
    const found = messages.filter((m): m is string => m !== null);
    if (found.length === 0) return;
    throw new StopRun(this.#failureOf(kind, found.join('; ')));
  }

  #failureOf(kind: FailureKind, message: string): SimulationFailure {
    return { kind, atMs: this.clock.nowMs, seed: this.seed, message, trace: this.#trace.tail() };
  }

  #log(line: string): void {
    if (this.#trace.enabled) this.#trace.add(this.clock.nowMs, line);
  }

  #result(): SimulationResult {
    const now = this.clock.nowMs;
    if (this.#failure === null) this.#advanceWorkload(now);
    const reasons = unsettledReasons(this.coordinator.view(), this.#running(), { unowned: this.ownership.unowned, contended: this.ownership.contended.size });
    const metrics = this.#metrics.summary({
      nowMs: now,
      moved: this.ownership.moved,
      unownedMs: this.ownership.unownedMs(now),
      finalLag: Math.round(this.workload.totalLag()),
      settledNow: this.#settled,
    });
    return {
      seed: this.seed,
      scenario: this.scenario,
      metrics,
      series: this.#series,
      failure: this.#failure,
      digest: this.#trace.digest(),
      events: this.#events,
      endMs: now,
      livenessChecked: this.#livenessChecked,
      unsettledAtEnd: reasons,
      trace: this.#trace.all(),
    };
  }
}

function describeThrown(e: unknown): string {
  if (e instanceof InvariantError) return `a machine broke an invariant: ${e.message}`;
  if (e instanceof KgroupError) return `a machine threw ${e.name}: ${e.message}`;
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

/** Runs `scenario` with `options` and returns the result (a shorthand for `new Simulation(...).run()`). */
export function simulate(scenario: Scenario, options: SimulationOptions): SimulationResult {
  return new Simulation(scenario, options).run();
}
