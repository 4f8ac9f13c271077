/**
 * Kafka's ExponentialBackoff for heartbeats: retry.backoff.ms * 2^attempts, capped at
 * retry.backoff.max.ms, with optional relative jitter. The jitter's random numbers come from a
 * small generator whose state lives in the member state, so a step stays pure.
 */
import type { MemberContext } from './context.js';

/** Spreads a small seed over all 32 bits (a murmur3 finalizer), never 0. */
export function seedRandomState(seed: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0 || 1;
}

/** One xorshift32 step: the next generator state (never 0 for a non-zero seed). */
export function nextRandomState(state: number): number {
  let x = state | 0 || 1;
  x ^= x << 13;
  x ^= x >>> 17;
  x ^= x << 5;
  return x >>> 0;
}

/** The backoff after `attempts` consecutive failures (0 for the first). */
export function backoffMs(ctx: MemberContext, attempts: number): number {
  const c = ctx.config;
  const expMax = c.retryBackoffMaxMs > c.retryBackoffMs ? Math.log2(c.retryBackoffMaxMs / c.retryBackoffMs) : 0;
  const term = c.retryBackoffMs * 2 ** Math.min(attempts, expMax);
  let factor = 1;
  if (c.retryBackoffJitter > 0) {
    ctx.s.rngState = nextRandomState(ctx.s.rngState);
    const unit = ctx.s.rngState / 0x1_0000_0000;
    factor = 1 - c.retryBackoffJitter + 2 * c.retryBackoffJitter * unit;
  }
  return Math.min(Math.floor(term * factor), c.retryBackoffMaxMs);
}
