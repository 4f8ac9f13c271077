/**
 * The verifier: one test per violation kind, its options, the order of its report, the error it
 * throws, the stats helper, awkward names, and scale (Kafka's 1M-partition output; metadata that
 * claims two billion partitions).
 */
import { describe, expect, it } from 'vitest';
import {
  AssignmentError,
  KgroupError,
  PackedTopicPartitions,
  UsageError,
  assertValidAssignment,
  assignmentStats,
  rangeAssignor,
  topicPartitions,
  verifyAssignment,
} from '../../src/index.js';
import type { AssignInput, Assignment, AssignmentViolation, GroupMember, TopicPartitions } from '../../src/index.js';

const member = (memberId: string, topics: string[], owned?: Record<string, number[]>): GroupMember => ({
  memberId,
  subscription: owned === undefined ? { topics } : { topics, ownedPartitions: topicPartitions(owned) },
});
const give = (partitions: Record<string, number[]> | TopicPartitions): Assignment => ({
  partitions: partitions instanceof Map || partitions instanceof PackedTopicPartitions ? partitions : topicPartitions(partitions),
});

const topics = new Map([
  ['t', { partitions: 3 }],
  ['u', { partitions: 2 }],
]);
const input: AssignInput = { topics, members: [member('a', ['t', 'u']), member('b', ['t'])] };

describe('verifyAssignment: validity', () => {
  it('finds nothing in a valid, complete output', () => {
    const out = new Map([
      ['a', give({ t: [0], u: [0, 1] })],
      ['b', give({ t: [1, 2] })],
    ]);
    expect(verifyAssignment(input, out, { requireComplete: true, cooperative: true })).toEqual([]);
    expect(() => assertValidAssignment(input, out)).not.toThrow();
  });

  it('reports a member with no entry, and an entry for no member', () => {
    const out = new Map([
      ['a', give({})],
      ['zz', give({})],
    ]);
    expect(verifyAssignment(input, out)).toEqual([
      { kind: 'MISSING_MEMBER', memberId: 'b' },
      { kind: 'UNKNOWN_MEMBER', memberId: 'zz' },
    ]);
  });

  it('reports partitions of topics the member does not subscribe to', () => {
    const out = new Map([
      ['a', give({})],
      ['b', give({ u: [1] })],
    ]);
    expect(verifyAssignment(input, out)).toEqual([{ kind: 'UNSUBSCRIBED_TOPIC', memberId: 'b', topic: 'u', partition: 1 }]);
  });

  it('reports partitions that do not exist: unknown topic, out of range, negative, fractional, NaN, zero-partition topic', () => {
    const withEmpty: AssignInput = { topics: new Map([...topics, ['e', { partitions: 0 }]]), members: [member('a', ['t', 'x', 'e'])] };
    const raw = new Map<string, readonly number[]>([
      ['t', [3, -1, 1.5, NaN]],
      ['x', [0]],
      ['e', [0]],
    ]);
    const kinds = verifyAssignment(withEmpty, new Map([['a', { partitions: raw }]]));
    expect(kinds).toEqual([
      { kind: 'UNKNOWN_PARTITION', memberId: 'a', topic: 'e', partition: 0 },
      { kind: 'UNKNOWN_PARTITION', memberId: 'a', topic: 't', partition: -1 },
      { kind: 'UNKNOWN_PARTITION', memberId: 'a', topic: 't', partition: 1.5 },
      { kind: 'UNKNOWN_PARTITION', memberId: 'a', topic: 't', partition: 3 },
      { kind: 'UNKNOWN_PARTITION', memberId: 'a', topic: 't', partition: NaN },
      { kind: 'UNKNOWN_PARTITION', memberId: 'a', topic: 'x', partition: 0 },
    ]);
  });

  it('reports a partition given twice, naming the first owner by member id', () => {
    const three: AssignInput = { topics, members: [member('c', ['t']), member('a', ['t']), member('b', ['t'])] };
    const out = new Map([
      ['c', give({ t: [0] })],
      ['b', give({ t: [0, 1] })],
      ['a', give({ t: [0] })],
    ]);
    expect(verifyAssignment(three, out)).toEqual([
      { kind: 'DUPLICATE_PARTITION', memberId: 'b', otherMemberId: 'a', topic: 't', partition: 0 },
      { kind: 'DUPLICATE_PARTITION', memberId: 'c', otherMemberId: 'a', topic: 't', partition: 0 },
    ]);
  });

  it('reports a partition listed twice for one member (possible in a plain Map)', () => {
    const out = new Map<string, Assignment>([
      ['a', { partitions: new Map([['t', [2, 2]]]) }],
      ['b', give({})],
    ]);
    expect(verifyAssignment(input, out)).toEqual([{ kind: 'DUPLICATE_PARTITION', memberId: 'a', otherMemberId: 'a', topic: 't', partition: 2 }]);
  });

  it('throws UsageError for an input with two members of one id', () => {
    expect(() => verifyAssignment({ topics, members: [member('a', []), member('a', [])] }, new Map())).toThrow(UsageError);
  });
});

describe('verifyAssignment: requireComplete', () => {
  const out = new Map([
    ['a', give({ t: [0] })],
    ['b', give({})],
  ]);

  it('is off by default', () => {
    expect(verifyAssignment(input, out)).toEqual([]);
  });

  it('reports every subscribed, existing partition nobody got, and nothing for unsubscribed or missing topics', () => {
    const wider: AssignInput = { topics: new Map([...topics, ['other', { partitions: 5 }]]), members: [member('a', ['t', 'u', 'gone']), member('b', ['t'])] };
    expect(verifyAssignment(wider, out, { requireComplete: true })).toEqual([
      { kind: 'UNASSIGNED_PARTITION', topic: 't', partition: 1 },
      { kind: 'UNASSIGNED_PARTITION', topic: 't', partition: 2 },
      { kind: 'UNASSIGNED_PARTITION', topic: 'u', partition: 0 },
      { kind: 'UNASSIGNED_PARTITION', topic: 'u', partition: 1 },
    ]);
  });
});

describe('verifyAssignment: cooperative', () => {
  const owning: AssignInput = { topics, members: [member('a', ['t'], { t: [0, 1] }), member('b', ['t'], { t: [2] })] };

  it('reports a partition revoked from one member and assigned to another in the same round', () => {
    const out = new Map([
      ['a', give({ t: [0] })],
      ['b', give({ t: [1, 2] })],
    ]);
    expect(verifyAssignment(owning, out)).toEqual([]);
    expect(verifyAssignment(owning, out, { cooperative: true })).toEqual([
      { kind: 'COOPERATIVE_REASSIGNMENT', memberId: 'b', previousOwnerId: 'a', topic: 't', partition: 1 },
    ]);
  });

  it('accepts revoking without reassigning, and assigning what nobody owned', () => {
    const out = new Map([
      ['a', give({ t: [0] })],
      ['b', give({ t: [2] })],
    ]);
    expect(verifyAssignment(owning, out, { cooperative: true })).toEqual([]);
  });

  it('accepts a partition claimed by two members going to one of them (Kafka: not added to it)', () => {
    const claimed: AssignInput = { topics, members: [member('a', ['t'], { t: [0] }), member('b', ['t'], { t: [0] })] };
    const out = new Map([
      ['a', give({})],
      ['b', give({ t: [0] })],
    ]);
    expect(verifyAssignment(claimed, out, { cooperative: true })).toEqual([]);
  });

  it('ignores owned partitions that no longer exist', () => {
    const stale: AssignInput = { topics, members: [member('a', ['t'], { t: [7], gone: [0] }), member('b', ['t'])] };
    const out = new Map([
      ['a', give({})],
      ['b', give({ t: [0] })],
    ]);
    expect(verifyAssignment(stale, out, { cooperative: true })).toEqual([]);
  });
});

describe('verifyAssignment: report order and names', () => {
  it('sorts by kind, topic, partition and member whatever the order of the output map', () => {
    const bad = [
      ['b', give({ t: [0], u: [0] })],
      ['a', give({ t: [0], x: [9] })],
      ['q', give({})],
    ] as const;
    const expected: AssignmentViolation[] = [
      { kind: 'UNKNOWN_MEMBER', memberId: 'q' },
      { kind: 'UNSUBSCRIBED_TOPIC', memberId: 'b', topic: 'u', partition: 0 },
      { kind: 'UNKNOWN_PARTITION', memberId: 'a', topic: 'x', partition: 9 },
      { kind: 'DUPLICATE_PARTITION', memberId: 'b', otherMemberId: 'a', topic: 't', partition: 0 },
    ];
    expect(verifyAssignment(input, new Map(bad))).toEqual(expected);
    expect(verifyAssignment(input, new Map([...bad].reverse()))).toEqual(expected);
  });

  it('handles __proto__, constructor and toString as topics and member ids', () => {
    const weird: AssignInput = {
      topics: new Map([
        ['__proto__', { partitions: 1 }],
        ['constructor', { partitions: 1 }],
      ]),
      members: [member('toString', ['__proto__'], { constructor: [0] }), member('__proto__', ['constructor'])],
    };
    const out = new Map([
      ['toString', give(new Map([['__proto__', [0]]]))],
      ['__proto__', give(new Map([['constructor', [0]]]))],
    ]);
    expect(verifyAssignment(weird, out, { requireComplete: true, cooperative: true })).toEqual([
      { kind: 'COOPERATIVE_REASSIGNMENT', memberId: '__proto__', previousOwnerId: 'toString', topic: 'constructor', partition: 0 },
    ]);
  });
});

describe('AssignmentError and assertValidAssignment', () => {
  it('throws an AssignmentError with code ASSIGNMENT, every violation, and the first five in the message', () => {
    const out = new Map([
      ['a', give({ x: [0, 1, 2, 3, 4, 5, 6] })],
      ['b', give({})],
    ]);
    let caught: unknown;
    try {
      assertValidAssignment(input, out);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(AssignmentError);
    expect(caught).toBeInstanceOf(KgroupError);
    const err = caught as AssignmentError;
    expect(err.code).toBe('ASSIGNMENT');
    expect(err.name).toBe('AssignmentError');
    expect(err.violations).toHaveLength(7);
    expect(err.message).toMatch(/^7 assignment violations: member "a" got "x"-0, which does not exist; /);
    expect(err.message).toContain('"x"-4');
    expect(err.message).not.toContain('"x"-5');
    expect(err.message).toMatch(/; and 2 more$/);
  });

  it('prefixes the message with a context when given one', () => {
    const err = new AssignmentError([{ kind: 'MISSING_MEMBER', memberId: 'a' }], 'my-assignor');
    expect(err.message).toBe('my-assignor: 1 assignment violation: member "a" has no assignment');
  });
});

describe('assignmentStats', () => {
  it('gives min, max and total partitions per member, empty members included', () => {
    const out = new Map<string, Assignment>([
      ['a', give({ t: [0, 1, 2] })],
      ['b', give({})],
      ['c', { partitions: new Map([['u', [0, 1]]]) }],
    ]);
    expect(assignmentStats(out)).toEqual({ min: 0, max: 3, total: 5 });
    expect(assignmentStats(new Map())).toEqual({ min: 0, max: 0, total: 0 });
  });
});

describe('verifyAssignment: scale', () => {
  it("verifies Kafka's 1M-partition range output (500 topics x 2,000 partitions, 2,000 members), cooperatively too", () => {
    const names = Array.from({ length: 500 }, (_, t) => `t${String(t).padStart(3, '0')}`);
    const big: AssignInput = {
      topics: new Map(names.map((t) => [t, { partitions: 2000 }])),
      members: Array.from({ length: 2000 }, (_, i) => member(`c${String(i).padStart(4, '0')}`, names)),
    };
    const out = rangeAssignor.assign(big);
    expect(verifyAssignment(big, out, { requireComplete: true })).toEqual([]);
    // Everyone now owns what it got: the same output is a valid cooperative round.
    const owners: AssignInput = {
      topics: big.topics,
      members: big.members.map((m) => ({ ...m, subscription: { ...m.subscription, ownedPartitions: out.get(m.memberId)?.partitions ?? PackedTopicPartitions.EMPTY } })),
    };
    expect(verifyAssignment(owners, out, { cooperative: true })).toEqual([]);
    expect(assignmentStats(out)).toEqual({ min: 500, max: 500, total: 1_000_000 });
  });

  it('does not allocate by declared partition count: a topic claiming 2^31-1 partitions is checked sparsely', () => {
    const huge: AssignInput = { topics: new Map([['h', { partitions: 0x7fffffff }]]), members: [member('a', ['h']), member('b', ['h'])] };
    const out = new Map([
      ['a', give({ h: [0x7ffffffe] })],
      ['b', give({ h: [0x7ffffffe, 5] })],
    ]);
    expect(verifyAssignment(huge, out, { cooperative: true })).toEqual([
      { kind: 'DUPLICATE_PARTITION', memberId: 'b', otherMemberId: 'a', topic: 'h', partition: 0x7ffffffe },
    ]);
  });
});
