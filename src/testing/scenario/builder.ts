/**
 * A fluent builder for scenarios, in TypeScript:
 *
 * ```ts
 * const s = scenario('deploy')
 *   .protocol('cooperative').assignor('cooperative-sticky')
 *   .topic('orders', 48, { ratePerSec: 100 }).members(6)
 *   .at(60_000).rollingDeploy({ intervalMs: 30_000, downMs: 5_000 })
 *   .at(90_000).crash('c3')
 *   .duration(600_000)
 *   .build();
 * ```
 *
 * `at` sets the time of the actions that follow it; `build` validates the whole scenario.
 */
import type { NetworkConfig } from '../network.js';
import { DEFAULT_ASSIGNOR } from '../nodes/protocols.js';
import { baseScenario } from './defaults.js';
import type { MemberSettings, Protocol, Scenario, ScenarioAction, TimedAction, TopicSpec } from './types.js';
import { validateScenario } from './validate.js';

/** Builds a {@link Scenario} step by step. */
export class ScenarioBuilder {
  #s: Scenario;
  #topics: TopicSpec[] = [];
  #actions: TimedAction[] = [];
  #atMs = 0;
  #assignorSet = false;

  constructor(name: string) {
    this.#s = baseScenario({ name });
  }

  /** The rebalance protocol (also picks its default assignor unless one is set). */
  protocol(p: Protocol): this {
    this.#s = { ...this.#s, protocol: p, assignor: this.#assignorSet ? this.#s.assignor : DEFAULT_ASSIGNOR[p] };
    return this;
  }

  /** The assignor, by name. */
  assignor(name: string): this {
    this.#assignorSet = true;
    this.#s = { ...this.#s, assignor: name };
    return this;
  }

  /** Adds a topic of `partitions`, each receiving `ratePerSec` messages per second (default 100). */
  topic(name: string, partitions: number, opts: { ratePerSec?: number } = {}): this {
    this.#topics.push({ name, partitions, ratePerSec: opts.ratePerSec ?? 100 });
    return this;
  }

  /** How many members start at time 0. */
  members(count: number): this {
    this.#s = { ...this.#s, members: count };
    return this;
  }

  /** Member settings (merged over the defaults). */
  settings(s: Partial<MemberSettings>): this {
    this.#s = { ...this.#s, settings: { ...this.#s.settings, ...s } };
    return this;
  }

  /** Network behaviour (merged over the defaults). */
  network(n: Partial<NetworkConfig>): this {
    this.#s = { ...this.#s, network: { ...this.#s.network, ...n } };
    return this;
  }

  /** The coordinator's initial rebalance delay. */
  initialRebalanceDelay(ms: number): this {
    this.#s = { ...this.#s, initialRebalanceDelayMs: ms };
    return this;
  }

  /** How long the simulation runs. */
  duration(ms: number): this {
    this.#s = { ...this.#s, durationMs: ms };
    return this;
  }

  /** The liveness bound after the last action. */
  livenessBound(ms: number): this {
    this.#s = { ...this.#s, livenessBoundMs: ms };
    return this;
  }

  /** Sets the time of the actions that follow. */
  at(ms: number): this {
    this.#atMs = ms;
    return this;
  }

  /** Adds any action at the current time. */
  action(a: ScenarioAction): this {
    this.#actions.push({ atMs: this.#atMs, action: a });
    return this;
  }

  /** `count` new members start. */
  add(count: number): this {
    return this.action({ type: 'add', count });
  }

  /** The `count` newest members shut down cleanly. */
  remove(count: number): this {
    return this.action({ type: 'remove', count });
  }

  /** A member shuts down cleanly. */
  stop(member: string): this {
    return this.action({ type: 'stop', member });
  }

  /** A stopped or crashed member starts again. */
  start(member: string): this {
    return this.action({ type: 'start', member });
  }

  /** A member's process dies. */
  crash(member: string): this {
    return this.action({ type: 'crash', member });
  }

  /** A member stalls for `forMs`. */
  pause(member: string, forMs: number): this {
    return this.action({ type: 'pause', member, forMs });
  }

  /** A member's link to the coordinator is cut for `forMs`. */
  partition(member: string, forMs: number): this {
    return this.action({ type: 'partition', member, forMs });
  }

  /** Every fault heals. */
  heal(): this {
    return this.action({ type: 'heal' });
  }

  /** The coordinator fails over. */
  failover(): this {
    return this.action({ type: 'failover' });
  }

  /** Every running member restarts in turn. */
  rollingDeploy(opts: { intervalMs: number; downMs: number }): this {
    return this.action({ type: 'rolling-deploy', intervalMs: opts.intervalMs, downMs: opts.downMs });
  }

  /** The scenario, validated (throws UsageError naming the first problem). */
  build(): Scenario {
    const actions = this.#actions.map((a, i) => ({ a, i })).sort((x, y) => x.a.atMs - y.a.atMs || x.i - y.i).map((x) => x.a);
    const s: Scenario = { ...this.#s, topics: this.#topics.length > 0 ? [...this.#topics] : this.#s.topics, actions };
    validateScenario(s);
    return s;
  }
}

/** Starts a scenario named `name`. */
export function scenario(name = 'custom'): ScenarioBuilder {
  return new ScenarioBuilder(name);
}
