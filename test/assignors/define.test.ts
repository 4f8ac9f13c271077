/**
 * defineAssignor: definition checks, the sorted view the assign function gets, the plain data
 * it may return, members filled in, and verification (on by default, cooperative for
 * COOPERATIVE assignors, optional completeness, `verify: false`).
 */
import { describe, expect, it } from 'vitest';
import { AssignmentError, PackedTopicPartitions, UsageError, defineAssignor, topicPartitions } from '../../src/index.js';
import type { AssignInput, AssignorDefinition, AssignorResult, GroupMember, PreparedGroup } from '../../src/index.js';

const member = (memberId: string, topics: string[], owned?: Record<string, number[]>): GroupMember => ({
  memberId,
  subscription: owned === undefined ? { topics } : { topics, ownedPartitions: topicPartitions(owned) },
});

const input: AssignInput = {
  topics: new Map([
    ['u', { partitions: 2 }],
    ['t', { partitions: 3, partitionRacks: [['a'], ['b'], ['a']] }],
    ['empty', { partitions: 0 }],
  ]),
  members: [member('b', ['t']), member('a', ['u', 't', 'missing', 'empty', 't'])],
};

/** An assignor that returns `result` whatever the input. */
const returning = (result: AssignorResult, extra: Partial<AssignorDefinition> = {}) => defineAssignor({ name: 'fixed', assign: () => result, ...extra });

function plain(out: Map<string, { partitions: ReadonlyMap<string, readonly number[]> }>): [string, [string, number[]][]][] {
  return [...out].map(([id, a]) => [id, [...a.partitions].map(([t, ps]): [string, number[]] => [t, [...ps]])]);
}

function assignmentError(fn: () => unknown): AssignmentError {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(AssignmentError);
  return caught as AssignmentError;
}

describe('defineAssignor: the definition', () => {
  const assign = () => new Map();
  const bad: [string, unknown][] = [
    ['no definition', null],
    ['an empty name', { name: '', assign }],
    ['a name that is not a string', { name: 7, assign }],
    ['no assign function', { name: 'x' }],
    ['empty supportedProtocols', { name: 'x', assign, supportedProtocols: [] }],
    ['an unknown protocol', { name: 'x', assign, supportedProtocols: ['EAGER', 'LAZY'] }],
    ['a repeated protocol', { name: 'x', assign, supportedProtocols: ['EAGER', 'EAGER'] }],
    ['supportedProtocols that is not an array', { name: 'x', assign, supportedProtocols: 'EAGER' }],
    ['a subscriptionUserData that is not a function', { name: 'x', assign, subscriptionUserData: 'no' }],
    ['a verify option that is neither boolean nor options', { name: 'x', assign, verify: 'yes' }],
  ];
  for (const [what, definition] of bad) {
    it(`rejects ${what} with UsageError`, () => {
      expect(() => defineAssignor(definition as AssignorDefinition)).toThrow(UsageError);
    });
  }

  it('makes a frozen assignor, EAGER by default, with the protocols and user data it is given', () => {
    const plainOne = defineAssignor({ name: 'mine', assign });
    expect(plainOne.name).toBe('mine');
    expect(plainOne.supportedProtocols).toEqual(['EAGER']);
    expect(Object.isFrozen(plainOne)).toBe(true);
    expect(Object.isFrozen(plainOne.supportedProtocols)).toBe(true);
    expect(plainOne.subscriptionUserData).toBeUndefined();

    const protocols = ['COOPERATIVE', 'EAGER'] as const;
    const coop = defineAssignor({ name: 'coop', assign, supportedProtocols: protocols, subscriptionUserData: (ctx) => new Uint8Array([ctx.generationId]) });
    expect(coop.supportedProtocols).toEqual(['COOPERATIVE', 'EAGER']);
    expect(coop.subscriptionUserData?.({ topics: [], ownedPartitions: PackedTopicPartitions.EMPTY, generationId: 4 })).toEqual(new Uint8Array([4]));
  });
});

describe('defineAssignor: the view assign receives', () => {
  it('has members sorted by id and the existing subscribed topics sorted, with counts, metadata and subscribers', () => {
    let seen: PreparedGroup | undefined;
    let raw: AssignInput | undefined;
    defineAssignor({
      name: 'spy',
      assign: (group, original) => {
        seen = group;
        raw = original;
        return new Map();
      },
    }).assign(input);
    expect(raw).toBe(input);
    const group = seen as PreparedGroup;
    expect(group.members.map((m) => m.memberId)).toEqual(['a', 'b']);
    expect(group.topics.map((t) => [t.name, t.partitions, t.subscribers])).toEqual([
      ['t', 3, ['a', 'b']],
      ['u', 2, ['a']],
    ]);
    expect(group.topicsByName.get('t')?.metadata.partitionRacks).toEqual([['a'], ['b'], ['a']]);
    expect(group.topicsByName.has('missing') || group.topicsByName.has('empty')).toBe(false);
    expect(Object.isFrozen(group) && Object.isFrozen(group.members) && Object.isFrozen(group.topics)).toBe(true);
  });

  it('rejects bad input with UsageError before calling assign', () => {
    let called = false;
    const a = defineAssignor({
      name: 'x',
      assign: () => {
        called = true;
        return new Map();
      },
    });
    expect(() => a.assign({ topics: input.topics, members: [member('a', []), member('a', [])] })).toThrow(UsageError);
    expect(called).toBe(false);
  });
});

describe('defineAssignor: what assign may return', () => {
  it('accepts records, entries, pairs, packed sets and assignments with user data, and fills in missing members', () => {
    const many = defineAssignor({
      name: 'shapes',
      verify: false,
      assign: () =>
        new Map<string, unknown>([
          ['a', { u: [1, 0], t: [0] }],
          ['b', [['t', [2, 1]]]],
          ['c', [{ topic: 't', partition: 0 }]],
          ['d', topicPartitions({ u: [1] })],
          ['e', { partitions: new Map([['u', [0]]]), userData: new Uint8Array([1, 2]) }],
          ['f', { partitions: [{ topic: 'u', partition: 1 }] }],
        ]) as AssignorResult,
    });
    const members = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((id) => member(id, ['t', 'u']));
    const out = many.assign({ topics: input.topics, members });
    expect(plain(out)).toEqual([
      ['a', [['t', [0]], ['u', [0, 1]]]],
      ['b', [['t', [1, 2]]]],
      ['c', [['t', [0]]]],
      ['d', [['u', [1]]]],
      ['e', [['u', [0]]]],
      ['f', [['u', [1]]]],
      ['g', []],
    ]);
    expect(out.get('e')?.userData).toEqual(new Uint8Array([1, 2]));
    expect(out.get('a')?.partitions).toBeInstanceOf(PackedTopicPartitions);
  });

  it('reads { partitions: [numbers] } as a topic named "partitions"', () => {
    const topics = new Map([['partitions', { partitions: 2 }]]);
    const out = returning(new Map([['a', { partitions: [1] }]])).assign({ topics, members: [member('a', ['partitions'])] });
    expect(plain(out)).toEqual([['a', [['partitions', [1]]]]]);
  });

  it('handles __proto__, constructor and toString as member ids and topics', () => {
    const topics = new Map([
      ['__proto__', { partitions: 1 }],
      ['toString', { partitions: 1 }],
    ]);
    const members = [member('constructor', ['__proto__', 'toString']), member('__proto__', ['toString'])];
    const echo = defineAssignor({
      name: 'echo',
      assign: (group) =>
        new Map([
          ['constructor', new Map([['__proto__', [0]]])],
          ['__proto__', new Map([[group.topics[1]?.name ?? '', [0]]])],
        ]),
    });
    expect(plain(echo.assign({ topics, members }))).toEqual([
      ['__proto__', [['toString', [0]]]],
      ['constructor', [['__proto__', [0]]]],
    ]);
  });

  it('rejects a result that is not a Map, and member values that are not partitions, with UsageError', () => {
    const members = [member('a', ['t'])];
    expect(() => returning({ a: { t: [0] } } as unknown as AssignorResult).assign({ topics: input.topics, members })).toThrow(UsageError);
    expect(() => returning(new Map([['a', 5 as unknown as []]])).assign({ topics: input.topics, members })).toThrow(UsageError);
    expect(() => returning(new Map([['a', { t: 'x' } as unknown as []]])).assign({ topics: input.topics, members })).toThrow(UsageError);
    expect(() => returning(new Map([['a', { partitions: { t: [0] }, userData: 'x' } as unknown as []]])).assign({ topics: input.topics, members })).toThrow(
      UsageError,
    );
  });
});

describe('defineAssignor: verification', () => {
  const members = [member('a', ['t']), member('b', ['t', 'u'])];
  const group = { topics: input.topics, members };

  it('throws an AssignmentError naming the assignor and the violation', () => {
    const err = assignmentError(() => returning(new Map([['a', { u: [0] }]])).assign(group));
    expect(err.violations).toEqual([{ kind: 'UNSUBSCRIBED_TOPIC', memberId: 'a', topic: 'u', partition: 0 }]);
    expect(err.message).toMatch(/^fixed: 1 assignment violation: member "a" got "u"-0/);
  });

  it('reports duplicates, unknown members and partitions out of range', () => {
    const err = assignmentError(() =>
      returning(
        new Map([
          ['a', { t: [0, 9] }],
          ['b', { t: [0] }],
          ['z', {}],
        ]),
      ).assign(group),
    );
    expect(err.violations.map((v) => v.kind)).toEqual(['UNKNOWN_MEMBER', 'UNKNOWN_PARTITION', 'DUPLICATE_PARTITION']);
  });

  it('reports partition ids that are not int32 >= 0 even with verify: false (they cannot be represented)', () => {
    const err = assignmentError(() => returning(new Map([['a', { t: [-1, 1.5] }]]), { verify: false }).assign(group));
    expect(err.violations).toEqual([
      { kind: 'UNKNOWN_PARTITION', memberId: 'a', topic: 't', partition: -1 },
      { kind: 'UNKNOWN_PARTITION', memberId: 'a', topic: 't', partition: 1.5 },
    ]);
  });

  it('skips the checks with verify: false, keeping entries for unknown members as returned', () => {
    const out = returning(
      new Map([
        ['a', { u: [0] }],
        ['z', { t: [1] }],
      ]),
      { verify: false },
    ).assign(group);
    expect(plain(out)).toEqual([
      ['a', [['u', [0]]]],
      ['b', []],
      ['z', [['t', [1]]]],
    ]);
  });

  it('checks completeness when asked to', () => {
    const partial = new Map([['a', { t: [0, 1, 2] }]]);
    expect(() => returning(partial).assign(group)).not.toThrow();
    const err = assignmentError(() => returning(partial, { verify: { requireComplete: true } }).assign(group));
    expect(err.violations).toEqual([
      { kind: 'UNASSIGNED_PARTITION', topic: 'u', partition: 0 },
      { kind: 'UNASSIGNED_PARTITION', topic: 'u', partition: 1 },
    ]);
  });

  it("applies Kafka's cooperative rule by default to assignors that support COOPERATIVE", () => {
    const owning = { topics: input.topics, members: [member('a', ['t'], { t: [0] }), member('b', ['t'])] };
    const moving = new Map([['b', { t: [0] }]]);
    expect(() => returning(moving).assign(owning)).not.toThrow();
    const coop = { supportedProtocols: ['COOPERATIVE', 'EAGER'] as const };
    const err = assignmentError(() => returning(moving, coop).assign(owning));
    expect(err.violations).toEqual([{ kind: 'COOPERATIVE_REASSIGNMENT', memberId: 'b', previousOwnerId: 'a', topic: 't', partition: 0 }]);
    expect(() => returning(moving, { ...coop, verify: { cooperative: false } }).assign(owning)).not.toThrow();
  });
});
