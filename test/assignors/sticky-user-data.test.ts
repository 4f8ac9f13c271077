/**
 * The sticky assignors' user data (byte-compatible with Java members), how each assignor reads a
 * member's previous ownership (Kafka's memberData vectors M1-M9), and the Java hashing that
 * decides Kafka's iteration orders.
 */
import { describe, expect, it } from 'vitest';
import { javaBucket, javaHashMapOrder, javaStringHash, topicPartitionHash } from '../../src/assignors/client/sticky/java-hash.js';
import { stickyLayout } from '../../src/assignors/client/sticky/layout.js';
import { cooperativeClaims, stickyClaims } from '../../src/assignors/client/sticky/member-data.js';
import { prepareInput } from '../../src/assignors/client/prepare.js';
import { cooperativeStickyAssignor, stickyAssignor } from '../../src/assignors/index.js';
import { UsageError } from '../../src/errors.js';
import { decodeStickyUserData, encodeCooperativeStickyUserData, encodeStickyUserData, topicPartitions, type GroupMember, type Subscription } from '../../src/protocol/index.js';

const hex = (b: Uint8Array | null | undefined) => (b === null || b === undefined ? null : [...b].map((x) => x.toString(16).padStart(2, '0')).join(''));
const ctx = (owned: [string, number[]][], generationId: number) => ({ topics: owned.map(([t]) => t), ownedPartitions: topicPartitions(owned), generationId });

describe('subscription user data', () => {
  it('cooperative-sticky: one INT32 generation, -1 before the first assignment (M8)', () => {
    expect(hex(cooperativeStickyAssignor.subscriptionUserData?.(ctx([], -1)))).toBe('ffffffff');
    expect(hex(cooperativeStickyAssignor.subscriptionUserData?.(ctx([['t0', [0]]], 10)))).toBe('0000000a');
  });

  it('sticky: null before the first assignment, then StickyAssignorUserData V1 of the assignment and generation', () => {
    expect(stickyAssignor.subscriptionUserData?.(ctx([], -1))).toBeNull();
    expect(hex(stickyAssignor.subscriptionUserData?.(ctx([['t0', [0, 1]]], 5)))).toBe('00000001' + '0002' + '7430' + '00000002' + '00000000' + '00000001' + '00000005');
    // A member assigned nothing at generation 3 still says so.
    expect(hex(stickyAssignor.subscriptionUserData?.(ctx([], 3)))).toBe('00000000' + '00000003');
    const decoded = decodeStickyUserData(stickyAssignor.subscriptionUserData?.(ctx([['b', [2]], ['a', [0, 1]]], 4)) as Uint8Array);
    expect([...decoded.partitions]).toEqual([
      ['a', [0, 1]],
      ['b', [2]],
    ]);
    expect(decoded.generation).toBe(4);
  });

  it('rejects a generation that is not an int32', () => {
    for (const bad of [1.5, Number.NaN, 2 ** 31]) {
      expect(() => stickyAssignor.subscriptionUserData?.(ctx([], bad))).toThrow(UsageError);
      expect(() => cooperativeStickyAssignor.subscriptionUserData?.(ctx([], bad))).toThrow(UsageError);
    }
  });
});

function claimsOf(assignor: 'sticky' | 'cooperative', topics: Record<string, number>, members: { id: string; subscription: Subscription }[]) {
  const input = { topics: new Map(Object.entries(topics).map(([t, n]) => [t, { partitions: n }])), members: members.map((m): GroupMember => ({ memberId: m.id, subscription: m.subscription })) };
  const layout = stickyLayout(prepareInput(input, 'test'));
  const claims = assignor === 'sticky' ? stickyClaims(layout) : cooperativeClaims(layout);
  return layout.members.map((m, i) => {
    const partitions: string[] = [];
    for (let k = claims.start[i] as number; k < (claims.start[i + 1] as number); k++) {
      const g = claims.partitions[k] as number;
      const t = layout.topicOf[g] as number;
      partitions.push(`${layout.topics[t]}-${g - (layout.base[t] as number)}`);
    }
    return { id: m.memberId, partitions: partitions.sort(), generation: claims.hasGeneration[i] === 1 ? claims.generation[i] : undefined };
  });
}

describe("memberData: how each assignor reads a member's previous ownership", () => {
  const topics = { topic: 3, topic1: 3, topic2: 3 };
  const all = ['topic', 'topic1', 'topic2'];
  const v1 = (owned: [string, number[]][], generation: number) => encodeStickyUserData({ partitions: topicPartitions(owned), generation });

  it('M1: sticky reads partitions and generation from V1 user data', () => {
    // (The member subscribes to all three topics: claims of topics nobody subscribes to are dropped.)
    expect(claimsOf('sticky', topics, [{ id: 'c', subscription: { topics: all, userData: v1([['topic1', [0]], ['topic2', [1]]], 1) } }])).toEqual([
      { id: 'c', partitions: ['topic1-0', 'topic2-1'], generation: 1 },
    ]);
  });

  it('M2/M3: sticky prefers its user data over owned partitions and the subscription generation', () => {
    const m2 = { topics: ['topic'], userData: v1([['topic', [1]]], 1), ownedPartitions: topicPartitions([['topic', [0]]]) };
    expect(claimsOf('sticky', topics, [{ id: 'c', subscription: m2 }])).toEqual([{ id: 'c', partitions: ['topic-1'], generation: 1 }]);
    const m3 = { topics: all, userData: v1([['topic1', [0]], ['topic2', [1]]], 0), ownedPartitions: topicPartitions([]), generationId: 1 };
    expect(claimsOf('sticky', topics, [{ id: 'c', subscription: m3 }])).toEqual([{ id: 'c', partitions: ['topic1-0', 'topic2-1'], generation: 0 }]);
  });

  it('sticky: V0 user data has no generation; no user data means nothing; garbage means nothing at generation -1', () => {
    const v0 = encodeStickyUserData({ partitions: topicPartitions([['topic', [2]]]) }, 0);
    expect(
      claimsOf('sticky', topics, [
        { id: 'a', subscription: { topics: ['topic'], userData: v0 } },
        { id: 'b', subscription: { topics: ['topic'], userData: null, ownedPartitions: topicPartitions([['topic', [1]]]) } },
        { id: 'c', subscription: { topics: ['topic'], userData: new Uint8Array([0, 0, 0, 5]) } },
        { id: 'd', subscription: { topics: ['topic'], userData: new Uint8Array(0) } },
      ]),
    ).toEqual([
      { id: 'a', partitions: ['topic-2'], generation: undefined },
      { id: 'b', partitions: [], generation: undefined },
      { id: 'c', partitions: [], generation: -1 },
      { id: 'd', partitions: [], generation: undefined },
    ]);
  });

  it("sticky: reads a Java member's bytes (topics in HashMap order, a topic repeated, unknown topics skipped)", () => {
    const name = (s: string) => [0, s.length, ...s.split('').map((c) => c.charCodeAt(0))];
    const int = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
    const bytes = new Uint8Array([...int(3), ...name('topic2'), ...int(1), ...int(2), ...name('gone'), ...int(1), ...int(0), ...name('topic2'), ...int(2), ...int(0), ...int(9), ...int(7)]);
    expect(claimsOf('sticky', topics, [{ id: 'c', subscription: { topics: ['topic2'], userData: bytes } }])).toEqual([{ id: 'c', partitions: ['topic2-0', 'topic2-2'], generation: 7 }]);
  });

  it('M4-M7: cooperative-sticky reads owned partitions, and its generation from generationId, else its user data', () => {
    const owned = topicPartitions([['topic', [0]]]);
    expect(
      claimsOf('cooperative', topics, [
        { id: 'm4', subscription: { topics: ['topic'], userData: encodeCooperativeStickyUserData(1), ownedPartitions: owned } },
        { id: 'm5', subscription: { topics: ['topic'], userData: encodeCooperativeStickyUserData(1), ownedPartitions: topicPartitions([]), generationId: 1 } },
        { id: 'm6', subscription: { topics: ['topic'], userData: encodeCooperativeStickyUserData(1), ownedPartitions: topicPartitions([]), generationId: 2 } },
        { id: 'm7', subscription: { topics: ['topic'] } },
        { id: 'm8', subscription: { topics: ['topic'], userData: new Uint8Array([1, 2]) } },
      ]),
    ).toEqual([
      { id: 'm4', partitions: ['topic-0'], generation: 1 },
      { id: 'm5', partitions: [], generation: 1 },
      { id: 'm6', partitions: [], generation: 2 },
      { id: 'm7', partitions: [], generation: undefined },
      { id: 'm8', partitions: [], generation: -1 },
    ]);
  });

  it('M9: old-protocol members (no generation field) keep what they own', () => {
    const topic1 = new Map([['topic1', { partitions: 3 }]]);
    const owned = (p: number) => topicPartitions([['topic1', [p]]]);
    for (const assignor of [stickyAssignor, cooperativeStickyAssignor]) {
      const members = [
        { memberId: 'consumer1', subscription: { topics: ['topic1'], ownedPartitions: owned(0), userData: assignor === stickyAssignor ? encodeStickyUserData({ partitions: owned(0) }, 0) : encodeCooperativeStickyUserData(1) } },
        { memberId: 'consumer2', subscription: { topics: ['topic1'], ownedPartitions: owned(1), userData: assignor === stickyAssignor ? encodeStickyUserData({ partitions: owned(1), generation: 1 }) : encodeCooperativeStickyUserData(1) } },
        { memberId: 'consumer3', subscription: { topics: ['topic1'], generationId: 2 } },
      ];
      const out = assignor.assign({ topics: topic1, members });
      expect([...out].map(([id, a]) => [id, a.partitions.get('topic1')])).toEqual([
        ['consumer1', [0]],
        ['consumer2', [1]],
        ['consumer3', [2]],
      ]);
    }
  });
});

describe('Java hashing', () => {
  it("String.hashCode and HashMap buckets of the reference's worked example", () => {
    expect(['consumer0', 'consumer1', 'consumer2', 'consumer3', 'consumer4'].map(javaStringHash)).toEqual([-421004550, -421004549, -421004548, -421004547, -421004546]);
    expect(['consumer0', 'consumer1', 'consumer2', 'consumer3', 'consumer4'].map((k) => javaBucket(javaStringHash(k), 16))).toEqual([13, 12, 11, 10, 9]);
    expect(['consumer0', 'consumer1', 'consumer2'].map((k) => javaBucket(javaStringHash(k), 4))).toEqual([1, 0, 3]);
    expect(['topic1', 'topic2'].map((k) => javaBucket(javaStringHash(k), 16))).toEqual([0, 1]);
  });

  it('a default HashMap iterates consumer1..consumer4 backwards, c0..c2 in order, whatever the insertion order', () => {
    const order = (keys: string[]) => [...javaHashMapOrder(keys)].map((i) => keys[i]);
    expect(order(['consumer1', 'consumer2', 'consumer3', 'consumer4'])).toEqual(['consumer4', 'consumer3', 'consumer2', 'consumer1']);
    expect(order(['c0', 'c1', 'c2'])).toEqual(['c0', 'c1', 'c2']);
    // 13 keys need 32 buckets.
    const many = Array.from({ length: 13 }, (_, i) => `member${i}`);
    const buckets = order(many).map((k) => javaBucket(javaStringHash(k as string), 32));
    expect(buckets).toEqual([...buckets].sort((a, b) => a - b));
  });

  it("TopicPartition.hashCode is 31 * (31 + partition) + topic.hashCode(), in int32", () => {
    expect(topicPartitionHash(javaStringHash('topic'), 0)).toBe((961 + javaStringHash('topic')) | 0);
    expect(topicPartitionHash(javaStringHash('t'), 2147483647)).toBe((Math.imul(31, -2147483618) + 116) | 0);
  });
});
