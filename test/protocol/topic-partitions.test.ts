/**
 * PackedTopicPartitions, TopicPartitionsBuilder and the value operations: normalization,
 * validation, the ReadonlyMap contract, awkward topic names, and properties against a plain
 * set-of-pairs model.
 */
import { inspect } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  PackedTopicPartitions,
  TopicPartitionsBuilder,
  UsageError,
  compareStrings,
  countPartitions,
  diffTopicPartitions,
  equalTopicPartitions,
  flattenTopicPartitions,
  normalizeTopicPartitions,
  subtractTopicPartitions,
  topicPartitions,
  unionTopicPartitions,
  type TopicPartitions,
} from '../../src/protocol/index.js';

const AWKWARD = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'];

describe('normalization', () => {
  it('sorts topics and partitions, drops duplicates and empty topics', () => {
    const tp = topicPartitions({ b: [3, 1, 1, 2], a: [5], empty: [] });
    expect([...tp.keys()]).toEqual(['a', 'b']);
    expect(tp.get('b')).toEqual([1, 2, 3]);
    expect(tp.get('empty')).toBeUndefined();
    expect(tp.has('empty')).toBe(false);
    expect(tp.size).toBe(2);
    expect(tp.partitionCount).toBe(4);
  });

  it('accepts a Map, a plain object, entries and (topic, partition) pairs alike', () => {
    const expected = { a: [0, 1], b: [2] };
    const forms = [
      topicPartitions(new Map([['b', [2]], ['a', [1, 0]]])),
      topicPartitions({ a: [1, 0], b: [2] }),
      topicPartitions([['b', [2]], ['a', [1]], ['a', [0]]] as const),
      topicPartitions([{ topic: 'a', partition: 1 }, { topic: 'b', partition: 2 }, { topic: 'a', partition: 0 }]),
      PackedTopicPartitions.from(new Map<string, Iterable<number>>([['a', new Set([1, 0])], ['b', [2]]])),
      normalizeTopicPartitions(new Map([['a', [0, 1, 1]], ['b', [2, 2]]])),
    ];
    for (const tp of forms) expect(tp.toJSON()).toEqual(expected);
    expect(topicPartitions().size).toBe(0);
  });

  it('returns a packed set unchanged', () => {
    const tp = topicPartitions({ a: [0] });
    expect(topicPartitions(tp)).toBe(tp);
    expect(PackedTopicPartitions.from(tp)).toBe(tp);
    expect(normalizeTopicPartitions(tp)).toBe(tp);
  });

  it('rejects partition ids that are not int32 >= 0 with a UsageError', () => {
    for (const bad of [-1, 1.5, NaN, Infinity, -Infinity, 2 ** 31, -0.5, '1' as unknown as number]) {
      expect(() => topicPartitions({ t: [bad] }), String(bad)).toThrow(UsageError);
      expect(() => new TopicPartitionsBuilder().add('t', bad), String(bad)).toThrow(UsageError);
      expect(() => PackedTopicPartitions.from(new Map([['t', [bad]]])), String(bad)).toThrow(UsageError);
    }
    expect(topicPartitions({ t: [0, 2 ** 31 - 1] }).get('t')).toEqual([0, 2 ** 31 - 1]);
    expect(() => topicPartitions({ t: [-1] })).toThrow(/partition -1 of topic 't'/);
  });

  it('sorts topics by UTF-16 code unit, as Java does (not by code point, not by locale)', () => {
    const tp = topicPartitions({ '\uffff': [0], '𝔘': [0], b: [0], B: [0], é: [0], e: [0] });
    expect([...tp.keys()]).toEqual(['B', 'b', 'e', 'é', '𝔘', '\uffff']);
    expect(compareStrings('𝔘', '\uffff')).toBe(-1);
    expect(compareStrings('a', 'a')).toBe(0);
    expect(compareStrings('b', 'a')).toBe(1);
  });
});

describe('TopicPartitionsBuilder', () => {
  it('builds from ordered input (fast path) and from any order', () => {
    const ordered = new TopicPartitionsBuilder().add('a', 0).add('a', 1).add('b', 0).build();
    const shuffled = new TopicPartitionsBuilder().add('b', 0).add('a', 1).add('b', 0).add('a', 0).add('a', 1).build();
    expect(ordered.toJSON()).toEqual({ a: [0, 1], b: [0] });
    expect(shuffled.toJSON()).toEqual({ a: [0, 1], b: [0] });
  });

  it('merges a topic that comes back later and sorts its partitions', () => {
    const tp = new TopicPartitionsBuilder().add('a', 5).add('b', 1).add('a', 2).addAll('a', [9, 2]).build();
    expect(tp.toJSON()).toEqual({ a: [2, 5, 9], b: [1] });
  });

  it('counts pairs added (duplicates included) and starts empty after build', () => {
    const b = new TopicPartitionsBuilder().add('a', 1).add('a', 1).add('b', 0);
    expect(b.count).toBe(3);
    expect(b.build().partitionCount).toBe(2);
    expect(b.count).toBe(0);
    expect(b.build()).toBe(PackedTopicPartitions.EMPTY);
    expect(b.add('z', 0).build().toJSON()).toEqual({ z: [0] });
  });

  it('sorts partitions that arrive out of order within an ordered topic run', () => {
    expect(new TopicPartitionsBuilder().add('a', 3).add('a', 1).add('a', 3).add('b', 0).build().toJSON()).toEqual({ a: [1, 3], b: [0] });
  });
});

describe('the ReadonlyMap contract', () => {
  const tp = topicPartitions({ foo: [1, 0], bar: [2], __proto__x: [4] });

  it('get, has, size, and missing keys', () => {
    expect(tp.size).toBe(3);
    expect(tp.get('foo')).toEqual([0, 1]);
    expect(tp.get('nope')).toBeUndefined();
    expect(tp.has('bar')).toBe(true);
    expect(tp.has('nope')).toBe(false);
    expect(tp.hasPartition('foo', 1)).toBe(true);
    expect(tp.hasPartition('foo', 2)).toBe(false);
    expect(tp.hasPartition('nope', 0)).toBe(false);
    expect(tp.indexOf('foo')).toBe(2);
    expect(tp.indexOf('nope')).toBe(-1);
  });

  it('iterates in sorted order through every protocol', () => {
    expect([...tp.keys()]).toEqual(['__proto__x', 'bar', 'foo']);
    expect([...tp.values()]).toEqual([[4], [2], [0, 1]]);
    expect([...tp.entries()]).toEqual([['__proto__x', [4]], ['bar', [2]], ['foo', [0, 1]]]);
    expect([...tp]).toEqual([...tp.entries()]);
    const seen: [string, readonly number[], unknown][] = [];
    tp.forEach((partitions, topic, map) => seen.push([topic, partitions, map]));
    expect(seen).toEqual([['__proto__x', [4], tp], ['bar', [2], tp], ['foo', [0, 1], tp]]);
    const pairs: string[] = [];
    tp.forEachPartition((t, p) => pairs.push(`${t}-${p}`));
    expect(pairs).toEqual(['__proto__x-4', 'bar-2', 'foo-0', 'foo-1']);
  });

  it('converts to a Map and back, and prints as a TopicPartitions', () => {
    const m = new Map(tp);
    expect(m.get('foo')).toEqual([0, 1]);
    expect(equalTopicPartitions(m, tp)).toBe(true);
    expect(Object.prototype.toString.call(tp)).toBe('[object TopicPartitions]');
  });

  it('hands out frozen, cached partition arrays', () => {
    const a = tp.get('foo');
    expect(Object.isFrozen(a)).toBe(true);
    expect(tp.get('foo')).toBe(a);
    expect(tp.partitionsAt(2)).toBe(a);
    expect(() => (a as number[]).push(3)).toThrow(TypeError);
    expect(tp.get('foo')).toEqual([0, 1]);
  });

  it('topicAt and partitionsAt reject an index out of range', () => {
    expect(tp.topicAt(0)).toBe('__proto__x');
    expect(() => tp.topicAt(3)).toThrow(UsageError);
    expect(() => tp.topicAt(-1)).toThrow(UsageError);
    expect(() => tp.partitionsAt(3)).toThrow(UsageError);
  });

  it('the empty set', () => {
    const e = PackedTopicPartitions.EMPTY;
    expect(e.size).toBe(0);
    expect(e.partitionCount).toBe(0);
    expect([...e]).toEqual([]);
    expect(e.get('__proto__')).toBeUndefined();
    expect(e.toJSON()).toEqual({});
    expect(topicPartitions({})).toBe(PackedTopicPartitions.EMPTY);
  });

  it('util.inspect shows the contents', () => {
    expect(inspect(topicPartitions({ foo: [1, 0], bar: [2] }))).toBe("TopicPartitions(2) { 'bar' => [ 2 ], 'foo' => [ 0, 1 ] }");
    expect(inspect(PackedTopicPartitions.EMPTY)).toBe('TopicPartitions(0) {}');
    expect(inspect({ a: { b: { c: topicPartitions({ x: [0] }) } } })).toBe('{ a: { b: { c: [TopicPartitions(1)] } } }');
    // The hook is not an own or enumerable key.
    expect(Object.keys(topicPartitions({ x: [0] }))).toEqual([]);
  });
});

describe('awkward topic names', () => {
  const tp = topicPartitions(AWKWARD.map((topic, partition) => ({ topic, partition })));

  it('are ordinary keys', () => {
    expect(tp.size).toBe(AWKWARD.length);
    for (const [i, topic] of AWKWARD.entries()) {
      expect(tp.has(topic)).toBe(true);
      expect(tp.get(topic)).toEqual([i]);
    }
    expect(PackedTopicPartitions.EMPTY.has('constructor')).toBe(false);
    expect(topicPartitions({ a: [0] }).get('toString')).toBeUndefined();
  });

  it('toJSON has a null prototype and own keys for every topic, `__proto__` included', () => {
    const json = tp.toJSON();
    expect(Object.getPrototypeOf(json)).toBeNull();
    expect(Object.keys(json).sort()).toEqual([...AWKWARD].sort());
    expect(Object.getOwnPropertyDescriptor(json, '__proto__')?.value).toEqual([0]);
    const text = JSON.stringify(tp);
    expect(text).toContain('"__proto__":[0]');
    const back = topicPartitions(JSON.parse(text) as Record<string, number[]>);
    expect(equalTopicPartitions(back, tp)).toBe(true);
  });

  it('a plain object with an own `__proto__` key (from JSON) is read as a topic', () => {
    const tp2 = topicPartitions(JSON.parse('{"__proto__":[1,0],"constructor":[2]}') as Record<string, number[]>);
    expect(tp2.toJSON()).toEqual(Object.assign(Object.create(null) as object, JSON.parse('{"__proto__":[0,1],"constructor":[2]}')));
    expect(tp2.get('__proto__')).toEqual([0, 1]);
  });

  it('the ops treat them as ordinary topics', () => {
    const other = topicPartitions({ constructor: [5, 1], toString: [] });
    const d = diffTopicPartitions(tp, other);
    expect(d.kept.toJSON()).toEqual(Object.assign(Object.create(null) as object, { constructor: [1] }));
    expect(d.added.get('constructor')).toEqual([5]);
    expect(d.revoked.get('__proto__')).toEqual([0]);
    expect(d.revoked.has('constructor')).toBe(false);
  });
});

describe('operations', () => {
  const before = topicPartitions({ a: [0, 1, 2], b: [0], c: [3] });
  const after = topicPartitions({ a: [1, 2, 3], c: [3], d: [0] });

  it('diff splits into kept, added and revoked', () => {
    const d = diffTopicPartitions(before, after);
    expect(d.kept.toJSON()).toEqual({ a: [1, 2], c: [3] });
    expect(d.added.toJSON()).toEqual({ a: [3], d: [0] });
    expect(d.revoked.toJSON()).toEqual({ a: [0], b: [0] });
  });

  it('diff accepts plain maps in any order', () => {
    const d = diffTopicPartitions(new Map([['c', [3]], ['a', [2, 0, 1]], ['b', [0]]]), new Map([['d', [0]], ['a', [3, 1, 2]], ['c', [3]]]));
    expect(d.added.toJSON()).toEqual({ a: [3], d: [0] });
  });

  it('equality ignores order and duplicates, and sees every difference', () => {
    expect(equalTopicPartitions(before, new Map([['c', [3]], ['b', [0, 0]], ['a', [2, 1, 0]]]))).toBe(true);
    expect(equalTopicPartitions(before, after)).toBe(false);
    expect(equalTopicPartitions(before, topicPartitions({ a: [0, 1, 2], b: [0], d: [3] }))).toBe(false);
    expect(equalTopicPartitions(before, topicPartitions({ a: [0, 1, 3], b: [0], c: [3] }))).toBe(false);
    expect(equalTopicPartitions(before, topicPartitions({ a: [0, 1, 2], b: [0], c: [3, 4] }))).toBe(false);
    expect(equalTopicPartitions(new Map([['a', []]]), PackedTopicPartitions.EMPTY)).toBe(true);
  });

  it('union, subtract, flatten, count', () => {
    expect(unionTopicPartitions(before, after).toJSON()).toEqual({ a: [0, 1, 2, 3], b: [0], c: [3], d: [0] });
    expect(unionTopicPartitions().size).toBe(0);
    expect(subtractTopicPartitions(before, after).toJSON()).toEqual({ a: [0], b: [0] });
    expect(flattenTopicPartitions(after)).toEqual([
      { topic: 'a', partition: 1 },
      { topic: 'a', partition: 2 },
      { topic: 'a', partition: 3 },
      { topic: 'c', partition: 3 },
      { topic: 'd', partition: 0 },
    ]);
    expect(countPartitions(before)).toBe(5);
    expect(countPartitions(new Map([['x', [1, 1, 2]]]))).toBe(2);
  });
});

// --- properties against a model: a set of "topic\0partition" keys -------------------------------

const topic = fc.oneof(fc.constantFrom(...AWKWARD, 'a', 'b', 'é', '𝔘', ''), fc.string({ unit: 'binary', maxLength: 6 }));
const pairList = fc.array(fc.tuple(topic, fc.oneof(fc.nat(12), fc.integer({ min: 0, max: 0x7fffffff }))), { maxLength: 40 });
const asMap = (ps: readonly (readonly [string, number])[]): TopicPartitions => {
  const m = new Map<string, number[]>();
  for (const [t, p] of ps) m.set(t, [...(m.get(t) ?? []), p]);
  return m;
};
const model = (tp: TopicPartitions): Set<string> => {
  const s = new Set<string>();
  for (const [t, ps] of tp) for (const p of ps) s.add(`${t}\u0000${p}`);
  return s;
};
const sortedKeys = (s: Iterable<string>) => [...s].sort();

describe('properties', () => {
  it('normalization keeps exactly the model set, sorted, and is idempotent', () => {
    fc.assert(
      fc.property(pairList, (ps) => {
        const tp = PackedTopicPartitions.from(asMap(ps));
        expect(sortedKeys(model(tp))).toEqual(sortedKeys(model(asMap(ps))));
        const topics = [...tp.keys()];
        expect(topics).toEqual([...topics].sort(compareStrings));
        expect(new Set(topics).size).toBe(topics.length);
        for (const parts of tp.values()) {
          expect(parts.length).toBeGreaterThan(0);
          for (let i = 1; i < parts.length; i++) expect(parts[i - 1] as number).toBeLessThan(parts[i] as number);
        }
        expect(PackedTopicPartitions.from(new Map(tp)).toJSON()).toEqual(tp.toJSON());
        expect(tp.partitionCount).toBe(model(tp).size);
        expect(countPartitions(asMap(ps))).toBe(model(tp).size);
      }),
      { numRuns: 300 },
    );
  });

  it('diff parts are disjoint and partition the union; kept+revoked = before, kept+added = after', () => {
    fc.assert(
      fc.property(pairList, pairList, (pa, pb) => {
        const a = asMap(pa);
        const b = asMap(pb);
        const { kept, added, revoked } = diffTopicPartitions(a, b);
        const [ma, mb, k, ad, r] = [model(a), model(b), model(kept), model(added), model(revoked)];
        expect(sortedKeys(k)).toEqual(sortedKeys([...ma].filter((x) => mb.has(x))));
        expect(sortedKeys(ad)).toEqual(sortedKeys([...mb].filter((x) => !ma.has(x))));
        expect(sortedKeys(r)).toEqual(sortedKeys([...ma].filter((x) => !mb.has(x))));
        expect(k.size + ad.size + r.size).toBe(new Set([...ma, ...mb]).size);
        expect(equalTopicPartitions(unionTopicPartitions(kept, added, revoked), unionTopicPartitions(a, b))).toBe(true);
        expect(equalTopicPartitions(unionTopicPartitions(kept, revoked), a)).toBe(true);
        expect(equalTopicPartitions(unionTopicPartitions(kept, added), b)).toBe(true);
        expect(equalTopicPartitions(subtractTopicPartitions(a, b), revoked)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('equal iff the diff has no changes', () => {
    fc.assert(
      fc.property(pairList, pairList, fc.boolean(), (pa, pb, same) => {
        const a = asMap(pa);
        // Half the time compare with a shuffled, duplicated copy of a itself, which must be equal.
        const b = same ? asMap([...pa].reverse().concat(pa.slice(0, 3))) : asMap(pb);
        const d = diffTopicPartitions(a, b);
        const noChanges = d.added.size === 0 && d.revoked.size === 0;
        expect(equalTopicPartitions(a, b)).toBe(noChanges);
        expect(equalTopicPartitions(b, a)).toBe(noChanges);
        if (same) expect(noChanges).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('flatten lists the model in (topic, partition) order; topicPartitions(flatten(x)) == x', () => {
    fc.assert(
      fc.property(pairList, (ps) => {
        const tp = PackedTopicPartitions.from(asMap(ps));
        const flat = flattenTopicPartitions(tp);
        expect(flat.length).toBe(tp.partitionCount);
        for (let i = 1; i < flat.length; i++) {
          const x = flat[i - 1] as { topic: string; partition: number };
          const y = flat[i] as { topic: string; partition: number };
          expect(compareStrings(x.topic, y.topic) < 0 || (x.topic === y.topic && x.partition < y.partition)).toBe(true);
        }
        expect(equalTopicPartitions(topicPartitions(flat), tp)).toBe(true);
        for (const { topic: t, partition: p } of flat) expect(tp.hasPartition(t, p)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
