/**
 * The simulator's only source of randomness: a seeded xoshiro128** generator, seeded through
 * splitmix32 so that nearby seeds (1, 2, 3...) give unrelated streams. Everything is 32-bit
 * integer arithmetic (Math.imul, >>> 0), so a seed gives the same numbers on every JS engine.
 */
import { UsageError } from '../errors.js';

/** The largest seed accepted: seeds are unsigned 32-bit integers, printed in decimal. */
export const MAX_SEED = 0xffffffff;

function splitmix32(state: number): [number, number] {
  const next = (state + 0x9e3779b9) >>> 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return [next, (z ^ (z >>> 16)) >>> 0];
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/** Parses a seed given as text; throws {@link UsageError} when it is not an integer in 0..2^32-1. */
export function parseSeed(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n > MAX_SEED) {
    throw new UsageError(`seed ${JSON.stringify(text)} is not an integer from 0 to ${MAX_SEED}`);
  }
  return n;
}

/** A seeded pseudo-random generator (xoshiro128**). Not for cryptography. */
export class SimRng {
  #s0: number;
  #s1: number;
  #s2: number;
  #s3: number;

  /** A generator whose whole stream is decided by `seed` (an unsigned 32-bit integer). */
  constructor(seed: number) {
    if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) throw new UsageError(`seed ${seed} is not an integer from 0 to ${MAX_SEED}`);
    let s = seed >>> 0;
    const words: number[] = [];
    for (let i = 0; i < 4; i++) {
      const [next, out] = splitmix32(s);
      s = next;
      words.push(out);
    }
    [this.#s0, this.#s1, this.#s2, this.#s3] = words as [number, number, number, number];
    // An all-zero state would stay zero forever; splitmix never yields four zeros, but be sure.
    if ((this.#s0 | this.#s1 | this.#s2 | this.#s3) === 0) this.#s0 = 1;
  }

  /** The next unsigned 32-bit integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.#s1, 5) >>> 0, 7), 9) >>> 0;
    const t = (this.#s1 << 9) >>> 0;
    this.#s2 = (this.#s2 ^ this.#s0) >>> 0;
    this.#s3 = (this.#s3 ^ this.#s1) >>> 0;
    this.#s1 = (this.#s1 ^ this.#s2) >>> 0;
    this.#s0 = (this.#s0 ^ this.#s3) >>> 0;
    this.#s2 = (this.#s2 ^ t) >>> 0;
    this.#s3 = rotl(this.#s3, 11);
    return result;
  }

  /** A float in [0, 1) with 32 bits of randomness. */
  float(): number {
    return this.nextUint32() / 0x1_0000_0000;
  }

  /** An integer in [0, bound); `bound` must be a positive integer. */
  int(bound: number): number {
    if (!Number.isInteger(bound) || bound <= 0) throw new UsageError(`rng bound ${bound} is not a positive integer`);
    return Math.floor(this.float() * bound);
  }

  /** An integer in [min, max], both inclusive. */
  intBetween(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  /** True with probability `p` (0 never draws, so a zero-probability fault costs no randomness). */
  chance(p: number): boolean {
    if (p <= 0) return false;
    return this.float() < p;
  }

  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new UsageError('cannot pick from an empty list');
    return items[this.int(items.length)] as T;
  }

  /**
   * An independent generator derived from this one's next draw: a part of the simulation (the
   * network, the fault schedule) gets its own stream, so adding a draw to one part does not
   * shift every number the others see.
   */
  fork(): SimRng {
    return new SimRng(this.nextUint32());
  }
}
