// Properties of the server assignors over random groups: valid (every subscribed partition to
// exactly one subscriber), balanced (uniform homogeneous: sizes within one; heterogeneous:
// within one per topic among subscribers with identical subscriptions), sticky (re-running on
// its own output changes nothing; a joining member only takes partitions, it never shuffles
// the others), deterministic (member and topic insertion order do not matter).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { serverRangeAssignor } from '../../../src/assignors/server/range.js';
import type { GroupAssignment, ServerAssignor } from '../../../src/assignors/server/types.js';
import { uniformAssignor } from '../../../src/assignors/server/uniform.js';
import { plain, problems, run, type TestMember } from './support.js';

const TOPICS = ['t0', 't1', 't2', 't3', 't4'];

const topicsArb = fc.uniqueArray(fc.constantFrom(...TOPICS), { minLength: 1, maxLength: 5 }).chain((names) =>
  fc.tuple(...names.map((n) => fc.integer({ min: 0, max: 12 }).map((c) => [n, c] as const))).map((e) => Object.fromEntries(e) as Record<string, number>),
);

function groupArb(homogeneous: boolean) {
  return topicsArb.chain((topics) => {
    const names = Object.keys(topics);
    const sub = fc.subarray(names);
    return fc.tuple(fc.constant(topics), sub, fc.array(sub, { minLength: 1, maxLength: 8 })).map(([t, shared, subs]) => {
      const members: Record<string, TestMember> = {};
      subs.forEach((s, i) => (members[`m${i}`] = { topics: homogeneous ? shared : s }));
      return { topics: t, members };
    });
  });
}

function withCurrent(members: Record<string, TestMember>, a: GroupAssignment): Record<string, TestMember> {
  const p = plain(a);
  const out: Record<string, TestMember> = {};
  for (const [id, m] of Object.entries(members)) out[id] = { ...m, current: p[id] ?? {} };
  return out;
}

function reversed(members: Record<string, TestMember>): Record<string, TestMember> {
  return Object.fromEntries(Object.entries(members).reverse().map(([id, m]) => [id, { ...m, topics: [...m.topics].reverse() }]));
}

const ASSIGNORS: [string, ServerAssignor][] = [
  ['uniform', uniformAssignor],
  ['range', serverRangeAssignor],
];

describe.each(ASSIGNORS)('%s assignor properties', (_name, assignor) => {
  it('is valid for any group', () => {
    fc.assert(
      fc.property(fc.boolean().chain(groupArb), ({ topics, members }) => {
        const r = run(assignor, topics, members);
        expect(problems(r.spec, r.describer, r.assignment)).toEqual([]);
      }),
    );
  });

  it('is deterministic: member and topic order do not matter', () => {
    fc.assert(
      fc.property(fc.boolean().chain(groupArb), ({ topics, members }) => {
        const a = run(assignor, topics, members).assignment;
        const b = run(assignor, Object.fromEntries(Object.entries(topics).reverse()), reversed(members)).assignment;
        expect(plain(b)).toEqual(plain(a));
      }),
    );
  });

  it('is stable: run again on its own output, nothing moves', () => {
    fc.assert(
      fc.property(fc.boolean().chain(groupArb), ({ topics, members }) => {
        const first = run(assignor, topics, members).assignment;
        const second = run(assignor, topics, withCurrent(members, first)).assignment;
        expect(plain(second)).toEqual(plain(first));
      }),
    );
  });
});

describe('uniform assignor balance and stickiness', () => {
  it('homogeneous: sizes differ by at most one', () => {
    fc.assert(
      fc.property(groupArb(true), ({ topics, members }) => {
        const r = run(uniformAssignor, topics, members);
        expect(problems(r.spec, r.describer, r.assignment, { balanced: true })).toEqual([]);
      }),
    );
  });

  it('heterogeneous: members with identical subscriptions differ by at most one', () => {
    fc.assert(
      fc.property(groupArb(false), ({ topics, members }) => {
        // Forced: the heterogeneous builder must also balance groups that happen to be homogeneous.
        const r = run(uniformAssignor, topics, members, 'HETEROGENEOUS');
        const bySub = new Map<string, number[]>();
        for (const [id, m] of Object.entries(members)) {
          const key = [...m.topics].sort().join(',');
          const size = [...(r.assignment.get(id)?.values() ?? [])].reduce((n, p) => n + p.length, 0);
          bySub.set(key, [...(bySub.get(key) ?? []), size]);
        }
        // Only groups where everyone shares one subscription are guaranteed perfectly balanced.
        if (bySub.size === 1) for (const s of bySub.values()) expect(Math.max(...s) - Math.min(...s)).toBeLessThanOrEqual(1);
        expect(problems(r.spec, r.describer, r.assignment)).toEqual([]);
      }),
    );
  });

  it('homogeneous: a joining member only takes partitions; nobody else gains any', () => {
    fc.assert(
      fc.property(groupArb(true), ({ topics, members }) => {
        const before = run(uniformAssignor, topics, members).assignment;
        const next = { ...withCurrent(members, before), joiner: { topics: Object.values(members)[0]?.topics ?? [] } };
        const after = plain(run(uniformAssignor, topics, next).assignment);
        const prev = plain(before);
        for (const [id, tps] of Object.entries(after)) {
          if (id === 'joiner') continue;
          for (const [t, parts] of Object.entries(tps)) for (const p of parts) expect(prev[id]?.[t] ?? []).toContain(p);
        }
      }),
    );
  });
});
