// The persistent partition map behaves like a Map<number, V> under any sequence of sets and
// deletes (dense, sparse and huge partition ids), keeps older versions intact, reads through
// the ReadonlyMap interface, and refuses keys that are not partition ids.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvariantError } from '../../src/errors.js';
import { PIntMap } from '../../src/internal/pintmap.js';

type Op = { kind: 'set'; key: number; value: number } | { kind: 'delete'; key: number };

const key = fc.oneof(fc.nat({ max: 70 }), fc.nat({ max: 5_000 }), fc.constantFrom(0, 31, 32, 1023, 1024, 0x7fffffff), fc.nat());
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), key, value: fc.integer() }),
  fc.record({ kind: fc.constant('delete' as const), key }),
);

const sorted = (entries: Iterable<[number, number]>): [number, number][] => [...entries].sort((a, b) => a[0] - b[0]);

describe('PIntMap', () => {
  it('agrees with Map and keeps every older version unchanged', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        let p = PIntMap.empty<number>();
        const m = new Map<number, number>();
        const versions: [PIntMap<number>, [number, number][]][] = [];
        for (const o of ops) {
          if (o.kind === 'set') {
            p = p.set(o.key, o.value);
            m.set(o.key, o.value);
          } else {
            p = p.delete(o.key);
            m.delete(o.key);
          }
          versions.push([p, sorted(m)]);
          expect(p.size).toBe(m.size);
          expect(p.get(o.key)).toBe(m.get(o.key));
          expect(p.has(o.key)).toBe(m.has(o.key));
        }
        for (const [version, expected] of versions) {
          expect(sorted(version.entries())).toEqual(expected);
          expect(sorted(version)).toEqual(expected);
          expect(sorted([...version.keys()].map((k, i) => [k, [...version.values()][i] as number]))).toEqual(expected);
          const seen: [number, number][] = [];
          version.forEach((v, k, map) => {
            expect(map).toBe(version);
            seen.push([k, v]);
          });
          expect(sorted(seen)).toEqual(expected);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('returns the same map when nothing changes, and builds from any map', () => {
    const p = PIntMap.from(new Map([[3, 'c'], [1, 'a']]));
    expect(p.set(1, 'a')).toBe(p);
    expect(p.delete(7)).toBe(p);
    expect(PIntMap.from(p)).toBe(p);
    expect(new Map(PIntMap.from([[2, 'b']]))).toEqual(new Map([[2, 'b']]));
    expect(p.delete(1).delete(3)).toBe(PIntMap.empty());
  });

  it('refuses keys that are not partition ids, and undefined values', () => {
    for (const bad of [-1, 1.5, 2 ** 31, Number.NaN]) expect(() => PIntMap.empty<number>().set(bad, 1)).toThrow(InvariantError);
    expect(() => PIntMap.empty<undefined>().set(1, undefined)).toThrow(InvariantError);
    expect(PIntMap.empty<number>().set(5, 1).get(-5)).toBeUndefined();
  });
});
