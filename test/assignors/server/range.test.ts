// The server-side range assignor on Kafka's cases (reference §7.5, RangeAssignorTest) and its
// member order: static members first by instance id, then dynamic members by member id.
import { describe, expect, it } from 'vitest';
import { serverRangeAssignor } from '../../../src/assignors/server/range.js';
import { PartitionAssignorError } from '../../../src/assignors/server/types.js';
import { T1, T2, T3, plain, run } from './support.js';

describe('server range assignor (ASG-R)', () => {
  it('ASG-R01: a member subscribed to nothing gets an empty entry', () => {
    const { assignment } = run(serverRangeAssignor, { [T1]: 3 }, { A: { topics: [] } });
    expect([...assignment.keys()]).toEqual(['A']);
    expect(assignment.get('A')?.size).toBe(0);
  });

  it('ASG-R03: two members, two topics, same subscriptions: co-partitioned ranges', () => {
    const { assignment } = run(serverRangeAssignor, { [T1]: 3, [T3]: 2 }, { A: { topics: [T1, T3] }, B: { topics: [T1, T3] } });
    expect(plain(assignment)).toEqual({ A: { [T1]: [0, 1], [T3]: [0] }, B: { [T1]: [2], [T3]: [1] } });
  });

  it('ASG-R05: more members than partitions', () => {
    const { assignment } = run(serverRangeAssignor, { [T1]: 3, [T3]: 2 }, { A: { topics: [T1, T3] }, B: { topics: [T1, T3] }, C: { topics: [T1, T3] } });
    expect(plain(assignment)).toEqual({ A: { [T1]: [0], [T3]: [0] }, B: { [T1]: [1], [T3]: [1] }, C: { [T1]: [2] } });
  });

  it('ASG-R07: a third member joins two single-partition-each members', () => {
    const { assignment } = run(serverRangeAssignor, { [T1]: 2, [T2]: 2 }, {
      A: { topics: [T1, T2], current: { [T1]: [0], [T2]: [0] } },
      B: { topics: [T1, T2], current: { [T1]: [1], [T2]: [1] } },
      C: { topics: [T1, T2] },
    });
    expect(plain(assignment)).toEqual({ A: { [T1]: [0], [T2]: [0] }, B: { [T1]: [1], [T2]: [1] } });
  });

  it('ASG-R09: a member joins two members on two topics', () => {
    const { assignment } = run(serverRangeAssignor, { [T1]: 3, [T2]: 3 }, {
      A: { topics: [T1, T2], current: { [T1]: [0, 1], [T2]: [0, 1] } },
      B: { topics: [T1, T2], current: { [T1]: [2], [T2]: [2] } },
      C: { topics: [T1, T2] },
    });
    expect(plain(assignment)).toEqual({ A: { [T1]: [0], [T2]: [0] }, B: { [T1]: [1], [T2]: [1] }, C: { [T1]: [2], [T2]: [2] } });
  });

  it('ASG-R11: the remaining member takes everything', () => {
    const { assignment } = run(serverRangeAssignor, { [T1]: 3, [T2]: 3 }, { B: { topics: [T1, T2], current: { [T1]: [2], [T2]: [2] } } });
    expect(plain(assignment)).toEqual({ B: { [T1]: [0, 1, 2], [T2]: [0, 1, 2] } });
  });

  it('heterogeneous: each topic is split among its own subscribers only', () => {
    const { assignment } = run(serverRangeAssignor, { [T1]: 4, [T2]: 2 }, { A: { topics: [T1] }, B: { topics: [T1, T2] } });
    expect(plain(assignment)).toEqual({ A: { [T1]: [0, 1] }, B: { [T1]: [2, 3], [T2]: [0, 1] } });
  });

  it('static members come first, ordered by instance id, and keep their ranges under a new member id', () => {
    const before = run(serverRangeAssignor, { [T1]: 3 }, { a: { topics: [T1] }, z1: { topics: [T1], instanceId: 'i1' } });
    expect(plain(before.assignment)).toEqual({ a: { [T1]: [2] }, z1: { [T1]: [0, 1] } });
    const after = run(serverRangeAssignor, { [T1]: 3 }, { a: { topics: [T1] }, b0: { topics: [T1], instanceId: 'i1' } });
    expect(plain(after.assignment)).toEqual({ a: { [T1]: [2] }, b0: { [T1]: [0, 1] } });
  });

  it('a subscribed topic missing from the metadata is a PartitionAssignorError', () => {
    expect(() => run(serverRangeAssignor, {}, { A: { topics: [T1] } })).toThrow(PartitionAssignorError);
  });
});
