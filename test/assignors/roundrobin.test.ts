/**
 * roundrobin against every roundrobin vector of the fixture (Kafka's RoundRobinAssignorTest and
 * the class Javadoc), compared as exact lists: Kafka deals partitions in (topic, partition)
 * order, so its lists are sorted, as ours always are. Plus awkward names, bad input and a group
 * where most members skip most topics.
 */
import { describe, expect, it } from 'vitest';
import { createRoundRobinAssignor, roundRobinAssignor, UsageError } from '../../src/index.js';
import type { Assignment, GroupMember } from '../../src/index.js';
import { loadVectors, vectorMembers, vectorTopics } from '../support/vectors.js';

const vectors = loadVectors().filter((v) => v.assignor === 'roundrobin');

function names(a: Assignment | undefined): string[] {
  const out: string[] = [];
  a?.partitions.forEach((ps, topic) => ps.forEach((p) => out.push(`${topic}-${p}`)));
  return out;
}

const dyn = (memberId: string, topics: string[]): GroupMember => ({ memberId, subscription: { topics } });

describe('roundrobin: Kafka test vectors', () => {
  it('has the 9 roundrobin vectors of the sample', () => {
    expect(vectors.length).toBe(9);
  });

  for (const v of vectors) {
    it(`${v.id} ${v.source}`, () => {
      const out = roundRobinAssignor.assign({ topics: vectorTopics(v), members: vectorMembers(v) });
      expect(v.compare).toBe('list');
      expect([...out.keys()].sort()).toEqual(v.members.map((m) => m.id).sort());
      for (const [id, expected] of Object.entries(v.expect)) expect(names(out.get(id)), `member ${id}`).toEqual(expected);
    });
  }
});

describe('roundrobin: the assignor object', () => {
  it('is named as in Kafka, EAGER only, frozen; the factory makes an equivalent one', () => {
    expect(roundRobinAssignor.name).toBe('roundrobin');
    expect(roundRobinAssignor.supportedProtocols).toEqual(['EAGER']);
    expect(Object.isFrozen(roundRobinAssignor)).toBe(true);
    const other = createRoundRobinAssignor();
    const input = { topics: new Map([['t', { partitions: 5 }]]), members: [dyn('a', ['t']), dyn('b', ['t'])] };
    expect(other.assign(input)).toEqual(roundRobinAssignor.assign(input));
    expect(() => createRoundRobinAssignor(null as unknown as object)).toThrow(UsageError);
  });
});

describe('roundrobin: the cursor', () => {
  it('carries over between topics and skips members not subscribed', () => {
    const topics = new Map([
      ['a', { partitions: 1 }],
      ['b', { partitions: 3 }],
      ['c', { partitions: 2 }],
    ]);
    const members = [dyn('m0', ['a', 'b', 'c']), dyn('m1', ['b']), dyn('m2', ['a', 'c'])];
    const out = roundRobinAssignor.assign({ topics, members });
    // a-0 -> m0; b-0 -> m1 (cursor at m1); b-1 -> m0 (m2 skips b); b-2 -> m1; c-0 -> m2; c-1 -> m0.
    expect(names(out.get('m0'))).toEqual(['a-0', 'b-1', 'c-1']);
    expect(names(out.get('m1'))).toEqual(['b-0', 'b-2']);
    expect(names(out.get('m2'))).toEqual(['c-0']);
  });

  it('deals static members first, by instance id', () => {
    const topics = new Map([['t', { partitions: 3 }]]);
    const members: GroupMember[] = [dyn('a', ['t']), { memberId: 'z', groupInstanceId: 'i', subscription: { topics: ['t'] } }, dyn('b', ['t'])];
    const out = roundRobinAssignor.assign({ topics, members });
    expect([names(out.get('z')), names(out.get('a')), names(out.get('b'))]).toEqual([['t-0'], ['t-1'], ['t-2']]);
  });
});

describe('roundrobin: names that are object keys', () => {
  it('uses __proto__, constructor and toString as topics, member ids and instance ids', () => {
    const WEIRD = ['__proto__', 'constructor', 'toString'];
    const topics = new Map(WEIRD.map((t) => [t, { partitions: 2 }]));
    const members: GroupMember[] = WEIRD.map((id, i) => ({ memberId: id, groupInstanceId: WEIRD[2 - i] ?? null, subscription: { topics: WEIRD } }));
    const out = roundRobinAssignor.assign({ topics, members });
    // Member ids and instance ids are reversed: member '__proto__' is instance 'toString' and so on.
    // The ring goes by instance id (__proto__ < constructor < toString): members toString, constructor, __proto__.
    expect(names(out.get('toString'))).toEqual(['__proto__-0', 'constructor-1']);
    expect(names(out.get('constructor'))).toEqual(['__proto__-1', 'toString-0']);
    expect(names(out.get('__proto__'))).toEqual(['constructor-0', 'toString-1']);
  });
});

describe("roundrobin: Kafka's tolerance and bad input", () => {
  it('skips topics missing from metadata or with 0 partitions', () => {
    const topics = new Map([
      ['empty', { partitions: 0 }],
      ['t', { partitions: 1 }],
    ]);
    const out = roundRobinAssignor.assign({ topics, members: [dyn('a', ['empty', 'missing', 't']), dyn('b', [])] });
    expect(names(out.get('a'))).toEqual(['t-0']);
    expect(names(out.get('b'))).toEqual([]);
  });

  it('returns an empty map for no members (Kafka throws from its circular iterator)', () => {
    expect(roundRobinAssignor.assign({ topics: new Map([['t', { partitions: 1 }]]), members: [] }).size).toBe(0);
  });

  it('throws UsageError for duplicate member ids and impossible partition counts', () => {
    expect(() => roundRobinAssignor.assign({ topics: new Map([['t', { partitions: 1 }]]), members: [dyn('a', ['t']), dyn('a', [])] })).toThrow(UsageError);
    expect(() => roundRobinAssignor.assign({ topics: new Map([['t', { partitions: -2 }]]), members: [dyn('a', ['t'])] })).toThrow(UsageError);
    expect(() => roundRobinAssignor.assign({ topics: new Map([['t', { partitions: 0.5 }]]), members: [dyn('a', ['t'])] })).toThrow(UsageError);
  });
});

describe('roundrobin: sparse subscriptions', () => {
  it('gives each topic to its only subscriber among thousands of members', () => {
    // 5,000 members, 2,000 topics of 50 partitions; topic k is read by member 2k only. The dealing
    // walks subscribers, not the ring, so this is as cheap as a dense group of the same size.
    const topics = new Map(Array.from({ length: 2000 }, (_, k) => [`t${String(k).padStart(4, '0')}`, { partitions: 50 }] as const));
    const members = Array.from({ length: 5000 }, (_, i) => {
      const topic = `t${String(i / 2).padStart(4, '0')}`;
      return dyn(`m${String(i).padStart(4, '0')}`, i % 2 === 0 && i < 4000 ? [topic] : []);
    });
    const out = roundRobinAssignor.assign({ topics, members });
    expect(out.get('m0000')?.partitions.get('t0000')).toEqual(Array.from({ length: 50 }, (_, p) => p));
    expect(out.get('m3998')?.partitions.get('t1999')?.length).toBe(50);
    expect(out.get('m0001')?.partitions.size).toBe(0);
    expect(out.get('m4999')?.partitions.size).toBe(0);
  });
});
