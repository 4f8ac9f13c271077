/**
 * The in-memory network between the members and the coordinator. Each member has one link to
 * the coordinator; a message on it is delayed (latency plus jitter), may be dropped or
 * duplicated, and is lost while the link is cut (a network partition). Delivery on a link
 * stays in order, as on the TCP connection a Kafka client keeps to its coordinator: jitter
 * delays a message but never lets it overtake the one sent before it.
 */
import { UsageError } from '../errors.js';
import type { SimRng } from './rng.js';

/** The network's behaviour, the same on every link. */
export interface NetworkConfig {
  /** One-way delay of every message, in ms. */
  readonly latencyMs: number;
  /** Extra delay drawn uniformly from [0, jitterMs] per message. */
  readonly jitterMs: number;
  /** Probability that a message is lost. */
  readonly dropRate: number;
  /** Probability that a message is delivered twice (the copy after the original). */
  readonly duplicateRate: number;
}

/** A network with no faults and a 1 ms hop. */
export const DEFAULT_NETWORK: NetworkConfig = { latencyMs: 1, jitterMs: 0, dropRate: 0, duplicateRate: 0 };

/** Which way a message goes on a member's link. */
export type Direction = 'to-coordinator' | 'to-member';

/** Counters of what the network did. */
export interface NetworkStats {
  sent: number;
  dropped: number;
  duplicated: number;
  cutOff: number;
}

/** Throws {@link UsageError} naming the first impossible setting. */
export function validateNetwork(config: NetworkConfig): void {
  const checks: [string, number, number][] = [
    ['latency', config.latencyMs, Infinity],
    ['jitter', config.jitterMs, Infinity],
    ['drop', config.dropRate, 1],
    ['duplicate', config.duplicateRate, 1],
  ];
  for (const [name, value, max] of checks) {
    if (!Number.isFinite(value) || value < 0 || value > max) {
      throw new UsageError(`network ${name}=${value} must be a number from 0 to ${max === Infinity ? 'any positive value' : max}`);
    }
  }
  if (config.dropRate >= 1) throw new UsageError('network drop=1 loses every message: the group could never form');
}

/** The links between members and the coordinator. */
export class SimNetwork {
  readonly stats: NetworkStats = { sent: 0, dropped: 0, duplicated: 0, cutOff: 0 };
  readonly #cut = new Set<string>();
  /** The last delivery time per link and direction, to keep each link in order. */
  readonly #lastDeliveryMs = new Map<string, number>();

  #config: NetworkConfig;

  constructor(
    config: NetworkConfig,
    private readonly rng: SimRng,
  ) {
    validateNetwork(config);
    this.#config = config;
  }

  /** The network's current behaviour. */
  get config(): NetworkConfig {
    return this.#config;
  }

  /** Heals everything: every cut link, and no more drops or duplicates (latency stays). */
  healAll(): void {
    this.#cut.clear();
    this.#config = { ...this.#config, dropRate: 0, duplicateRate: 0 };
  }

  /** Cuts `member`'s link: messages in either direction are lost until it heals. */
  cut(member: string): void {
    this.#cut.add(member);
  }

  /** Heals `member`'s link. */
  heal(member: string): void {
    this.#cut.delete(member);
  }

  /** True while `member`'s link is cut. */
  isCut(member: string): boolean {
    return this.#cut.has(member);
  }

  /** The members whose link is cut, sorted. */
  cutMembers(): string[] {
    return [...this.#cut].sort();
  }

  /**
   * When a message sent now on `member`'s link arrives: no time when it is lost, two when it is
   * duplicated. The caller also drops it at delivery if the link was cut meanwhile.
   */
  plan(member: string, direction: Direction, nowMs: number): number[] {
    this.stats.sent++;
    if (this.#cut.has(member)) {
      this.stats.cutOff++;
      return [];
    }
    if (this.rng.chance(this.#config.dropRate)) {
      this.stats.dropped++;
      return [];
    }
    const key = direction === 'to-coordinator' ? `>${member}` : `<${member}`;
    const jitter = this.#config.jitterMs > 0 ? this.rng.int(this.#config.jitterMs + 1) : 0;
    const atMs = Math.max(nowMs + this.#config.latencyMs + jitter, this.#lastDeliveryMs.get(key) ?? 0);
    this.#lastDeliveryMs.set(key, atMs);
    if (!this.rng.chance(this.#config.duplicateRate)) return [atMs];
    this.stats.duplicated++;
    return [atMs, atMs];
  }

  /** Counts a message that arrived on a link cut after it was sent. */
  lostInFlight(): void {
    this.stats.cutOff++;
  }
}
