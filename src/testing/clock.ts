/** The simulator's clock: virtual milliseconds that only the simulation moves, never backwards. */
import { InvariantError } from '../errors.js';

/** A virtual clock (TigerBeetle's TimeSim, without drift: every node reads the same time). */
export class VirtualClock {
  #nowMs = 0;

  /** The current virtual time, in ms since the start of the simulation. */
  get nowMs(): number {
    return this.#nowMs;
  }

  /** Moves time forward to `ms`; moving it backwards is a simulator bug. */
  advanceTo(ms: number): void {
    if (ms < this.#nowMs) throw new InvariantError(`virtual clock moved backwards from ${this.#nowMs} to ${ms}`);
    this.#nowMs = ms;
  }
}
