/**
 * Range on awkward and bad input: object-key names as topics, member ids and instance ids;
 * Kafka's tolerance (topics missing from metadata or with no partitions are skipped, a topic
 * listed twice counts once); typed errors for input no group can have; static member order.
 */
import { describe, expect, it } from 'vitest';
import { createRangeAssignor, rangeAssignor, UsageError } from '../../src/index.js';
import type { AssignInput, Assignment, GroupMember } from '../../src/index.js';

function plain(out: Map<string, Assignment>): Record<string, [string, number[]][]> {
  const obj = Object.create(null) as Record<string, [string, number[]][]>;
  for (const [id, a] of out) obj[id] = [...a.partitions].map(([t, ps]): [string, number[]] => [t, [...ps]]);
  return obj;
}

const dyn = (memberId: string, topics: string[]): GroupMember => ({ memberId, subscription: { topics } });

describe('range: names that are object keys', () => {
  const WEIRD = ['__proto__', 'constructor', 'toString'];

  it('uses them as topic names', () => {
    const topics = new Map(WEIRD.map((t) => [t, { partitions: 2 }]));
    const out = rangeAssignor.assign({ topics, members: [dyn('a', WEIRD), dyn('b', WEIRD)] });
    expect(plain(out)['a']).toEqual([
      ['__proto__', [0]],
      ['constructor', [0]],
      ['toString', [0]],
    ]);
    expect(plain(out)['b']).toEqual([
      ['__proto__', [1]],
      ['constructor', [1]],
      ['toString', [1]],
    ]);
  });

  it('uses them as member ids', () => {
    const topics = new Map([['t', { partitions: 3 }]]);
    const out = rangeAssignor.assign({ topics, members: WEIRD.map((id) => dyn(id, ['t'])) });
    expect([...out.keys()]).toEqual(['__proto__', 'constructor', 'toString']);
    expect(out.get('__proto__')?.partitions.get('t')).toEqual([0]);
    expect(out.get('constructor')?.partitions.get('t')).toEqual([1]);
    expect(out.get('toString')?.partitions.get('t')).toEqual([2]);
  });

  it('uses them as instance ids, which order static members', () => {
    const topics = new Map([['t', { partitions: 3 }]]);
    const members: GroupMember[] = [
      { memberId: 'm1', groupInstanceId: 'toString', subscription: { topics: ['t'] } },
      { memberId: 'm2', groupInstanceId: 'constructor', subscription: { topics: ['t'] } },
      { memberId: 'm3', groupInstanceId: '__proto__', subscription: { topics: ['t'] } },
    ];
    const out = rangeAssignor.assign({ topics, members });
    expect(out.get('m3')?.partitions.get('t')).toEqual([0]);
    expect(out.get('m2')?.partitions.get('t')).toEqual([1]);
    expect(out.get('m1')?.partitions.get('t')).toEqual([2]);
  });

  it('uses them as racks', () => {
    const topics = new Map([['t', { partitions: 2, partitionRacks: [['constructor'], ['__proto__']] }]]);
    const members: GroupMember[] = [
      { memberId: 'a', subscription: { topics: ['t'], rackId: '__proto__' } },
      { memberId: 'b', subscription: { topics: ['t'], rackId: 'constructor' } },
    ];
    const out = rangeAssignor.assign({ topics, members });
    expect(out.get('a')?.partitions.get('t')).toEqual([1]);
    expect(out.get('b')?.partitions.get('t')).toEqual([0]);
  });
});

describe('range: member order', () => {
  it('puts static members first, by instance id, then dynamic members by member id (UTF-16 order)', () => {
    const topics = new Map([['t', { partitions: 5 }]]);
    const members: GroupMember[] = [
      dyn('a', ['t']),
      { memberId: 'z', groupInstanceId: 'i2', subscription: { topics: ['t'] } },
      { memberId: 'y', groupInstanceId: 'i1', subscription: { topics: ['t'] } },
      dyn('B', ['t']),
      dyn('é', ['t']),
    ];
    const out = rangeAssignor.assign({ topics, members });
    // y (i1), z (i2), then B < a < é by code unit.
    expect(['y', 'z', 'B', 'a', 'é'].map((id) => out.get(id)?.partitions.get('t'))).toEqual([[0], [1], [2], [3], [4]]);
  });

  it('breaks a tie between equal instance ids (invalid, but possible input) by member id, whatever the input order', () => {
    const topics = new Map([['t', { partitions: 2 }]]);
    const a: GroupMember = { memberId: 'a', groupInstanceId: 'same', subscription: { topics: ['t'] } };
    const b: GroupMember = { memberId: 'b', groupInstanceId: 'same', subscription: { topics: ['t'] } };
    for (const members of [[a, b], [b, a]]) {
      const out = rangeAssignor.assign({ topics, members });
      expect(out.get('a')?.partitions.get('t')).toEqual([0]);
      expect(out.get('b')?.partitions.get('t')).toEqual([1]);
    }
  });

  it('treats a null instance id as dynamic and an empty client.rack as no rack', () => {
    const topics = new Map([['t', { partitions: 2, partitionRacks: [['x'], ['y']] }]]);
    const members: GroupMember[] = [
      { memberId: 'b', groupInstanceId: null, subscription: { topics: ['t'], rackId: '' } },
      { memberId: 'a', subscription: { topics: ['t'], rackId: 'y' } },
    ];
    // Only a has a rack: rack-aware mode, a takes its quota on rack y first (partition 1); b takes what is left.
    const out = rangeAssignor.assign({ topics, members });
    expect(out.get('a')?.partitions.get('t')).toEqual([1]);
    expect(out.get('b')?.partitions.get('t')).toEqual([0]);
  });
});

describe('range: racks on one side only', () => {
  it('is plain range when members have racks but the metadata has no partition racks', () => {
    const topics = new Map([['t', { partitions: 4 }]]);
    const members: GroupMember[] = [
      { memberId: 'b', subscription: { topics: ['t'], rackId: 'a' } },
      { memberId: 'a', subscription: { topics: ['t'], rackId: 'b' } },
    ];
    for (const assignor of [rangeAssignor, createRangeAssignor({ preferRackAwareLogic: true })]) {
      const out = assignor.assign({ topics, members });
      expect(out.get('a')?.partitions.get('t')).toEqual([0, 1]);
      expect(out.get('b')?.partitions.get('t')).toEqual([2, 3]);
    }
  });

  it('is plain range when partitions have racks but no member does', () => {
    const topics = new Map([['t', { partitions: 2, partitionRacks: [['b'], ['a']] }]]);
    const out = createRangeAssignor({ preferRackAwareLogic: true }).assign({ topics, members: [dyn('a', ['t']), dyn('b', ['t'])] });
    expect(out.get('a')?.partitions.get('t')).toEqual([0]);
  });
});

describe("range: Kafka's tolerance", () => {
  it('skips topics missing from metadata and topics with 0 partitions, and returns an entry for every member', () => {
    const topics = new Map([
      ['empty', { partitions: 0 }],
      ['t', { partitions: 2 }],
    ]);
    const out = rangeAssignor.assign({ topics, members: [dyn('a', ['missing', 'empty', 't']), dyn('b', ['missing']), dyn('c', [])] });
    expect(plain(out)).toEqual(Object.assign(Object.create(null), { a: [['t', [0, 1]]], b: [], c: [] }));
  });

  it('counts a topic listed twice by one member once', () => {
    const topics = new Map([['t', { partitions: 4 }]]);
    const out = rangeAssignor.assign({ topics, members: [dyn('a', ['t', 't']), dyn('b', ['t'])] });
    expect(out.get('a')?.partitions.get('t')).toEqual([0, 1]);
    expect(out.get('b')?.partitions.get('t')).toEqual([2, 3]);
  });

  it('gives nothing to members beyond the partition count', () => {
    const topics = new Map([['t', { partitions: 2 }]]);
    const out = rangeAssignor.assign({ topics, members: ['a', 'b', 'c', 'd'].map((id) => dyn(id, ['t'])) });
    expect([...out.values()].map((a) => a.partitions.size)).toEqual([1, 1, 0, 0]);
  });

  it('returns an empty map for a group with no members', () => {
    expect(rangeAssignor.assign({ topics: new Map([['t', { partitions: 3 }]]), members: [] }).size).toBe(0);
  });

  it('ignores metadata of topics nobody subscribes to, even malformed', () => {
    const topics = new Map([
      ['t', { partitions: 1 }],
      ['other', { partitions: -5 }],
    ]);
    expect(plain(rangeAssignor.assign({ topics, members: [dyn('a', ['t'])] }))['a']).toEqual([['t', [0]]]);
  });
});

describe('range: input no group can have', () => {
  const topics = new Map([['t', { partitions: 2 }]]);
  const cases: [string, AssignInput][] = [
    ['duplicate member ids', { topics, members: [dyn('a', ['t']), dyn('a', ['t'])] }],
    ['a negative partition count', { topics: new Map([['t', { partitions: -1 }]]), members: [dyn('a', ['t'])] }],
    ['a fractional partition count', { topics: new Map([['t', { partitions: 1.5 }]]), members: [dyn('a', ['t'])] }],
    ['a NaN partition count', { topics: new Map([['t', { partitions: NaN }]]), members: [dyn('a', ['t'])] }],
    ['a partition count beyond int32', { topics: new Map([['t', { partitions: 2 ** 31 }]]), members: [dyn('a', ['t'])] }],
    ['racks for the wrong number of partitions', { topics: new Map([['t', { partitions: 2, partitionRacks: [['a']] }]]), members: [dyn('a', ['t'])] }],
  ];
  for (const [what, input] of cases) {
    it(`throws UsageError for ${what}`, () => {
      expect(() => rangeAssignor.assign(input)).toThrow(UsageError);
    });
  }

  it('validates its options', () => {
    expect(() => createRangeAssignor({ preferRackAwareLogic: 'yes' as unknown as boolean })).toThrow(UsageError);
    expect(() => createRangeAssignor(null as unknown as object)).toThrow(UsageError);
  });
});

describe('range: scale', () => {
  it('handles many members of which few subscribe to each topic', () => {
    // 3,000 members; topic k is read by members k, k+1000 and k+2000 only.
    const topics = new Map(Array.from({ length: 1000 }, (_, k) => [`t${k}`, { partitions: 7 }] as const));
    const members = Array.from({ length: 3000 }, (_, i) => dyn(`m${String(i).padStart(4, '0')}`, [`t${i % 1000}`]));
    const out = rangeAssignor.assign({ topics, members });
    expect(out.get('m0000')?.partitions.get('t0')).toEqual([0, 1, 2]);
    expect(out.get('m1000')?.partitions.get('t0')).toEqual([3, 4]);
    expect(out.get('m2000')?.partitions.get('t0')).toEqual([5, 6]);
    expect(out.get('m2999')?.partitions.get('t999')).toEqual([5, 6]);
  });
});
