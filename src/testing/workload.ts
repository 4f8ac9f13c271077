/**
 * The workload: messages arrive on every partition at its topic's rate, and each member
 * processes up to its capacity, spread over the partitions it owns. Lag is what has arrived
 * but not been processed. Time is integrated in steps (the simulator's sample interval), which
 * is fine-grained enough for rebalances that take seconds.
 */
import type { PartitionLayout } from './layout.js';

/** One member that processes messages during a step. */
export interface Consumer {
  readonly capacityPerSec: number;
  /** Flat indexes of the partitions it owns. */
  readonly partitions: readonly number[];
}

/** Per-partition arrival, processing and lag. */
export class Workload {
  /** Messages per second arriving on each partition. */
  readonly #rates: Float64Array;
  /** Messages waiting on each partition. */
  readonly lag: Float64Array;
  /** Messages processed on each partition (its consumed position). */
  readonly position: Float64Array;

  constructor(layout: PartitionLayout) {
    this.#rates = new Float64Array(layout.size);
    let i = 0;
    for (const t of layout.topics) for (let p = 0; p < t.partitions; p++) this.#rates[i++] = t.ratePerSec;
    this.lag = new Float64Array(layout.size);
    this.position = new Float64Array(layout.size);
  }

  /** Total messages waiting over every partition. */
  totalLag(): number {
    let sum = 0;
    for (const l of this.lag) sum += l;
    return sum;
  }

  /** Lets `dtMs` pass: messages arrive, then each consumer processes what it can. */
  advance(dtMs: number, consumers: readonly Consumer[]): void {
    if (dtMs <= 0) return;
    const dt = dtMs / 1000;
    const lag = this.lag;
    for (let p = 0; p < lag.length; p++) lag[p] = (lag[p] as number) + (this.#rates[p] as number) * dt;
    for (const c of consumers) this.#consume(c.capacityPerSec * dt, c.partitions);
  }

  /** Spreads `budget` over `partitions`: an equal share each, then the leftover to those still behind. */
  #consume(budget: number, partitions: readonly number[]): void {
    let left = budget;
    let open = partitions.filter((p) => (this.lag[p] as number) > 0);
    while (left > 1e-9 && open.length > 0) {
      const share = left / open.length;
      const next: number[] = [];
      for (const p of open) {
        const take = Math.min(share, this.lag[p] as number);
        this.lag[p] = (this.lag[p] as number) - take;
        this.position[p] = (this.position[p] as number) + take;
        left -= take;
        if ((this.lag[p] as number) > 0) next.push(p);
      }
      if (next.length === open.length) break;
      open = next;
    }
  }
}
