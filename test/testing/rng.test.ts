// The seeded generator: the same seed gives the same stream, nearby seeds give unrelated ones,
// and the helpers stay within their bounds.
import { describe, expect, it } from 'vitest';
import { parseSeed, SimRng } from '../../src/testing/index.js';

const draw = (seed: number, n: number) => {
  const rng = new SimRng(seed);
  return Array.from({ length: n }, () => rng.nextUint32());
};

describe('SimRng', () => {
  it('repeats a stream for a seed and differs between neighbouring seeds', () => {
    expect(draw(42, 100)).toEqual(draw(42, 100));
    expect(draw(1, 20)).not.toEqual(draw(2, 20));
    // A known prefix pins the algorithm: a change to it changes every recorded seed's run.
    expect(draw(1, 3)).toMatchInlineSnapshot(`
      [
        2442144158,
        3238099751,
        3819917871,
      ]
    `);
  });

  it('keeps int, intBetween, float and chance within bounds, and roughly uniform', () => {
    const rng = new SimRng(7);
    const buckets = new Array<number>(10).fill(0);
    for (let i = 0; i < 10_000; i++) {
      const v = rng.int(10);
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(10);
      buckets[v] = (buckets[v] as number) + 1;
      const f = rng.float();
      expect(f >= 0 && f < 1).toBe(true);
      const b = rng.intBetween(3, 5);
      expect(b >= 3 && b <= 5).toBe(true);
    }
    for (const n of buckets) expect(n).toBeGreaterThan(850);
    expect(rng.chance(0)).toBe(false);
    expect(rng.chance(1)).toBe(true);
  });

  it('forks independent streams and rejects bad seeds', () => {
    const a = new SimRng(9);
    const child = a.fork();
    expect(child.nextUint32()).not.toBe(a.nextUint32());
    expect(() => new SimRng(-1)).toThrow(/seed/);
    expect(() => parseSeed('abc')).toThrow(/not an integer/);
    expect(() => parseSeed('4294967296')).toThrow(/not an integer/);
    expect(parseSeed('4294967295')).toBe(4294967295);
  });
});
