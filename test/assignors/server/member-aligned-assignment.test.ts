// The uniform assignor's array-backed output must behave as the ReadonlyMap it is typed as:
// callers outside kgroup read it with get/has/size and iterate it.
import { describe, expect, it } from 'vitest';
import { MemberAlignedAssignment } from '../../../src/assignors/server/member-aligned-assignment.js';
import { PackedTopicPartitions } from '../../../src/protocol/topic-partitions.js';

const ids = ['__proto__', 'a', 'b', 'c'];
const tp = (p: number) => PackedTopicPartitions.from(new Map([['t', [p]]]));

describe('MemberAlignedAssignment', () => {
  const out = new MemberAlignedAssignment(ids);
  out.setAt(0, tp(0));
  out.setAt(2, tp(2));
  out.setAt(2, tp(3));

  it('answers get and has by member id, including ids that are not members', () => {
    expect(out.get('__proto__')).toEqual(tp(0));
    expect(out.get('b')).toEqual(tp(3));
    expect(out.get('a')).toBeUndefined();
    expect(out.get('zzz')).toBeUndefined();
    expect(out.get('')).toBeUndefined();
    expect(out.has('b')).toBe(true);
    expect(out.has('c')).toBe(false);
  });

  it('counts and iterates only the members given a target, in member id order', () => {
    expect(out.size).toBe(2);
    expect([...out.keys()]).toEqual(['__proto__', 'b']);
    expect([...out.values()]).toEqual([tp(0), tp(3)]);
    expect([...out]).toEqual([...out.entries()]);
    const seen: string[] = [];
    out.forEach((v, k, map) => {
      expect(map).toBe(out);
      expect(v).toBe(out.get(k));
      seen.push(k);
    });
    expect(seen).toEqual(['__proto__', 'b']);
  });

  it('equals the Map with the same entries', () => {
    expect(new Map(out)).toEqual(new Map([['__proto__', tp(0)], ['b', tp(3)]]));
  });
});
