/**
 * Deterministic fuzzing of every decoder that reads bytes from a peer: random bytes and
 * mutations of valid encodings (truncations, flipped bytes, huge and negative lengths and
 * counts, insertions, deletions, splices). Nothing but a DecodeError (naming a field, with an
 * offset inside the input) may escape, and no call may allocate more elements than the input
 * has bytes: a count of 2^31-1 must be rejected before anything is allocated for it.
 *
 * Allocation is measured by wrapping the global `Array` and `Int32Array` constructors, which
 * the decoders use for every array whose size comes from the input, while the loop runs.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  DecodeError,
  decodeAssignment,
  decodeCooperativeStickyUserData,
  decodeStickyUserData,
  decodeSubscription,
  encodeAssignment,
  encodeCooperativeStickyUserData,
  encodeStickyUserData,
  encodeSubscription,
  topicPartitions,
} from '../../src/protocol/index.js';
import { concat, fromHex, prng } from './support.js';

const SEED = 0x6b67726f; // "kgro"
const INPUTS = 100_000;

// --- allocation meter -----------------------------------------------------------------------------

interface Meter {
  /** Largest element count requested from a metered constructor since the last reset. */
  peak: number;
  reset(): void;
  uninstall(): void;
}

function installMeter(): Meter {
  const originals = { Array: globalThis.Array, Int32Array: globalThis.Int32Array };
  const meter: Meter = {
    peak: 0,
    reset() {
      meter.peak = 0;
    },
    uninstall() {
      globalThis.Array = originals.Array;
      globalThis.Int32Array = originals.Int32Array;
    },
  };
  const record = (args: unknown[]) => {
    // new Array(n) / new Int32Array(n): a requested length. new Int32Array(iterable or buffer) sizes itself from real data.
    const n = args.length === 1 && typeof args[0] === 'number' ? args[0] : 0;
    if (n > meter.peak) meter.peak = n;
  };
  // newTarget is the proxy itself for `new Array(n)`; its `prototype` is forwarded to the target's.
  const wrap = <C extends object>(ctor: C): C =>
    new Proxy(ctor, {
      construct(target, args, newTarget) {
        record(args);
        return Reflect.construct(target as unknown as new (...a: unknown[]) => object, args, newTarget) as object;
      },
      apply(target, thisArg, args) {
        record(args);
        return Reflect.apply(target as unknown as (...a: unknown[]) => unknown, thisArg, args) as unknown;
      },
    });
  globalThis.Array = wrap(originals.Array);
  globalThis.Int32Array = wrap(originals.Int32Array);
  return meter;
}

let activeMeter: Meter | undefined;
afterEach(() => {
  activeMeter?.uninstall();
  activeMeter = undefined;
});

// --- corpus of valid encodings ---------------------------------------------------------------------

const TOPIC_POOL = ['a', 'foo', 'bar', '__proto__', 'constructor', 'toString', 'é', '主题', '𝔘', 'x'.repeat(70), ''];

function validCorpus(rand: () => number): Uint8Array[] {
  const pick = <T>(xs: readonly T[]): T => xs[rand() % xs.length] as T;
  const randomTopicPartitions = () => {
    const ps: { topic: string; partition: number }[] = [];
    const n = rand() % 12;
    for (let i = 0; i < n; i++) ps.push({ topic: pick(TOPIC_POOL), partition: rand() % 4 === 0 ? rand() >>> 1 : rand() % 16 });
    return topicPartitions(ps);
  };
  const randomUserData = () => (rand() % 3 === 0 ? null : Uint8Array.from({ length: rand() % 10 }, () => rand() & 0xff));
  const corpus: Uint8Array[] = [
    fromHex('00 03 00 00 00 01 00 03 66 6f 6f ff ff ff ff 00 00 00 01 00 03 66 6f 6f 00 00 00 02 00 00 00 00 00 00 00 01 00 00 00 05 00 02 72 31'),
    fromHex('00 03 00 00 00 02 00 03 66 6f 6f 00 00 00 02 00 00 00 00 00 00 00 01 00 03 62 61 72 00 00 00 01 00 00 00 02 ff ff ff ff'),
    fromHex('00 00 00 01 00 03 66 6f 6f 00 00 00 02 00 00 00 00 00 00 00 01 00 00 00 03'),
    fromHex('00 00 00 05'),
  ];
  for (let i = 0; i < 300; i++) {
    const version = rand() % 5;
    switch (i % 4) {
      case 0:
      case 1:
        corpus.push(
          encodeSubscription(
            {
              topics: Array.from({ length: rand() % 6 }, () => pick(TOPIC_POOL)),
              userData: i % 8 === 1 ? encodeStickyUserData({ partitions: randomTopicPartitions(), generation: rand() % 9 }) : randomUserData(),
              ownedPartitions: randomTopicPartitions(),
              generationId: (rand() % 20) - 2,
              rackId: pick([null, '', 'r1', 'rack-é']),
            },
            version,
          ),
        );
        break;
      case 2:
        corpus.push(encodeAssignment({ partitions: randomTopicPartitions(), userData: randomUserData() }, version));
        break;
      default:
        corpus.push(
          rand() % 2 === 0
            ? encodeStickyUserData({ partitions: randomTopicPartitions(), generation: rand() % 9 }, (rand() % 2) as 0 | 1)
            : encodeCooperativeStickyUserData((rand() % 100) - 1),
        );
    }
  }
  return corpus;
}

// --- mutations ---------------------------------------------------------------------------------------

const INT32_SPECIALS = [0x7fffffff, 0x80000000, 0xffffffff, 0xfffffffe, 0x40000000, 0x10000000, 0x00010000, 0x0000ffff, 0x00000100, 1, 0];
const INT16_SPECIALS = [0x7fff, 0xffff, 0x8000, 0xfffe, 0x0100, 0x00ff, 0x0040, 0x0001, 0];

function mutate(rand: () => number, input: Uint8Array, corpus: readonly Uint8Array[]): Uint8Array {
  let b = input;
  const rounds = 1 + (rand() % 3);
  for (let r = 0; r < rounds; r++) {
    const at = b.length === 0 ? 0 : rand() % b.length;
    switch (rand() % 9) {
      case 0: // truncate
        b = b.slice(0, b.length === 0 ? 0 : rand() % b.length);
        break;
      case 1: {
        // flip bytes
        b = b.slice();
        const flips = 1 + (rand() % 3);
        for (let k = 0; k < flips && b.length > 0; k++) {
          const i = rand() % b.length;
          b[i] = (b[i] as number) ^ (1 + (rand() % 255));
        }
        break;
      }
      case 2:
      case 3: {
        // a huge, negative or odd int32 (a count or a bytes length)
        if (b.length < 4) break;
        b = b.slice();
        const o = rand() % (b.length - 3);
        const v = rand() % 4 === 0 ? rand() : (INT32_SPECIALS[rand() % INT32_SPECIALS.length] as number);
        new DataView(b.buffer).setUint32(o, v >>> 0);
        break;
      }
      case 4: {
        // a huge or negative int16 (a version or a string length)
        if (b.length < 2) break;
        b = b.slice();
        const o = rand() % (b.length - 1);
        new DataView(b.buffer).setUint16(o, INT16_SPECIALS[rand() % INT16_SPECIALS.length] as number);
        break;
      }
      case 5: // insert random bytes
        b = concat(b.subarray(0, at), Uint8Array.from({ length: 1 + (rand() % 6) }, () => rand() & 0xff), b.subarray(at));
        break;
      case 6: // delete a range
        b = concat(b.subarray(0, at), b.subarray(Math.min(b.length, at + 1 + (rand() % 8))));
        break;
      case 7: // append junk
        b = concat(b, Uint8Array.from({ length: 1 + (rand() % 8) }, () => rand() & 0xff));
        break;
      default: {
        // splice with another valid encoding
        const other = corpus[rand() % corpus.length] as Uint8Array;
        b = concat(b.subarray(0, at), other.subarray(other.length === 0 ? 0 : rand() % other.length));
      }
    }
  }
  return b;
}

function randomBytes(rand: () => number): Uint8Array {
  const out = new Uint8Array(rand() % 80);
  for (let i = 0; i < out.length; i++) out[i] = rand() & 0xff;
  // Bias towards plausible headers so random bytes get past the version now and then.
  if (out.length >= 2 && rand() % 2 === 0) out[0] = 0;
  return out;
}

// --- the fuzz loop ------------------------------------------------------------------------------------

type Decoder = (bytes: Uint8Array) => unknown;

const DECODERS: readonly (readonly [string, Decoder])[] = [
  ['decodeSubscription', decodeSubscription],
  ['decodeAssignment', decodeAssignment],
  ['decodeStickyUserData', decodeStickyUserData],
  ['decodeCooperativeStickyUserData', decodeCooperativeStickyUserData],
];

/** Elements the decoded value holds, bounded by what the input could describe. */
function checkOutputBounded(name: string, value: unknown, length: number): string | undefined {
  if (name === 'decodeSubscription') {
    const s = value as ReturnType<typeof decodeSubscription>;
    if (s.topics.length * 2 > length) return `${s.topics.length} topics from ${length} bytes`;
    if (s.ownedPartitions.partitionCount * 4 > length) return `${s.ownedPartitions.partitionCount} owned partitions from ${length} bytes`;
    if (s.userData !== null && s.userData.length > length) return `userData longer than the input`;
    if (s.generationId < -1) return `generation ${s.generationId}`;
    if (s.rackId === '') return 'empty rack id';
  } else if (name === 'decodeAssignment') {
    const a = value as ReturnType<typeof decodeAssignment>;
    if (a.partitions.partitionCount * 4 > length) return `${a.partitions.partitionCount} partitions from ${length} bytes`;
  } else if (name === 'decodeStickyUserData') {
    const d = value as ReturnType<typeof decodeStickyUserData>;
    if (d.partitions.partitionCount * 4 > length) return `${d.partitions.partitionCount} partitions from ${length} bytes`;
  }
  return undefined;
}

interface FuzzStats {
  inputs: number;
  calls: number;
  decoded: Record<string, number>;
  /** Error fields with indexes removed, e.g. `ownedPartitions[].partitions[]`. */
  errorFields: Set<string>;
  failures: string[];
}

function runFuzz(seed: number, inputs: number, meter: Meter): FuzzStats {
  const rand = prng(seed);
  const corpus = validCorpus(rand);
  const stats: FuzzStats = { inputs: 0, calls: 0, decoded: {}, errorFields: new Set(), failures: [] };
  const fail = (msg: string, bytes: Uint8Array) => {
    if (stats.failures.length < 20) {
      let hex = '';
      for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
      stats.failures.push(`${msg}; input ${hex}`);
    }
  };
  for (let i = 0; i < inputs; i++) {
    const bytes = i % 10 === 0 ? randomBytes(rand) : mutate(rand, corpus[rand() % corpus.length] as Uint8Array, corpus);
    stats.inputs++;
    for (const [name, decode] of DECODERS) {
      stats.calls++;
      meter.reset();
      let value: unknown;
      let error: unknown;
      let ok = false;
      try {
        value = decode(bytes);
        ok = true;
      } catch (e) {
        error = e;
      }
      const peak = meter.peak;
      if (peak > bytes.length) fail(`${name} allocated ${peak} elements for ${bytes.length} bytes`, bytes);
      if (ok) {
        stats.decoded[name] = (stats.decoded[name] ?? 0) + 1;
        const problem = checkOutputBounded(name, value, bytes.length);
        if (problem !== undefined) fail(`${name}: ${problem}`, bytes);
        continue;
      }
      if (!(error instanceof DecodeError)) {
        fail(`${name} threw ${String(error)}`, bytes);
        continue;
      }
      if (typeof error.field !== 'string' || error.field.length === 0) fail(`${name}: DecodeError without a field`, bytes);
      if (!Number.isInteger(error.offset) || error.offset < 0 || error.offset > bytes.length) {
        fail(`${name}: DecodeError offset ${error.offset} outside 0..${bytes.length}`, bytes);
      }
      if (!error.message.includes(error.field)) fail(`${name}: message does not name the field`, bytes);
      stats.errorFields.add(`${name}:${error.field.replace(/\[\d+\]/g, '[]')}`);
    }
  }
  return stats;
}

describe('decoder fuzzing', () => {
  it('the allocation meter sees allocations sized from a count (control)', () => {
    const meter = (activeMeter = installMeter());
    meter.reset();
    // A naive decoder that trusts the count would do this:
    const naive = (bytes: Uint8Array) => new Int32Array(new DataView(bytes.buffer).getInt32(0) >>> 12);
    naive(fromHex('7f ff ff ff'));
    const peak = meter.peak;
    meter.reset();
    void new Array(1234);
    const arrayPeak = meter.peak;
    meter.uninstall();
    activeMeter = undefined;
    expect(peak).toBe(0x7fffffff >>> 12);
    expect(arrayPeak).toBe(1234);
    // Wrapped constructors still behave like the originals.
    expect(globalThis.Array.isArray([])).toBe(true);
  });

  it(`${INPUTS} seeded inputs through all four decoders: only DecodeError escapes, nothing is over-allocated`, () => {
    const meter = (activeMeter = installMeter());
    let stats: FuzzStats;
    try {
      stats = runFuzz(SEED, INPUTS, meter);
    } finally {
      meter.uninstall();
      activeMeter = undefined;
    }
    expect(stats.failures).toEqual([]);
    expect(stats.inputs).toBe(INPUTS);
    expect(stats.calls).toBe(INPUTS * 4);

    // The mutations reach past the header: each decoder succeeds sometimes and fails in every field.
    for (const [name] of DECODERS) expect(stats.decoded[name] ?? 0, name).toBeGreaterThan(1000);
    const expectedFields = [
      'decodeSubscription:version',
      'decodeSubscription:topics',
      'decodeSubscription:topics[]',
      'decodeSubscription:userData',
      'decodeSubscription:ownedPartitions',
      'decodeSubscription:ownedPartitions[].topic',
      'decodeSubscription:ownedPartitions[].partitions',
      'decodeSubscription:ownedPartitions[].partitions[]',
      'decodeSubscription:generationId',
      'decodeSubscription:rackId',
      'decodeAssignment:version',
      'decodeAssignment:partitions',
      'decodeAssignment:partitions[].topic',
      'decodeAssignment:partitions[].partitions',
      'decodeAssignment:partitions[].partitions[]',
      'decodeAssignment:userData',
      'decodeStickyUserData:previous_assignment',
      'decodeStickyUserData:previous_assignment[].topic',
      'decodeStickyUserData:previous_assignment[].partitions',
      'decodeStickyUserData:previous_assignment[].partitions[]',
      'decodeCooperativeStickyUserData:generation',
    ];
    expect([...stats.errorFields].sort()).toEqual(expectedFields.sort());
  });

  it('the run is deterministic: the same seed gives the same outcome', () => {
    const meter = (activeMeter = installMeter());
    let a: FuzzStats;
    let b: FuzzStats;
    try {
      a = runFuzz(SEED + 1, 2000, meter);
      b = runFuzz(SEED + 1, 2000, meter);
    } finally {
      meter.uninstall();
      activeMeter = undefined;
    }
    expect(a.decoded).toEqual(b.decoded);
    expect([...a.errorFields].sort()).toEqual([...b.errorFields].sort());
    expect(a.failures).toEqual([]);
  });

  it('a count of 2^31-1 at each array of each message is rejected at the count', () => {
    const meter = (activeMeter = installMeter());
    const huge = '7f ff ff ff';
    const cases: [Decoder, string, string, number][] = [
      [decodeSubscription, `00 00 ${huge} 00 01 61`, 'topics', 2],
      [decodeSubscription, `00 01 00 00 00 00 ff ff ff ff ${huge} 00 01 61 00 00 00 00`, 'ownedPartitions', 10],
      [decodeSubscription, `00 01 00 00 00 00 ff ff ff ff 00 00 00 01 00 01 61 ${huge} 00 00 00 00`, 'ownedPartitions[0].partitions', 17],
      [decodeSubscription, `00 00 00 00 00 00 ${huge} 00 00`, 'userData', 6],
      [decodeAssignment, `00 03 ${huge} 00 01 61 00 00 00 00`, 'partitions', 2],
      [decodeAssignment, `00 03 00 00 00 01 00 01 61 ${huge} 00 00 00 00`, 'partitions[0].partitions', 9],
      [decodeAssignment, `00 03 00 00 00 00 ${huge}`, 'userData', 6],
      [decodeStickyUserData, `${huge} 00 01 61 00 00 00 00`, 'previous_assignment', 0],
      [decodeStickyUserData, `00 00 00 01 00 01 61 ${huge}`, 'previous_assignment[0].partitions', 7],
    ];
    const seen: [string, number, number][] = [];
    try {
      for (const [decode, hex] of cases) {
        meter.reset();
        let err: unknown;
        try {
          decode(fromHex(hex));
        } catch (e) {
          err = e;
        }
        seen.push([err instanceof DecodeError ? err.field : String(err), err instanceof DecodeError ? err.offset : -1, meter.peak]);
      }
    } finally {
      meter.uninstall();
      activeMeter = undefined;
    }
    expect(seen.map(([field, offset]) => [field, offset])).toEqual(cases.map(([, , field, offset]) => [field, offset]));
    // Nothing was allocated beyond a handful of elements (the inputs are at most 26 bytes).
    for (const [, , peak] of seen) expect(peak).toBeLessThanOrEqual(26);
  });
});
