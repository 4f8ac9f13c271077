/**
 * Runtime checks of the zod schemas: valid values pass (and come out as the same values),
 * bad ones fail with an issue whose path points at the offending field.
 */
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  AssignmentSchema,
  GroupMemberSchema,
  Int32NonNegativeSchema,
  Int32Schema,
  PackedTopicPartitions,
  RebalanceProtocolSchema,
  SubscriptionSchema,
  TopicMetadataSchema,
  TopicPartitionsSchema,
  topicPartitions,
} from '../../src/protocol/index.js';

/** The paths of the issues a failed parse reports. */
function issuePaths(schema: z.ZodType, value: unknown): (string | number)[][] {
  const result = schema.safeParse(value);
  expect(result.success, `expected ${String(value)} to be rejected`).toBe(false);
  return (result.error?.issues ?? []).map((i) => i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)));
}

describe('SubscriptionSchema', () => {
  const owned = topicPartitions({ foo: [0, 1] });

  it('accepts minimal and full subscriptions', () => {
    expect(SubscriptionSchema.parse({ topics: [] })).toEqual({ topics: [] });
    const full = { topics: ['foo', '__proto__'], userData: new Uint8Array([1]), ownedPartitions: owned, generationId: -1, rackId: null };
    const parsed = SubscriptionSchema.parse(full);
    expect(parsed).toEqual(full);
    expect(parsed.ownedPartitions).toBe(owned);
    expect(SubscriptionSchema.parse({ topics: ['a'], userData: null, rackId: 'r1', generationId: 0x7fffffff, ownedPartitions: new Map([['a', [0]]]) }).rackId).toBe('r1');
    expect(SubscriptionSchema.safeParse({ topics: [], userData: Buffer.from([1, 2]) }).success).toBe(true);
  });

  it('output is frozen and unknown keys are dropped', () => {
    const parsed = SubscriptionSchema.parse({ topics: ['a'], extra: 1 });
    expect(Object.isFrozen(parsed)).toBe(true);
    expect('extra' in parsed).toBe(false);
  });

  it('rejects bad fields with their paths', () => {
    expect(issuePaths(SubscriptionSchema, {})).toEqual([['topics']]);
    expect(issuePaths(SubscriptionSchema, { topics: 'foo' })).toEqual([['topics']]);
    expect(issuePaths(SubscriptionSchema, { topics: ['a', 7] })).toEqual([['topics', 1]]);
    expect(issuePaths(SubscriptionSchema, { topics: [], userData: [1, 2] })).toEqual([['userData']]);
    expect(issuePaths(SubscriptionSchema, { topics: [], generationId: 2 ** 31 })).toEqual([['generationId']]);
    expect(issuePaths(SubscriptionSchema, { topics: [], generationId: 1.5 })).toEqual([['generationId']]);
    expect(issuePaths(SubscriptionSchema, { topics: [], rackId: 5 })).toEqual([['rackId']]);
    expect(issuePaths(SubscriptionSchema, { topics: [], ownedPartitions: { foo: [0] } })).toEqual([['ownedPartitions']]);
    expect(issuePaths(SubscriptionSchema, { topics: [], ownedPartitions: new Map([['foo', [-1]]]) })).toEqual([['ownedPartitions']]);
    expect(issuePaths(SubscriptionSchema, null)).toEqual([[]]);
  });

  it('an optional field present as undefined is rejected, as exactOptionalPropertyTypes says', () => {
    expect(issuePaths(SubscriptionSchema, { topics: [], userData: undefined })).toEqual([['userData']]);
    expect(issuePaths(SubscriptionSchema, { topics: [], rackId: undefined })).toEqual([['rackId']]);
  });

  it('reports every bad field at once', () => {
    expect(issuePaths(SubscriptionSchema, { topics: [1], generationId: 'x', rackId: 2 }).sort()).toEqual([['generationId'], ['rackId'], ['topics', 0]].sort());
  });

  it('messages are useful', () => {
    const r = SubscriptionSchema.safeParse({ topics: [], ownedPartitions: [['a', [0]]], userData: 'x' });
    const messages = r.error?.issues.map((i) => i.message) ?? [];
    expect(messages).toContain('expected a map of topic name to an array of int32 >= 0 partition ids');
    expect(messages).toContain('expected a Uint8Array');
  });
});

describe('TopicPartitionsSchema', () => {
  it('accepts Maps and packed sets, `__proto__` topics included', () => {
    expect(TopicPartitionsSchema.safeParse(new Map([['__proto__', [0]], ['constructor', []]])).success).toBe(true);
    expect(TopicPartitionsSchema.safeParse(PackedTopicPartitions.EMPTY).success).toBe(true);
    expect(TopicPartitionsSchema.safeParse(topicPartitions({ a: [0, 0x7fffffff] })).success).toBe(true);
  });

  it('rejects non-maps, non-array partition lists and bad partition ids', () => {
    for (const bad of [null, undefined, 1, 'a', [], {}, { a: [0] }, new Set(['a'])]) {
      expect(TopicPartitionsSchema.safeParse(bad).success, String(bad)).toBe(false);
    }
    for (const partitions of [[-1], [1.5], [2 ** 31], ['0'], new Set([0]), null]) {
      expect(TopicPartitionsSchema.safeParse(new Map([['a', partitions]])).success, String(partitions)).toBe(false);
    }
    expect(TopicPartitionsSchema.safeParse(new Map([[1, [0]]])).success).toBe(false);
  });
});

describe('AssignmentSchema', () => {
  it('accepts an assignment and keeps the partitions object', () => {
    const partitions = topicPartitions({ t: [1] });
    const parsed = AssignmentSchema.parse({ partitions, userData: null });
    expect(parsed.partitions).toBe(partitions);
    expect(AssignmentSchema.parse({ partitions: new Map() }).partitions.size).toBe(0);
  });

  it('rejects with paths', () => {
    expect(issuePaths(AssignmentSchema, {})).toEqual([['partitions']]);
    expect(issuePaths(AssignmentSchema, { partitions: new Map(), userData: 'abc' })).toEqual([['userData']]);
  });
});

describe('GroupMemberSchema', () => {
  it('accepts static and dynamic members', () => {
    expect(GroupMemberSchema.parse({ memberId: 'm-1', subscription: { topics: ['a'] } }).memberId).toBe('m-1');
    expect(GroupMemberSchema.parse({ memberId: '', groupInstanceId: null, subscription: { topics: [] } }).groupInstanceId).toBeNull();
    expect(GroupMemberSchema.parse({ memberId: 'm', groupInstanceId: 'i', subscription: { topics: [] } }).groupInstanceId).toBe('i');
  });

  it('reports nested paths', () => {
    expect(issuePaths(GroupMemberSchema, { memberId: 1, subscription: { topics: [] } })).toEqual([['memberId']]);
    expect(issuePaths(GroupMemberSchema, { memberId: 'm', subscription: { topics: ['a', null] } })).toEqual([['subscription', 'topics', 1]]);
    expect(issuePaths(GroupMemberSchema, { memberId: 'm', groupInstanceId: 3, subscription: { topics: [] } })).toEqual([['groupInstanceId']]);
    expect(issuePaths(GroupMemberSchema, { memberId: 'm' })).toEqual([['subscription']]);
  });
});

describe('TopicMetadataSchema', () => {
  it('accepts partition counts and racks', () => {
    expect(TopicMetadataSchema.parse({ partitions: 0 })).toEqual({ partitions: 0 });
    expect(TopicMetadataSchema.parse({ partitions: 2, partitionRacks: [['a', 'b'], []] }).partitionRacks).toEqual([['a', 'b'], []]);
  });

  it('rejects with paths', () => {
    expect(issuePaths(TopicMetadataSchema, { partitions: -1 })).toEqual([['partitions']]);
    expect(issuePaths(TopicMetadataSchema, { partitions: 1.5 })).toEqual([['partitions']]);
    expect(issuePaths(TopicMetadataSchema, { partitions: 2 ** 31 })).toEqual([['partitions']]);
    expect(issuePaths(TopicMetadataSchema, { partitions: 2, partitionRacks: [['a'], [3]] })).toEqual([['partitionRacks', 1, 0]]);
    expect(issuePaths(TopicMetadataSchema, { partitions: 2, partitionRacks: 'ab' })).toEqual([['partitionRacks']]);
  });
});

describe('RebalanceProtocolSchema and the int32 schemas', () => {
  it('rebalance protocols', () => {
    expect(RebalanceProtocolSchema.parse('EAGER')).toBe('EAGER');
    expect(RebalanceProtocolSchema.parse('COOPERATIVE')).toBe('COOPERATIVE');
    for (const bad of ['eager', 'NONE', '', 0, null]) expect(RebalanceProtocolSchema.safeParse(bad).success, String(bad)).toBe(false);
  });

  it('int32 bounds', () => {
    for (const ok of [-(2 ** 31), -1, 0, 2 ** 31 - 1]) expect(Int32Schema.safeParse(ok).success, String(ok)).toBe(true);
    for (const bad of [-(2 ** 31) - 1, 2 ** 31, 0.5, NaN, Infinity, '1']) expect(Int32Schema.safeParse(bad).success, String(bad)).toBe(false);
    expect(Int32NonNegativeSchema.safeParse(0).success).toBe(true);
    expect(Int32NonNegativeSchema.safeParse(2 ** 31 - 1).success).toBe(true);
    expect(Int32NonNegativeSchema.safeParse(-1).success).toBe(false);
  });
});
