// The persistent map behaves like a Map under any sequence of sets and deletes, keeps older
// versions intact, and takes "__proto__" like any other key.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PMap } from '../../src/internal/pmap.js';

type Op = { kind: 'set'; key: string; value: number } | { kind: 'delete'; key: string };

const key = fc.oneof(fc.constantFrom('__proto__', 'constructor', '', 'a', 'b'), fc.string({ maxLength: 6 }));
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), key, value: fc.integer() }),
  fc.record({ kind: fc.constant('delete' as const), key }),
);

function sorted(entries: Iterable<[string, number]>): [string, number][] {
  return [...entries].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

describe('PMap', () => {
  it('agrees with Map and keeps every older version unchanged', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        let p = PMap.empty<number>();
        const m = new Map<string, number>();
        const versions: [PMap<number>, [string, number][]][] = [];
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
        }
        for (const [version, expected] of versions) expect(sorted(version.entries())).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('holds thousands of keys and returns itself for no-op updates', () => {
    let p = PMap.empty<number>();
    for (let i = 0; i < 5000; i++) p = p.set(`member-${i}`, i);
    expect(p.size).toBe(5000);
    expect(p.get('member-4321')).toBe(4321);
    expect(p.set('member-1', 1)).toBe(p);
    expect(p.delete('absent')).toBe(p);
    let q = p;
    for (let i = 0; i < 5000; i += 2) q = q.delete(`member-${i}`);
    expect(q.size).toBe(2500);
    expect(q.has('member-2')).toBe(false);
    expect(p.has('member-2')).toBe(true);
    expect(PMap.from([['__proto__', 1]]).get('__proto__')).toBe(1);
    expect(PMap.empty<number>().get('__proto__')).toBeUndefined();
  });
});
