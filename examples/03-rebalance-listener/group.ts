/**
 * A tiny virtual-time harness for the listener: a GroupCoordinator and ClassicMembers in one
 * process, on a virtual clock, with two faults: a crash (the process is gone) and a pause (a
 * long GC pause: the process is frozen, then runs again, unaware that time passed).
 */
import { cooperativeStickyAssignor } from '../../src/assignors/index.js';
import { ClassicMember, GroupCoordinator, InMemoryRecordLog, InProcessTransport, VirtualClock } from '../../src/runtime/index.js';
import type { ClassicMemberTransport, TimerScheduler } from '../../src/runtime/index.js';
import { OrderCounter, Stores } from './order-counter.js';

/** Timers and a transport that a pause freezes: nothing fires or arrives until resume. */
class Freezable {
  paused = false;
  readonly #held: (() => void)[] = [];
  constructor(private readonly clock: VirtualClock) {}
  run(fn: () => void): void {
    if (this.paused) this.#held.push(fn);
    else fn();
  }
  resume(): void {
    this.paused = false;
    for (const fn of this.#held.splice(0)) fn();
  }
  timers(): TimerScheduler {
    return { setTimeout: (cb, ms) => this.clock.setTimeout(() => this.run(cb), ms), clearTimeout: (h) => this.clock.clearTimeout(h) };
  }
  transport(inner: ClassicMemberTransport): ClassicMemberTransport {
    return {
      send: (request) => new Promise((resolve, reject) => this.run(() => inner.send(request).then((r) => this.run(() => resolve(r)), reject))),
    } as ClassicMemberTransport;
  }
}

/** One consumer process: its member, its application, its freezability. */
export interface Consumer {
  readonly member: ClassicMember;
  readonly app: OrderCounter;
  readonly process: Freezable;
  alive: boolean;
}

/** The group under test. */
export class VirtualGroup {
  readonly clock = new VirtualClock();
  readonly stores = new Stores();
  readonly consumers = new Map<string, Consumer>();
  readonly #network = new InProcessTransport();
  #coordinator: GroupCoordinator | undefined;

  async start(): Promise<this> {
    this.#coordinator = await GroupCoordinator.open({ log: new InMemoryRecordLog(), transport: this.#network, clock: this.clock, timers: this.clock, classic: { initialRebalanceDelayMs: 100 } });
    this.#network.attach(this.#coordinator);
    return this;
  }

  /** Starts consumer `name`, subscribed to `orders` (6 partitions). */
  add(name: string): Consumer {
    const process = new Freezable(this.clock);
    const app = new OrderCounter(name, this.stores, (ms) => new Promise((resolve) => process.timers().setTimeout(() => resolve(), ms)));
    const member = new ClassicMember({
      config: { groupId: 'orders-app', assignors: [cooperativeStickyAssignor], sessionTimeoutMs: 10_000, heartbeatIntervalMs: 1_000, maxPollIntervalMs: 60_000 },
      transport: process.transport(this.#network.classicMember(name)),
      listener: app.listener(),
      clock: this.clock,
      timers: process.timers(),
    });
    member.updateMetadata(new Map([['orders', { partitions: 6 }]]));
    member.subscribe(['orders']);
    member.poll();
    const consumer = { member, app, process, alive: true };
    this.consumers.set(name, consumer);
    return consumer;
  }

  /** Runs `ms` of virtual time; every live, running consumer processes 10 records and polls every 500 ms. */
  async run(ms: number): Promise<void> {
    for (let t = 0; t < ms; t += 500) {
      await this.clock.advance(500);
      for (const c of this.consumers.values()) {
        if (!c.alive || c.process.paused || c.member.state.closed) continue;
        c.app.process(10);
        c.member.poll();
      }
    }
  }

  /** The process dies: no leave, no callbacks. */
  crash(name: string): void {
    const c = this.consumers.get(name) as Consumer;
    c.alive = false;
    c.member.stop();
  }

  /** The process freezes (a long GC pause); `resume` thaws it. */
  pause(name: string): void {
    (this.consumers.get(name) as Consumer).process.paused = true;
  }

  resume(name: string): void {
    (this.consumers.get(name) as Consumer).process.resume();
  }

  /** Who owns what, by the applications' own view (live consumers only). */
  owners(): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const [name, c] of this.consumers) {
      if (!c.alive) continue;
      for (const tp of c.app.owned()) out.set(tp, [...(out.get(tp) ?? []), name]);
    }
    return out;
  }

  async stop(): Promise<void> {
    for (const c of this.consumers.values()) c.member.stop();
    await this.#coordinator?.close();
  }
}
