/**
 * Interop with KafkaJS's ConsumerProtocol codec (AssignerProtocol.MemberMetadata and
 * MemberAssignment). KafkaJS writes only the v0 bodies, under whatever version it is given (a
 * version-1 header over a v0 body is common in the wild), and uses Buffer: bytes are converted
 * at this boundary, the codec itself only sees Uint8Array.
 */
import fc from 'fast-check';
import { AssignerProtocol } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import {
  compareStrings,
  decodeAssignment,
  decodeSubscription,
  encodeAssignment,
  encodeCooperativeStickyUserData,
  encodeSubscription,
  topicPartitions,
} from '../../src/protocol/index.js';
import { toHex } from './support.js';

const { MemberMetadata, MemberAssignment } = AssignerProtocol;

/** A Uint8Array view of a Buffer (KafkaJS slices from a pool, so keep byteOffset and length). */
const fromBuffer = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
const toBuffer = (u: Uint8Array): Buffer => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

// KafkaJS builds its assignment object with Object.assign({}, { [topic]: ... }), so a topic named
// `__proto__` would set the prototype instead of a key. Such names are tested in the KafkaJS ->
// kgroup direction only, where KafkaJS merely writes them.
const topicName = fc.oneof(
  fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 12 }).filter((t) => t !== '__proto__'),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }).filter((t) => t !== '__proto__'),
  fc.constantFrom('constructor', 'toString', 'é', '主题', '𝔘'),
);
const assignmentObject = fc.dictionary(topicName, fc.uniqueArray(fc.nat(2 ** 31 - 1), { maxLength: 8 }), { maxKeys: 6 });

describe('KafkaJS writes, kgroup reads', () => {
  it('MemberMetadata v0 and v1 (a v0 body under header 1) decode as subscriptions', () => {
    for (const version of [0, 1]) {
      const userData = Buffer.from([1, 2, 3]);
      const bytes = fromBuffer(MemberMetadata.encode({ version, topics: ['foo', '__proto__', 'bar'], userData }));
      const s = decodeSubscription(bytes);
      expect(s.version).toBe(version);
      // KafkaJS writes the topics as given; kgroup decodes them in wire order.
      expect(s.topics).toEqual(['foo', '__proto__', 'bar']);
      expect(s.userData).toEqual(new Uint8Array([1, 2, 3]));
      expect(s.ownedPartitions.size).toBe(0);
      expect(s.generationId).toBe(-1);
      expect(s.rackId).toBeNull();
    }
  });

  it('MemberMetadata without userData writes empty (not null) user data', () => {
    const s = decodeSubscription(fromBuffer(MemberMetadata.encode({ version: 0, topics: ['t'] } as never)));
    expect(s.userData).toEqual(new Uint8Array(0));
  });

  it('MemberMetadata property: any topics and user data', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(topicName, fc.constant('__proto__')), { maxLength: 8 }), fc.uint8Array({ maxLength: 16 }), fc.constantFrom(0, 1, 2, 3), (topics, userData, version) => {
        const bytes = fromBuffer(MemberMetadata.encode({ version, topics, userData: Buffer.from(userData) }));
        const s = decodeSubscription(bytes);
        expect(s.version).toBe(version);
        expect(s.topics).toEqual(topics);
        expect(s.userData).toEqual(userData);
        expect(s.generationId).toBe(-1);
      }),
      { numRuns: 300 },
    );
  });

  it('MemberAssignment decodes as an assignment', () => {
    const bytes = fromBuffer(MemberAssignment.encode({ version: 1, assignment: { foo: [2, 0], bar: [1] }, userData: Buffer.from([9]) }));
    const a = decodeAssignment(bytes);
    expect(a.version).toBe(1);
    expect(a.partitions.toJSON()).toEqual({ bar: [1], foo: [0, 2] });
    expect(a.userData).toEqual(new Uint8Array([9]));
  });

  it('MemberAssignment with a `__proto__` topic (an own key) decodes to that topic', () => {
    const assignment = JSON.parse('{"__proto__":[0,1],"constructor":[3]}') as Record<string, number[]>;
    const a = decodeAssignment(fromBuffer(MemberAssignment.encode({ version: 0, assignment, userData: Buffer.alloc(0) })));
    expect([...a.partitions.keys()]).toEqual(['__proto__', 'constructor']);
    expect(a.partitions.get('__proto__')).toEqual([0, 1]);
  });

  it('MemberAssignment property', () => {
    fc.assert(
      fc.property(assignmentObject, fc.constantFrom(0, 1, 3), (assignment, version) => {
        const a = decodeAssignment(fromBuffer(MemberAssignment.encode({ version, assignment, userData: Buffer.alloc(0) })));
        expect(a.version).toBe(version);
        expect(a.partitions.toJSON()).toEqual(topicPartitions(assignment).toJSON());
      }),
      { numRuns: 300 },
    );
  });

  it('kgroup reads KafkaJS bytes at an offset inside its Buffer pool', () => {
    // Small Buffers share a pooled ArrayBuffer: the view must respect byteOffset.
    const bytes = MemberMetadata.encode({ version: 0, topics: ['pooled'], userData: Buffer.from([7]) });
    const s = decodeSubscription(fromBuffer(bytes));
    expect(s.topics).toEqual(['pooled']);
    expect(s.userData).toEqual(new Uint8Array([7]));
  });
});

describe('kgroup writes, KafkaJS reads', () => {
  it('a v0 subscription', () => {
    const bytes = encodeSubscription({ topics: ['foo', 'bar'], userData: encodeCooperativeStickyUserData(7) }, 0);
    const m = MemberMetadata.decode(toBuffer(bytes));
    expect(m).not.toBeNull();
    expect(m?.version).toBe(0);
    expect(m?.topics).toEqual(['bar', 'foo']);
    expect(toHex(new Uint8Array(m?.userData ?? []))).toBe('00 00 00 07');
  });

  it('a v3 subscription reads as its v0 prefix', () => {
    const bytes = encodeSubscription({ topics: ['foo'], userData: new Uint8Array([1]), ownedPartitions: topicPartitions({ foo: [0] }), generationId: 4, rackId: 'r' });
    const m = MemberMetadata.decode(toBuffer(bytes));
    expect(m?.version).toBe(3);
    expect(m?.topics).toEqual(['foo']);
    expect([...(m?.userData ?? [])]).toEqual([1]);
  });

  it('a v0 subscription property', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(topicName, fc.constant('__proto__')), { maxLength: 8 }), fc.uint8Array({ maxLength: 16 }), (topics, userData) => {
        const m = MemberMetadata.decode(toBuffer(encodeSubscription({ topics, userData }, 0)));
        expect(m?.topics).toEqual([...topics].sort(compareStrings));
        expect(new Uint8Array(m?.userData ?? [])).toEqual(userData);
      }),
      { numRuns: 300 },
    );
  });

  it('a v0 assignment', () => {
    const bytes = encodeAssignment({ partitions: new Map([['foo', [0, 1]], ['bar', [2]]]) }, 0);
    const m = MemberAssignment.decode(toBuffer(bytes));
    expect(m?.version).toBe(0);
    expect(m?.assignment).toEqual({ foo: [0, 1], bar: [2] });
    // kgroup writes null user data as -1; KafkaJS reads it as null.
    expect(m?.userData).toBeNull();
  });

  it('a v0 assignment property', () => {
    fc.assert(
      fc.property(assignmentObject, fc.uint8Array({ maxLength: 8 }), (assignment, userData) => {
        const partitions = topicPartitions(assignment);
        const m = MemberAssignment.decode(toBuffer(encodeAssignment({ partitions, userData }, 0)));
        expect(m?.version).toBe(0);
        expect(m?.assignment).toEqual(partitions.toJSON());
        expect(new Uint8Array(m?.userData ?? [])).toEqual(userData);
      }),
      { numRuns: 300 },
    );
  });

  it('bytes are identical to KafkaJS for the same v0 message (sorted topics, packed partitions)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(topicName, { maxLength: 8 }), fc.uint8Array({ maxLength: 16 }), assignmentObject, (topics, userData, assignment) => {
        const sorted = [...topics].sort(compareStrings);
        const ours = encodeSubscription({ topics: sorted, userData }, 0);
        const theirs = fromBuffer(MemberMetadata.encode({ version: 0, topics: sorted, userData: Buffer.from(userData) }));
        expect(toHex(ours)).toBe(toHex(theirs));

        const packed = topicPartitions(assignment);
        const ordered = Object.fromEntries(packed.entries()) as Record<string, number[]>;
        const ourAssignment = encodeAssignment({ partitions: packed, userData }, 0);
        const theirAssignment = fromBuffer(MemberAssignment.encode({ version: 0, assignment: ordered, userData: Buffer.from(userData) }));
        // Object key order puts integer-like names first, so compare only when it kept the sorted order.
        if (Object.keys(ordered).join('\u0000') === [...packed.keys()].join('\u0000')) expect(toHex(ourAssignment)).toBe(toHex(theirAssignment));
        else expect(decodeAssignment(theirAssignment).partitions.toJSON()).toEqual(packed.toJSON());
      }),
      { numRuns: 300 },
    );
  });
});
