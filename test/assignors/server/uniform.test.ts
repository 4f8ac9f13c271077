// The uniform assignor on Kafka's own cases (reference §7.5: OptimizedUniformAssignmentBuilderTest
// and UniformHeterogeneousAssignmentBuilderTest), with Kafka's topic order injected for the
// homogeneous builder (Java hash-set order, reference §5.7).
import { describe, expect, it } from 'vitest';
import { PartitionAssignorError } from '../../../src/assignors/server/types.js';
import { createUniformAssignor, uniformAssignor } from '../../../src/assignors/server/uniform.js';
import { T1, T2, T3, T4, plain, problems, run } from './support.js';

// Java's HashSet<Uuid> order for these ids: {T1,T3} -> T3,T1; {T1,T2} -> T2,T1; {T1,T2,T3} -> T2,T3,T1.
const JAVA_RANK = new Map([
  [T2, 0],
  [T3, 1],
  [T1, 2],
  [T4, 3],
]);
const kafkaOrder = createUniformAssignor({ topicOrder: (a, b) => (JAVA_RANK.get(a) ?? 9) - (JAVA_RANK.get(b) ?? 9) });

describe('uniform assignor, homogeneous (ASG-U)', () => {
  it('ASG-U01: a member subscribed to nothing gets nothing', () => {
    const { assignment } = run(kafkaOrder, { [T1]: 3 }, { A: { topics: [] } });
    expect(plain(assignment)).toEqual({});
  });

  it('ASG-U03: first assignment, two members, two topics: A gives up the extra slot', () => {
    const { assignment } = run(kafkaOrder, { [T1]: 3, [T3]: 2 }, { A: { topics: [T1, T3] }, B: { topics: [T1, T3] } });
    expect(plain(assignment)).toEqual({ A: { [T3]: [0, 1] }, B: { [T1]: [0, 1, 2] } });
  });

  it('ASG-U05: an unbalanced previous assignment is evened out, keeping what fits the quota', () => {
    const { assignment } = run(kafkaOrder, { [T1]: 3, [T2]: 3 }, {
      A: { topics: [T1, T2], current: { [T1]: [0, 1], [T2]: [0, 1] } },
      B: { topics: [T1, T2], current: { [T1]: [2], [T2]: [2] } },
    });
    expect(plain(assignment)).toEqual({ A: { [T1]: [0, 1], [T2]: [0] }, B: { [T1]: [2], [T2]: [1, 2] } });
  });

  it('ASG-U07: a member joins two members on two topics', () => {
    const { assignment } = run(kafkaOrder, { [T1]: 3, [T2]: 3 }, {
      A: { topics: [T1, T2], current: { [T1]: [0, 2], [T2]: [0] } },
      B: { topics: [T1, T2], current: { [T1]: [1], [T2]: [1, 2] } },
      C: { topics: [T1, T2] },
    });
    expect(plain(assignment)).toEqual({ A: { [T1]: [0, 2] }, B: { [T1]: [1], [T2]: [1] }, C: { [T2]: [0, 2] } });
  });

  it('ASG-U09: a topic dropped from every subscription is removed', () => {
    const { assignment } = run(kafkaOrder, { [T1]: 2, [T2]: 2 }, {
      A: { topics: [T2], current: { [T1]: [0], [T2]: [0] } },
      B: { topics: [T2], current: { [T1]: [1], [T2]: [1] } },
    });
    expect(plain(assignment)).toEqual({ A: { [T2]: [0] }, B: { [T2]: [1] } });
  });

  it('ASG-U11: 100 topics x 3 partitions over 49 members is valid and balanced', () => {
    const topics: Record<string, number> = {};
    for (let i = 0; i < 100; i++) topics[`topic-${i}`] = 3;
    const members: Record<string, { topics: string[] }> = {};
    for (let i = 0; i < 49; i++) members[`member-${i}`] = { topics: Object.keys(topics) };
    const r = run(uniformAssignor, topics, members);
    expect(problems(r.spec, r.describer, r.assignment, { balanced: true })).toEqual([]);
  });

  it('an unchanged member gets back its current target object (no copy, no record)', () => {
    const r = run(uniformAssignor, { [T1]: 4 }, { A: { topics: [T1], current: { [T1]: [0, 1] } }, B: { topics: [T1], current: { [T1]: [2, 3] } } });
    expect(r.assignment.get('A')).toBe(r.spec.memberAssignment('A'));
    expect(r.assignment.get('B')).toBe(r.spec.memberAssignment('B'));
  });

  it('a subscribed topic missing from the metadata is a PartitionAssignorError', () => {
    expect(() => run(uniformAssignor, { [T1]: 3 }, { A: { topics: [T1, T2] } })).toThrow(PartitionAssignorError);
  });
});

describe('uniform assignor, heterogeneous (ASG-H)', () => {
  it('ASG-H01: members subscribed to nothing get nothing', () => {
    const { assignment } = run(uniformAssignor, { [T1]: 3 }, { A: { topics: [] }, B: { topics: [] } }, 'HETEROGENEOUS');
    expect(plain(assignment)).toEqual({});
  });

  it('ASG-H03: first assignment, two members on overlapping topics', () => {
    const { assignment } = run(uniformAssignor, { [T1]: 3, [T3]: 6 }, { A: { topics: [T1, T3] }, B: { topics: [T3] } });
    expect(plain(assignment)).toEqual({ A: { [T1]: [0, 1, 2], [T3]: [4] }, B: { [T3]: [0, 1, 2, 3, 5] } });
  });

  it('ASG-H05: an unbalanced previous assignment over three topics', () => {
    const { assignment } = run(uniformAssignor, { [T1]: 6, [T2]: 4, [T3]: 4 }, {
      A: { topics: [T1], current: { [T1]: [0, 1, 2] } },
      B: { topics: [T1, T2], current: { [T1]: [3], [T2]: [0] } },
      C: { topics: [T1, T2, T3], current: { [T1]: [4, 5], [T2]: [1, 2, 3], [T3]: [0, 1, 2, 3] } },
    });
    expect(plain(assignment)).toEqual({ A: { [T1]: [0, 1, 2, 5] }, B: { [T1]: [3], [T2]: [0, 1, 2, 3] }, C: { [T1]: [4], [T3]: [0, 1, 2, 3] } });
  });

  it('ASG-H07: a member joins while partitions are added', () => {
    const { assignment } = run(uniformAssignor, { [T1]: 6, [T2]: 7 }, {
      A: { topics: [T1], current: { [T1]: [0, 2], [T2]: [0] } },
      B: { topics: [T1, T2], current: { [T1]: [1], [T2]: [1, 2] } },
      C: { topics: [T1, T2] },
    });
    expect(plain(assignment)).toEqual({ A: { [T1]: [0, 2, 3, 4, 5] }, B: { [T1]: [1], [T2]: [1, 2, 6] }, C: { [T2]: [0, 3, 4, 5] } });
  });

  it('ASG-H09: a subscription shrinks', () => {
    const { assignment } = run(uniformAssignor, { [T1]: 3, [T2]: 5 }, {
      A: { topics: [T1], current: { [T1]: [0, 2], [T2]: [1, 3] } },
      B: { topics: [T1, T2], current: { [T1]: [1], [T2]: [0, 2, 4] } },
    });
    expect(plain(assignment)).toEqual({ A: { [T1]: [0, 1, 2] }, B: { [T2]: [0, 1, 2, 3, 4] } });
  });

  it('ASG-H11: a member without subscriptions next to one with', () => {
    const { assignment } = run(uniformAssignor, { [T1]: 3 }, { A: { topics: [T1] }, B: { topics: [] } });
    expect(plain(assignment)).toEqual({ A: { [T1]: [0, 1, 2] } });
  });

  it("Kafka's 'almost balanced' overlap stays within each topic's balance", () => {
    const { assignment, spec, describer } = run(uniformAssignor, { a: 20, b: 10 }, {
      m1: { topics: ['a'] },
      m2: { topics: ['a', 'b'] },
      m3: { topics: ['b'] },
    });
    expect(problems(spec, describer, assignment)).toEqual([]);
    const sizes = ['m1', 'm2', 'm3'].map((m) => [...(assignment.get(m)?.values() ?? [])].reduce((n, p) => n + p.length, 0));
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(2);
  });
});
