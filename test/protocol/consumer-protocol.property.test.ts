/**
 * Round-trip properties of the ConsumerProtocol codec and the assignor user data, across
 * versions 0..3 (and versions above 3, which the writer clamps to 3):
 * - decode(encode(x, v)) equals x projected onto the fields version v carries;
 * - encode(decode(b)) == b for canonical bytes (what kgroup itself writes);
 * - the STRING encoding agrees with UTF-8 as Java writes it (lone surrogates become '?').
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  PackedTopicPartitions,
  compareStrings,
  decodeAssignment,
  decodeCooperativeStickyUserData,
  decodeStickyUserData,
  decodeSubscription,
  encodeAssignment,
  encodeCooperativeStickyUserData,
  encodeStickyUserData,
  encodeSubscription,
  topicPartitions,
  type Assignment,
  type Subscription,
  type TopicPartitions,
} from '../../src/protocol/index.js';
import { toHex } from './support.js';

const NUM_RUNS = 400;

// --- arbitraries ------------------------------------------------------------------------------

/** Topic names: the awkward object keys, empty, ASCII, non-ASCII BMP and astral-plane code points. */
const topicName = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '') },
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 12 }) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 30, maxLength: 90 }) },
  { weight: 1, arbitrary: fc.constantFrom('é', '主题', '𝔘𝔫𝔦', '😀-topic', 'a\u0000b') },
);

const partitionId = fc.oneof(fc.nat(40), fc.integer({ min: 0, max: 0x7fffffff }));

/** (topic, partition) pairs, unsorted, possibly repeated. */
const pairs = fc.array(fc.tuple(topicName, partitionId), { maxLength: 30 });

/** A TopicPartitions as a caller may pass it: packed, or a plain Map in any order, possibly with duplicates. */
const anyTopicPartitions: fc.Arbitrary<TopicPartitions> = fc.oneof(
  pairs.map((ps) => topicPartitions(ps.map(([topic, partition]) => ({ topic, partition })))),
  pairs.map((ps) => {
    const m = new Map<string, number[]>();
    for (const [t, p] of ps) {
      const list = m.get(t) ?? [];
      list.push(p);
      m.set(t, list);
    }
    return m;
  }),
);

const userData = fc.oneof(fc.constant(null), fc.uint8Array({ maxLength: 24 }), fc.constant(new Uint8Array(0)));
const int32 = fc.integer({ min: -0x80000000, max: 0x7fffffff });
const generationId = fc.oneof(fc.integer({ min: -1, max: 50 }), int32);
const rackId = fc.oneof(fc.constant(null), fc.constant(''), topicName);

const subscription: fc.Arbitrary<Subscription> = fc.record(
  {
    topics: fc.array(topicName, { maxLength: 12 }),
    userData,
    ownedPartitions: anyTopicPartitions,
    generationId,
    rackId,
  },
  { requiredKeys: ['topics'] },
);

const assignment: fc.Arbitrary<Assignment> = fc.record({ partitions: anyTopicPartitions, userData }, { requiredKeys: ['partitions'] });

/** Versions 0..3 most of the time, sometimes a future version the writer clamps to 3. */
const version = fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 0, max: 3 }) }, { weight: 1, arbitrary: fc.integer({ min: 4, max: 0x7fff }) });

// --- projections --------------------------------------------------------------------------------

const entries = (tp: TopicPartitions) => [...PackedTopicPartitions.from(tp).entries()];

function projectSubscription(x: Subscription, v: number) {
  const w = Math.min(v, 3);
  const generation = x.generationId ?? -1;
  const rack = x.rackId ?? null;
  return {
    version: w,
    topics: [...x.topics].sort(compareStrings),
    userData: x.userData ?? null,
    ownedPartitions: w >= 1 ? entries(x.ownedPartitions ?? new Map()) : [],
    generationId: w >= 2 && generation >= 0 ? generation : -1,
    rackId: w >= 3 && rack !== '' ? rack : null,
  };
}

function viewSubscription(d: ReturnType<typeof decodeSubscription>) {
  return {
    version: d.version,
    topics: d.topics,
    userData: d.userData,
    ownedPartitions: entries(d.ownedPartitions),
    generationId: d.generationId,
    rackId: d.rackId,
  };
}

/** What kgroup writes back unchanged: generation >= -1, rack not "" (which reads as null). */
function isCanonicalSubscription(x: Subscription): boolean {
  return (x.generationId === undefined || x.generationId >= -1) && x.rackId !== '';
}

// --- properties ---------------------------------------------------------------------------------

describe('subscription round trip', () => {
  it('decode(encode(x, v)) is x projected onto version v', () => {
    fc.assert(
      fc.property(subscription, version, (x, v) => {
        const decoded = decodeSubscription(encodeSubscription(x, v));
        expect(viewSubscription(decoded)).toEqual(projectSubscription(x, v));
        expect(PackedTopicPartitions.from(decoded.ownedPartitions)).toBe(decoded.ownedPartitions);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('encode(decode(b)) == b for canonical bytes', () => {
    fc.assert(
      fc.property(subscription.filter(isCanonicalSubscription), version, (x, v) => {
        const bytes = encodeSubscription(x, v);
        const decoded = decodeSubscription(bytes);
        expect(toHex(encodeSubscription(decoded, decoded.version))).toBe(toHex(bytes));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('any encoding becomes canonical after one decode (encode . decode is idempotent)', () => {
    fc.assert(
      fc.property(subscription, version, (x, v) => {
        const once = encodeSubscription(decodeSubscription(encodeSubscription(x, v)), v);
        const twice = encodeSubscription(decodeSubscription(once), v);
        expect(toHex(twice)).toBe(toHex(once));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('null and empty user data stay distinct', () => {
    fc.assert(
      fc.property(fc.array(topicName, { maxLength: 3 }), version, (topics, v) => {
        expect(decodeSubscription(encodeSubscription({ topics, userData: null }, v)).userData).toBeNull();
        expect(decodeSubscription(encodeSubscription({ topics }, v)).userData).toBeNull();
        expect(decodeSubscription(encodeSubscription({ topics, userData: new Uint8Array(0) }, v)).userData).toEqual(new Uint8Array(0));
      }),
      { numRuns: 100 },
    );
  });

  it('a lower version reads the prefix of a higher version (new versions only append fields)', () => {
    fc.assert(
      fc.property(subscription, fc.integer({ min: 0, max: 3 }), (x, low) => {
        const high = encodeSubscription(x, 3);
        const relabelled = high.slice();
        relabelled[0] = 0;
        relabelled[1] = low;
        expect(viewSubscription(decodeSubscription(relabelled))).toEqual(projectSubscription(x, low));
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

describe('assignment round trip', () => {
  it('decode(encode(x, v)) is x with normalized partitions', () => {
    fc.assert(
      fc.property(assignment, version, (x, v) => {
        const decoded = decodeAssignment(encodeAssignment(x, v));
        expect(decoded.version).toBe(Math.min(v, 3));
        expect(entries(decoded.partitions)).toEqual(entries(x.partitions));
        expect(decoded.userData).toEqual(x.userData ?? null);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('encode(decode(b)) == b for canonical bytes (packed partitions)', () => {
    fc.assert(
      fc.property(assignment, version, (x, v) => {
        const canonical = { ...x, partitions: PackedTopicPartitions.from(x.partitions) };
        const bytes = encodeAssignment(canonical, v);
        const decoded = decodeAssignment(bytes);
        expect(toHex(encodeAssignment(decoded, decoded.version))).toBe(toHex(bytes));
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

describe('user data round trip', () => {
  it('sticky V1 and V0', () => {
    fc.assert(
      fc.property(anyTopicPartitions, fc.option(int32, { nil: undefined }), fc.constantFrom(0 as const, 1 as const), (partitions, generation, v) => {
        const data = generation === undefined ? { partitions } : { partitions, generation };
        const bytes = encodeStickyUserData(data, v);
        const decoded = decodeStickyUserData(bytes);
        expect(entries(decoded.partitions)).toEqual(entries(partitions));
        if (v === 1) expect(decoded.generation).toBe(generation ?? -1);
        else expect('generation' in decoded).toBe(false);
        expect(toHex(encodeStickyUserData(decoded, v))).toBe(toHex(bytes));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('cooperative-sticky', () => {
    fc.assert(
      fc.property(int32, (generation) => {
        const bytes = encodeCooperativeStickyUserData(generation);
        expect(bytes.length).toBe(4);
        expect(decodeCooperativeStickyUserData(bytes)).toBe(generation);
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

describe('STRING encoding', () => {
  const javaUtf8 = (s: string) =>
    new TextEncoder().encode(s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '?'));
  // Any UTF-16 code unit, so lone surrogates appear often.
  const codeUnits = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 80 });

  it('writes UTF-8 as Java does, lone surrogates as "?"', () => {
    fc.assert(
      fc.property(fc.oneof(codeUnits, fc.string({ unit: 'binary', maxLength: 80 })), (s) => {
        const bytes = encodeSubscription({ topics: [s] }, 0);
        // version(2) count(4) length(2) | name | userData(4)
        const name = bytes.subarray(8, bytes.length - 4);
        expect(toHex(name)).toBe(toHex(javaUtf8(s)));
        expect((bytes[6] as number) * 256 + (bytes[7] as number)).toBe(name.length);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('reads any bytes as the WHATWG UTF-8 decoder does (malformed sequences become U+FFFD, a BOM is kept)', () => {
    const whatwg = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
    const bytesOfName = fc.oneof(
      fc.uint8Array({ maxLength: 100 }),
      fc.uint8Array({ maxLength: 70 }).map((b) => b.map((x) => x & 0x7f)),
      fc.array(fc.constantFrom(0x00, 0x41, 0x7f, 0x80, 0xbf, 0xc0, 0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xef, 0xbb, 0xf0, 0x9f, 0xff), { maxLength: 80 }).map((b) => Uint8Array.from(b)),
    );
    fc.assert(
      fc.property(bytesOfName, (name) => {
        const bytes = new Uint8Array(8 + name.length + 4);
        const view = new DataView(bytes.buffer);
        view.setInt32(2, 1); // one topic
        view.setInt16(6, name.length);
        bytes.set(name, 8);
        view.setInt32(8 + name.length, -1); // null user data
        expect(decodeSubscription(bytes).topics).toEqual([whatwg.decode(name)]);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('reads back every well-formed string (both the short ASCII path and the TextDecoder path)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 80 }), fc.string({ unit: 'grapheme-ascii', minLength: 60, maxLength: 200 })), (s) => {
        expect(decodeSubscription(encodeSubscription({ topics: [s] }, 0)).topics).toEqual([s]);
      }),
      { numRuns: NUM_RUNS },
    );
  });
});
