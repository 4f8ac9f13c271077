/**
 * The ConsumerProtocol codec and the sticky assignors' user data against the worked hex
 * examples of the classic-protocol reference (§4.5, §4.6) and Kafka's ConsumerProtocolTest
 * scenarios 97 (encoding ignores input order) and 99 (future versions parse as the newest known).
 */
import { describe, expect, it } from 'vitest';
import {
  CONSUMER_PROTOCOL_VERSION,
  DecodeError,
  PackedTopicPartitions,
  UsageError,
  decodeAssignment,
  decodeCooperativeStickyUserData,
  decodeStickyUserData,
  decodeSubscription,
  encodeAssignment,
  encodeCooperativeStickyUserData,
  encodeStickyUserData,
  encodeSubscription,
  topicPartitions,
  type Subscription,
} from '../../src/protocol/index.js';
import { concat, fromHex, toHex } from './support.js';

/** Asserts that `fn` throws a DecodeError, optionally with the given field and offset, and returns it. */
function decodeError(fn: () => unknown, field?: string, offset?: number): DecodeError {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(DecodeError);
  const err = caught as DecodeError;
  expect(err.code).toBe('DECODE');
  if (field !== undefined) expect(err.field).toBe(field);
  if (offset !== undefined) expect(err.offset).toBe(offset);
  return err;
}

const json = (tp: PackedTopicPartitions) => tp.toJSON();

// ---------------------------------------------------------------------------------------------
// §4.5 Example A: subscription v3, topics [foo], userData null, owned [foo-0, foo-1], gen 5, rack r1.

const EXAMPLE_A = fromHex(`
  00 03
  00 00 00 01  00 03 66 6f 6f
  ff ff ff ff
  00 00 00 01  00 03 66 6f 6f  00 00 00 02  00 00 00 00  00 00 00 01
  00 00 00 05
  00 02 72 31`);
const EXAMPLE_A_V0 = fromHex('00 00 00 00 00 01 00 03 66 6f 6f ff ff ff ff');
const subscriptionA: Subscription = {
  topics: ['foo'],
  userData: null,
  ownedPartitions: topicPartitions({ foo: [0, 1] }),
  generationId: 5,
  rackId: 'r1',
};

describe('Example A: subscription v3 with rack', () => {
  it('encodes to the 44 bytes of the reference', () => {
    expect(EXAMPLE_A.length).toBe(44);
    expect(toHex(encodeSubscription(subscriptionA))).toBe(toHex(EXAMPLE_A));
    expect(toHex(encodeSubscription(subscriptionA, 3))).toBe(toHex(EXAMPLE_A));
    expect(CONSUMER_PROTOCOL_VERSION).toBe(3);
  });

  it('decodes from the 44 bytes of the reference', () => {
    const s = decodeSubscription(EXAMPLE_A);
    expect(s.version).toBe(3);
    expect(s.topics).toEqual(['foo']);
    expect(s.userData).toBeNull();
    expect(json(s.ownedPartitions)).toEqual({ foo: [0, 1] });
    expect(s.generationId).toBe(5);
    expect(s.rackId).toBe('r1');
  });

  it('written at v0 is the 15-byte form, and the v0 form decodes with defaults', () => {
    expect(toHex(encodeSubscription(subscriptionA, 0))).toBe(toHex(EXAMPLE_A_V0));
    const s = decodeSubscription(EXAMPLE_A_V0);
    expect(s).toEqual({
      version: 0,
      topics: ['foo'],
      userData: null,
      ownedPartitions: PackedTopicPartitions.EMPTY,
      generationId: -1,
      rackId: null,
    });
  });

  it('a v0 header over the full v3 body reads the v0 prefix and ignores the other 29 bytes', () => {
    const bytes = EXAMPLE_A.slice();
    bytes[1] = 0;
    const s = decodeSubscription(bytes);
    expect(s.version).toBe(0);
    expect(s.topics).toEqual(['foo']);
    expect(s.ownedPartitions.size).toBe(0);
    expect(s.generationId).toBe(-1);
    expect(s.rackId).toBeNull();
  });

  it('every prefix either stops on a field-group boundary (and decodes with defaults) or is a DecodeError inside the input', () => {
    const boundaries = new Map<number, { owned: number; generationId: number; rackId: string | null }>([
      [15, { owned: 0, generationId: -1, rackId: null }],
      [36, { owned: 1, generationId: -1, rackId: null }],
      [40, { owned: 1, generationId: 5, rackId: null }],
      [44, { owned: 1, generationId: 5, rackId: 'r1' }],
    ]);
    for (let n = 0; n <= EXAMPLE_A.length; n++) {
      const prefix = EXAMPLE_A.subarray(0, n);
      const expected = boundaries.get(n);
      if (expected) {
        const s = decodeSubscription(prefix);
        expect({ owned: s.ownedPartitions.size, generationId: s.generationId, rackId: s.rackId }, `prefix ${n}`).toEqual(expected);
      } else {
        const err = decodeError(() => decodeSubscription(prefix));
        expect(err.offset, `prefix ${n}`).toBeLessThanOrEqual(n);
        expect(err.field.length).toBeGreaterThan(0);
      }
    }
  });

  it('names the field of a truncation', () => {
    decodeError(() => decodeSubscription(EXAMPLE_A.subarray(0, 1)), 'version', 0);
    decodeError(() => decodeSubscription(EXAMPLE_A.subarray(0, 8)), 'topics[0]', 6);
    decodeError(() => decodeSubscription(EXAMPLE_A.subarray(0, 14)), 'userData', 11);
    decodeError(() => decodeSubscription(EXAMPLE_A.subarray(0, 17)), 'ownedPartitions', 15);
    decodeError(() => decodeSubscription(EXAMPLE_A.subarray(0, 22)), 'ownedPartitions', 15); // 1 entry needs >= 6 bytes
    decodeError(() => decodeSubscription(EXAMPLE_A.subarray(0, 26)), 'ownedPartitions[0].partitions', 24);
    // Two partitions need 8 bytes: a short body is caught at the count, not at a partition.
    decodeError(() => decodeSubscription(EXAMPLE_A.subarray(0, 34)), 'ownedPartitions[0].partitions', 24);
    decodeError(() => decodeSubscription(EXAMPLE_A.subarray(0, 38)), 'generationId', 36);
    decodeError(() => decodeSubscription(EXAMPLE_A.subarray(0, 42)), 'rackId', 40);
  });
});

// ---------------------------------------------------------------------------------------------
// §4.5 Example B: a cooperative-sticky member in generation 7; inputs unsorted.

const EXAMPLE_B_V3 = fromHex(`
  00 03
  00 00 00 02 | 00 03 62 61 72 | 00 03 66 6f 6f
  00 00 00 04 | 00 00 00 07
  00 00 00 02
  00 03 62 61 72 | 00 00 00 01 | 00 00 00 00
  00 03 66 6f 6f | 00 00 00 01 | 00 00 00 01
  00 00 00 07
  ff ff`);
const subscriptionB: Subscription = {
  topics: ['foo', 'bar'],
  userData: encodeCooperativeStickyUserData(7),
  // A plain Map in the caller's (unsorted) order: the encoder sorts it.
  ownedPartitions: new Map([
    ['foo', [1]],
    ['bar', [0]],
  ]),
  generationId: 7,
};

function withVersion(bytes: Uint8Array, version: number, dropTail: number): Uint8Array {
  const out = bytes.slice(0, bytes.length - dropTail);
  out[0] = version >> 8;
  out[1] = version & 0xff;
  return out;
}

describe('Example B: cooperative-sticky subscription at v1, v2, v3', () => {
  const forms = [
    { version: 3, bytes: EXAMPLE_B_V3, generationId: 7 },
    { version: 2, bytes: withVersion(EXAMPLE_B_V3, 2, 2), generationId: 7 },
    { version: 1, bytes: withVersion(EXAMPLE_B_V3, 1, 6), generationId: -1 },
  ];

  it('the reference bytes are 60, 58 and 54 bytes long', () => {
    expect(forms.map((f) => f.bytes.length)).toEqual([60, 58, 54]);
  });

  for (const { version, bytes, generationId } of forms) {
    it(`v${version} encodes byte-exact`, () => {
      expect(toHex(encodeSubscription(subscriptionB, version))).toBe(toHex(bytes));
    });

    it(`v${version} decodes`, () => {
      const s = decodeSubscription(bytes);
      expect(s.version).toBe(version);
      expect(s.topics).toEqual(['bar', 'foo']);
      expect(s.userData).toEqual(fromHex('00 00 00 07'));
      expect(decodeCooperativeStickyUserData(s.userData as Uint8Array)).toBe(7);
      expect(json(s.ownedPartitions)).toEqual({ bar: [0], foo: [1] });
      expect(s.generationId).toBe(generationId);
      expect(s.rackId).toBeNull();
    });
  }

  it('v0 keeps only the topics and user data', () => {
    const v0 = fromHex('00 00 | 00 00 00 02 | 00 03 62 61 72 | 00 03 66 6f 6f | 00 00 00 04 | 00 00 00 07');
    expect(toHex(encodeSubscription(subscriptionB, 0))).toBe(toHex(v0));
    const s = decodeSubscription(v0);
    expect(s.topics).toEqual(['bar', 'foo']);
    expect(s.ownedPartitions.size).toBe(0);
  });
});

// ---------------------------------------------------------------------------------------------
// §4.5 Example C and the empty assignments.

const EXAMPLE_C = fromHex(`
  00 03 | 00 00 00 02 | 00 03 66 6f 6f 00 00 00 02 00 00 00 00 00 00 00 01 |
  00 03 62 61 72 00 00 00 01 00 00 00 02 | ff ff ff ff`);

describe('Example C and empty assignments', () => {
  it('Example C encodes byte-exact from partitions listed in order of first appearance', () => {
    expect(EXAMPLE_C.length).toBe(40);
    const partitions = new Map([
      ['foo', [0, 1]],
      ['bar', [2]],
    ]);
    expect(toHex(encodeAssignment({ partitions, userData: null }))).toBe(toHex(EXAMPLE_C));
    expect(toHex(encodeAssignment({ partitions }))).toBe(toHex(EXAMPLE_C));
  });

  it('Example C decodes (into a normalized set)', () => {
    const a = decodeAssignment(EXAMPLE_C);
    expect(a.version).toBe(3);
    expect(json(a.partitions)).toEqual({ bar: [2], foo: [0, 1] });
    expect(a.userData).toBeNull();
  });

  it('a packed set is written sorted, and decodes to the same content', () => {
    const sorted = encodeAssignment({ partitions: topicPartitions({ foo: [1, 0], bar: [2] }) });
    expect(toHex(sorted)).toBe(
      toHex(fromHex('00 03 00 00 00 02 00 03 62 61 72 00 00 00 01 00 00 00 02 00 03 66 6f 6f 00 00 00 02 00 00 00 00 00 00 00 01 ff ff ff ff')),
    );
    expect(json(decodeAssignment(sorted).partitions)).toEqual(json(decodeAssignment(EXAMPLE_C).partitions));
  });

  it('empty v3 assignment with null user data (10 bytes)', () => {
    const bytes = fromHex('00 03 00 00 00 00 ff ff ff ff');
    expect(toHex(encodeAssignment({ partitions: PackedTopicPartitions.EMPTY }))).toBe(toHex(bytes));
    expect(decodeAssignment(bytes)).toEqual({ version: 3, partitions: PackedTopicPartitions.EMPTY, userData: null });
  });

  it('empty v0 assignment with zero-length user data', () => {
    const bytes = fromHex('00 00 00 00 00 00 00 00 00 00');
    expect(toHex(encodeAssignment({ partitions: new Map(), userData: new Uint8Array(0) }, 0))).toBe(toHex(bytes));
    const a = decodeAssignment(bytes);
    expect(a.version).toBe(0);
    expect(a.partitions.size).toBe(0);
    expect(a.userData).toEqual(new Uint8Array(0));
    expect(a.userData).not.toBeNull();
  });

  it('v1 and v2 assignments are the v0 body under another header', () => {
    for (const version of [0, 1, 2, 3]) {
      const bytes = encodeAssignment({ partitions: topicPartitions({ foo: [0] }) }, version);
      expect(bytes[1]).toBe(version);
      expect(toHex(bytes.subarray(2))).toBe('00 00 00 01 00 03 66 6f 6f 00 00 00 01 00 00 00 00 ff ff ff ff');
      expect(decodeAssignment(bytes).version).toBe(version);
    }
  });

  it('an assignment needs at least the header and the array (the coordinator sends empty bytes to members the leader left out)', () => {
    decodeError(() => decodeAssignment(new Uint8Array(0)), 'version', 0);
    decodeError(() => decodeAssignment(new Uint8Array(1)), 'version', 0);
    decodeError(() => decodeAssignment(fromHex('00 03')), 'partitions', 2);
    decodeError(() => decodeAssignment(fromHex('00 03 00 00 00 00')), 'userData', 6);
  });
});

// ---------------------------------------------------------------------------------------------
// §4.6 Assignor user data.

const STICKY_25 = fromHex('00 00 00 01 | 00 03 66 6f 6f | 00 00 00 02 | 00 00 00 00 | 00 00 00 01 | 00 00 00 03');

describe('sticky and cooperative-sticky user data', () => {
  it('sticky V1: assignment [foo-0, foo-1], generation 3 is 25 bytes both ways', () => {
    expect(STICKY_25.length).toBe(25);
    const encoded = encodeStickyUserData({ partitions: topicPartitions({ foo: [1, 0] }), generation: 3 });
    expect(toHex(encoded)).toBe(toHex(STICKY_25));
    expect(toHex(encodeStickyUserData({ partitions: new Map([['foo', [0, 1]]]), generation: 3 }, 1))).toBe(toHex(STICKY_25));
    const decoded = decodeStickyUserData(STICKY_25);
    expect(json(decoded.partitions)).toEqual({ foo: [0, 1] });
    expect(decoded.generation).toBe(3);
  });

  it('sticky V0 has no generation', () => {
    const v0 = STICKY_25.subarray(0, 21);
    expect(toHex(encodeStickyUserData({ partitions: topicPartitions({ foo: [0, 1] }), generation: 3 }, 0))).toBe(toHex(v0));
    const decoded = decodeStickyUserData(v0);
    expect(json(decoded.partitions)).toEqual({ foo: [0, 1] });
    expect('generation' in decoded).toBe(false);
  });

  it('sticky V1 without a generation writes -1', () => {
    const bytes = encodeStickyUserData({ partitions: topicPartitions({ foo: [0] }) });
    expect(toHex(bytes.subarray(bytes.length - 4))).toBe('ff ff ff ff');
    expect(decodeStickyUserData(bytes).generation).toBe(-1);
  });

  it('sticky user data with fewer than 4 trailing bytes reads as V0; malformed data is a DecodeError', () => {
    const withJunk = concat(STICKY_25.subarray(0, 21), fromHex('00 00'));
    expect('generation' in decodeStickyUserData(withJunk)).toBe(false);
    decodeError(() => decodeStickyUserData(new Uint8Array(0)), 'previous_assignment', 0);
    decodeError(() => decodeStickyUserData(STICKY_25.subarray(0, 10)), 'previous_assignment[0].partitions', 9);
  });

  it('sticky user data embedded in an eager member\'s v3 subscription (50 bytes)', () => {
    const bytes = fromHex(`00 03 00 00 00 01 00 03 66 6f 6f 00 00 00 19 ${toHex(STICKY_25)} 00 00 00 00 00 00 00 03 ff ff`);
    expect(bytes.length).toBe(50);
    const subscription: Subscription = {
      topics: ['foo'],
      userData: encodeStickyUserData({ partitions: topicPartitions({ foo: [0, 1] }), generation: 3 }),
      ownedPartitions: PackedTopicPartitions.EMPTY,
      generationId: 3,
      rackId: null,
    };
    expect(toHex(encodeSubscription(subscription))).toBe(toHex(bytes));
    const s = decodeSubscription(bytes);
    expect(s.topics).toEqual(['foo']);
    expect(s.ownedPartitions.size).toBe(0);
    expect(s.generationId).toBe(3);
    expect(s.rackId).toBeNull();
    expect(toHex(s.userData as Uint8Array)).toBe(toHex(STICKY_25));
    const sticky = decodeStickyUserData(s.userData as Uint8Array);
    expect(json(sticky.partitions)).toEqual({ foo: [0, 1] });
    expect(sticky.generation).toBe(3);
  });

  it('cooperative-sticky user data is one INT32', () => {
    expect(toHex(encodeCooperativeStickyUserData(5))).toBe('00 00 00 05');
    expect(toHex(encodeCooperativeStickyUserData(-1))).toBe('ff ff ff ff');
    expect(toHex(encodeCooperativeStickyUserData(0x7fffffff))).toBe('7f ff ff ff');
    expect(decodeCooperativeStickyUserData(fromHex('00 00 00 05'))).toBe(5);
    expect(decodeCooperativeStickyUserData(fromHex('ff ff ff ff'))).toBe(-1);
    expect(decodeCooperativeStickyUserData(fromHex('80 00 00 00'))).toBe(-0x80000000);
    decodeError(() => decodeCooperativeStickyUserData(fromHex('00 00 05')), 'generation', 0);
    decodeError(() => decodeCooperativeStickyUserData(new Uint8Array(0)), 'generation', 0);
  });

  it('generations that are not int32 are a UsageError, not silently wrapped', () => {
    expect(() => encodeCooperativeStickyUserData(2 ** 31)).toThrow(UsageError);
    expect(() => encodeCooperativeStickyUserData(1.5)).toThrow(UsageError);
    expect(() => encodeStickyUserData({ partitions: PackedTopicPartitions.EMPTY, generation: NaN })).toThrow(UsageError);
    expect(() => encodeSubscription({ topics: [], generationId: 2 ** 31 })).toThrow(UsageError);
    expect(() => encodeSubscription({ topics: [], generationId: -(2 ** 31) - 1 }, 2)).toThrow(UsageError);
    expect(toHex(encodeSubscription({ topics: [], generationId: -(2 ** 31) }, 2).subarray(-4))).toBe('80 00 00 00');
  });
});

// ---------------------------------------------------------------------------------------------
// Scenario 97: encodings of permuted inputs are byte-identical.

describe('scenario 97: the encoder orders topics and owned partitions', () => {
  const topics = ['zeta', 'alpha', '__proto__', 'constructor', 'Beta', 'toString', 'é', '𝔘'];
  const pairs = topics.flatMap((t, i) => [0, 3, 1, 7].slice(0, 1 + (i % 4)).map((p) => [t, p] as const));

  function shuffle<T>(xs: readonly T[], seed: number): T[] {
    const out = [...xs];
    let s = seed;
    for (let i = out.length - 1; i > 0; i--) {
      s = (Math.imul(s, 1103515245) + 12345) >>> 0;
      const j = s % (i + 1);
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  }

  function ownedFromPairs(ps: readonly (readonly [string, number])[]): Map<string, number[]> {
    const m = new Map<string, number[]>();
    for (const [t, p] of ps) {
      const list = m.get(t) ?? [];
      list.push(p);
      m.set(t, list);
    }
    return m;
  }

  it('permuting topics and owned partitions does not change the bytes', () => {
    const reference = encodeSubscription({ topics, ownedPartitions: ownedFromPairs(pairs), generationId: 9, rackId: 'rack' });
    for (let seed = 1; seed <= 50; seed++) {
      const permuted = encodeSubscription({
        topics: shuffle(topics, seed),
        ownedPartitions: ownedFromPairs(shuffle(pairs, seed * 31)),
        generationId: 9,
        rackId: 'rack',
      });
      expect(toHex(permuted)).toBe(toHex(reference));
    }
  });

  it('topics are sorted by UTF-16 code unit, as Java compares strings', () => {
    const s = decodeSubscription(encodeSubscription({ topics }));
    expect(s.topics).toEqual(['Beta', '__proto__', 'alpha', 'constructor', 'toString', 'zeta', 'é', '𝔘']);
    const owned = decodeSubscription(encodeSubscription({ topics: [], ownedPartitions: ownedFromPairs(pairs) })).ownedPartitions;
    expect([...owned.keys()]).toEqual(['Beta', '__proto__', 'alpha', 'constructor', 'toString', 'zeta', 'é', '𝔘']);
    expect(owned.get('__proto__')).toEqual([0, 1, 3]);
    expect(owned.get('constructor')).toEqual([0, 1, 3, 7]);
  });
});

// ---------------------------------------------------------------------------------------------
// Scenario 99 and the version header rules of §4.4.

describe('scenario 99 and version handling', () => {
  const extraField = fromHex('00 05 65 78 74 72 61'); // a future STRING field "extra"

  it('a version-100 subscription with a trailing field parses as v3 content', () => {
    const bytes = concat(fromHex('00 64'), EXAMPLE_A.subarray(2), extraField);
    const s = decodeSubscription(bytes);
    expect(s.version).toBe(100);
    expect(s.topics).toEqual(['foo']);
    expect(json(s.ownedPartitions)).toEqual({ foo: [0, 1] });
    expect(s.generationId).toBe(5);
    expect(s.rackId).toBe('r1');
  });

  it('a version-100 assignment with a trailing field parses as v0 content', () => {
    const bytes = concat(fromHex('00 64'), EXAMPLE_C.subarray(2), extraField);
    const a = decodeAssignment(bytes);
    expect(a.version).toBe(100);
    expect(json(a.partitions)).toEqual({ bar: [2], foo: [0, 1] });
    expect(a.userData).toBeNull();
  });

  it('a version 0x7fff is read the same way', () => {
    const s = decodeSubscription(concat(fromHex('7f ff'), EXAMPLE_A.subarray(2)));
    expect(s.version).toBe(0x7fff);
    expect(s.rackId).toBe('r1');
  });

  it('a v1 header with a v0 body (as KafkaJS writes) decodes with defaults', () => {
    const bytes = concat(fromHex('00 01'), EXAMPLE_A_V0.subarray(2));
    expect(decodeSubscription(bytes)).toEqual({
      version: 1,
      topics: ['foo'],
      userData: null,
      ownedPartitions: PackedTopicPartitions.EMPTY,
      generationId: -1,
      rackId: null,
    });
  });

  it('a v3 header with a v1 or v2 body decodes the missing fields as defaults', () => {
    const v1 = withVersion(EXAMPLE_B_V3, 3, 6);
    const v2 = withVersion(EXAMPLE_B_V3, 3, 2);
    expect(decodeSubscription(v1).generationId).toBe(-1);
    expect(json(decodeSubscription(v1).ownedPartitions)).toEqual({ bar: [0], foo: [1] });
    expect(decodeSubscription(v2).generationId).toBe(7);
    expect(decodeSubscription(v2).rackId).toBeNull();
  });

  it('a negative version is a DecodeError on field version at offset 0', () => {
    for (const header of ['ff ff', '80 00', 'ff 9c']) {
      const sub = concat(fromHex(header), EXAMPLE_A.subarray(2));
      const asg = concat(fromHex(header), EXAMPLE_C.subarray(2));
      expect(decodeError(() => decodeSubscription(sub), 'version', 0).message).toMatch(/unsupported subscription version -\d+/);
      expect(decodeError(() => decodeAssignment(asg), 'version', 0).message).toMatch(/unsupported assignment version -\d+/);
    }
  });

  it('the writer clamps versions above 3 and rejects negative or fractional ones', () => {
    expect(toHex(encodeSubscription(subscriptionA, 100))).toBe(toHex(EXAMPLE_A));
    expect(encodeAssignment({ partitions: new Map() }, 42)[1]).toBe(3);
    for (const bad of [-1, 1.5, NaN, Infinity]) {
      expect(() => encodeSubscription(subscriptionA, bad)).toThrow(UsageError);
      expect(() => encodeAssignment({ partitions: new Map() }, bad)).toThrow(UsageError);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Field-level decoding rules.

describe('field rules', () => {
  function v3(rack: string, generation: string): Uint8Array {
    return fromHex(`00 03 00 00 00 00 ff ff ff ff 00 00 00 00 ${generation} ${rack}`);
  }

  it('rackId "" decodes to null; null decodes to null', () => {
    expect(decodeSubscription(v3('00 00', '00 00 00 01')).rackId).toBeNull();
    expect(decodeSubscription(v3('ff ff', '00 00 00 01')).rackId).toBeNull();
    expect(decodeSubscription(v3('00 01 61', '00 00 00 01')).rackId).toBe('a');
  });

  it('a negative generation decodes to -1', () => {
    expect(decodeSubscription(v3('ff ff', 'ff ff ff fb')).generationId).toBe(-1);
    expect(decodeSubscription(v3('ff ff', '80 00 00 00')).generationId).toBe(-1);
    expect(decodeSubscription(v3('ff ff', 'ff ff ff ff')).generationId).toBe(-1);
    expect(decodeSubscription(v3('ff ff', '00 00 00 00')).generationId).toBe(0);
    expect(decodeSubscription(v3('ff ff', '7f ff ff ff')).generationId).toBe(0x7fffffff);
  });

  it('a negative string length other than -1 is an error; a null topic is an error', () => {
    decodeError(() => decodeSubscription(v3('ff fe', '00 00 00 01')), 'rackId', 18);
    decodeError(() => decodeSubscription(fromHex('00 00 00 00 00 01 ff ff ff ff ff ff')), 'topics[0]', 6);
  });

  it('negative array counts and byte lengths are errors at the count', () => {
    decodeError(() => decodeSubscription(fromHex('00 00 ff ff ff ff')), 'topics', 2);
    decodeError(() => decodeSubscription(fromHex('00 00 80 00 00 00')), 'topics', 2);
    decodeError(() => decodeSubscription(fromHex('00 00 00 00 00 00 ff ff ff fe')), 'userData', 6);
    decodeError(() => decodeSubscription(fromHex('00 01 00 00 00 00 ff ff ff ff ff ff ff ff')), 'ownedPartitions', 10);
    decodeError(() => decodeAssignment(fromHex('00 00 00 00 00 01 00 01 61 ff ff ff ff ff ff ff ff')), 'partitions[0].partitions', 9);
  });

  it('a negative partition id is an error naming the partition', () => {
    decodeError(() => decodeAssignment(fromHex('00 00 00 00 00 01 00 01 61 00 00 00 02 00 00 00 00 ff ff ff ff ff ff ff ff')), 'partitions[0].partitions[1]', 17);
  });

  it('a huge count is rejected at the count, before anything is read or allocated', () => {
    const err = decodeError(() => decodeSubscription(fromHex('00 00 7f ff ff ff 00 01 61')), 'topics', 2);
    expect(err.message).toMatch(/array length 2147483647 needs at least 4294967294 bytes but only 3 remain/);
    decodeError(() => decodeAssignment(fromHex('00 00 00 00 00 01 00 01 61 7f ff ff ff 00 00 00 00')), 'partitions[0].partitions', 9);
    decodeError(() => decodeSubscription(fromHex('00 00 00 00 00 00 7f ff ff ff 00')), 'userData', 6);
  });

  it('repeated topics on the wire are merged and partitions normalized', () => {
    const bytes = fromHex(`00 00 00 00 00 03
      00 01 62 00 00 00 02 00 00 00 05 00 00 00 01
      00 01 61 00 00 00 01 00 00 00 00
      00 01 62 00 00 00 02 00 00 00 01 00 00 00 03
      ff ff ff ff`);
    expect(json(decodeAssignment(bytes).partitions)).toEqual({ a: [0], b: [1, 3, 5] });
  });

  it('every wire shape of a topic-partition array decodes to the same normalized set', () => {
    const entry = (topic: string, ...ids: number[]) =>
      `00 01 ${topic.charCodeAt(0).toString(16)} ${[ids.length, ...ids].map((n) => n.toString(16).padStart(8, '0')).join('')}`;
    const asg = (...entries: string[]) => fromHex(`00 00 ${entries.length.toString(16).padStart(8, '0')} ${entries.join(' ')} ff ff ff ff`);
    const shapes = {
      canonical: asg(entry('a', 0, 4), entry('b', 1), entry('c', 2, 3)),
      topicsOutOfOrder: asg(entry('c', 2, 3), entry('a', 0, 4), entry('b', 1)),
      topicRepeated: asg(entry('a', 4), entry('c', 2, 3), entry('b', 1), entry('a', 0)),
      idsDescending: asg(entry('a', 4, 0), entry('b', 1), entry('c', 3, 2)),
      idsRepeated: asg(entry('a', 0, 0, 4, 4), entry('b', 1, 1), entry('c', 2, 3)),
      emptyTopicEntry: asg(entry('a', 0, 4), entry('z'), entry('b', 1), entry('c', 2, 3)),
    };
    for (const [shape, bytes] of Object.entries(shapes)) {
      const partitions = decodeAssignment(bytes).partitions;
      expect(json(partitions), shape).toEqual({ a: [0, 4], b: [1], c: [2, 3] });
      expect([...partitions.keys()], shape).toEqual(['a', 'b', 'c']);
      expect(partitions.hasPartition('c', 3), shape).toBe(true);
      expect(partitions.partitionCount, shape).toBe(5);
    }
  });

  it('invalid UTF-8 decodes to U+FFFD as Java does; a lone surrogate encodes as "?" as Java does', () => {
    const s = decodeSubscription(fromHex('00 00 00 00 00 01 00 02 c3 28 ff ff ff ff'));
    expect(s.topics).toEqual(['\ufffd(']);
    // Bytes 0x80-0xff never pass as Latin-1: a lone continuation byte or lead byte is U+FFFD.
    expect(decodeSubscription(fromHex('00 00 00 00 00 01 00 03 61 80 62 ff ff ff ff')).topics).toEqual(['a\ufffdb']);
    expect(decodeSubscription(fromHex('00 00 00 00 00 01 00 01 ff ff ff ff ff')).topics).toEqual(['\ufffd']);
    const encoded = encodeSubscription({ topics: ['a\ud800b', '\udc00'] }, 0);
    // Sorted by UTF-16 code unit before encoding: 'a\ud800b' < '\udc00'.
    expect(decodeSubscription(encoded).topics).toEqual(['a?b', '?']);
  });

  it('a BOM at the start of a name is kept', () => {
    const s = decodeSubscription(fromHex('00 00 00 00 00 01 00 04 ef bb bf 61 ff ff ff ff'));
    expect(s.topics).toEqual(['\ufeffa']);
  });

  it('strings over 32767 UTF-8 bytes and bad partition ids are UsageErrors', () => {
    expect(() => encodeSubscription({ topics: ['x'.repeat(32767)] })).not.toThrow();
    expect(() => encodeSubscription({ topics: ['x'.repeat(32768)] })).toThrow(UsageError);
    expect(() => encodeSubscription({ topics: ['é'.repeat(16384)] })).toThrow(UsageError);
    expect(() => encodeSubscription({ topics: [], rackId: '€'.repeat(11000) })).toThrow(UsageError);
    expect(() => encodeSubscription({ topics: [], ownedPartitions: new Map([['a', [-1]]]) })).toThrow(UsageError);
    expect(() => encodeAssignment({ partitions: new Map([['a', [2 ** 31]]]) })).toThrow(UsageError);
    expect(() => encodeAssignment({ partitions: new Map([['a', [0.5]]]) })).toThrow(UsageError);
  });

  it('fields a version lacks are dropped on encode', () => {
    const full: Subscription = { ...subscriptionA, userData: fromHex('01 02') };
    const lengths = [0, 1, 2, 3].map((v) => encodeSubscription(full, v).length);
    expect(lengths).toEqual([17, 38, 42, 46]);
  });
});

describe('decoded user data is a copy', () => {
  it('mutating the input after decoding a subscription does not change userData', () => {
    const bytes = encodeSubscription({ topics: ['t'], userData: fromHex('0a 0b 0c') });
    const s = decodeSubscription(bytes);
    const before = toHex(s.userData as Uint8Array);
    bytes.fill(0xee);
    expect(toHex(s.userData as Uint8Array)).toBe(before);
    expect(before).toBe('0a 0b 0c');
    expect((s.userData as Uint8Array).buffer).not.toBe(bytes.buffer);
  });

  it('mutating the input after decoding an assignment does not change userData', () => {
    const bytes = encodeAssignment({ partitions: topicPartitions({ t: [0] }), userData: fromHex('01 02') });
    const a = decodeAssignment(bytes);
    bytes.fill(0);
    expect(toHex(a.userData as Uint8Array)).toBe('01 02');
  });

  it('decoding reads a view at an offset inside a larger buffer', () => {
    const big = new Uint8Array(100).fill(0xaa);
    big.set(EXAMPLE_A, 37);
    const s = decodeSubscription(big.subarray(37, 37 + EXAMPLE_A.length));
    expect(s.rackId).toBe('r1');
    expect(json(s.ownedPartitions)).toEqual({ foo: [0, 1] });
  });

  it('encoding does not keep a reference to the caller\'s userData', () => {
    const userData = fromHex('01 02 03');
    const bytes = encodeSubscription({ topics: [], userData }, 0);
    userData.fill(9);
    expect(toHex(decodeSubscription(bytes).userData as Uint8Array)).toBe('01 02 03');
  });
});
