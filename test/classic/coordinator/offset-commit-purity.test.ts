// A commit of many partitions updates the topic's persistent offset map once per partition, so
// it must still leave every earlier state exactly as it was (the step contract).
import { describe, expect, it } from 'vitest';
import { initialState, step } from '../../../src/classic/coordinator/index.js';
import type { ClassicCoordinatorState } from '../../../src/classic/coordinator/index.js';

function commit(state: ClassicCoordinatorState, requestId: number, partitions: readonly [number, number][]): ClassicCoordinatorState {
  return step(
    state,
    {
      type: 'request',
      api: 'OffsetCommit',
      requestId,
      apiVersion: 8,
      // A "simple" group commit: no member, generation -1.
      body: {
        groupId: 'g',
        generationIdOrMemberEpoch: -1,
        memberId: '',
        topics: [{ name: 'orders', partitions: partitions.map(([partitionIndex, committedOffset]) => ({ partitionIndex, committedOffset })) }],
      },
    },
    1_000,
  ).state;
}

describe('OffsetCommit of many partitions', () => {
  it('stores every partition and leaves the previous states untouched', () => {
    const s0 = initialState({ groupId: 'g' });
    const s1 = commit(s0, 1, [[0, 10], [1, 11], [2, 12]]);
    const before = new Map(s1.offsets.get('orders'));
    const s2 = commit(s1, 2, [[1, 21], [3, 23]]);

    expect(s0.offsets.get('orders')).toBeUndefined();
    expect(new Map([...(s1.offsets.get('orders') ?? [])].map(([p, o]) => [p, o.offset]))).toEqual(new Map([[0, 10], [1, 11], [2, 12]]));
    expect(new Map(s1.offsets.get('orders'))).toEqual(before);
    expect(new Map([...(s2.offsets.get('orders') ?? [])].map(([p, o]) => [p, o.offset]))).toEqual(
      new Map([[0, 10], [1, 21], [2, 12], [3, 23]]),
    );
    expect(s2.offsets.get('orders')).not.toBe(s1.offsets.get('orders'));
  });

  it('stores a commit of 20,000 partitions of one topic', () => {
    const partitions = Array.from({ length: 20_000 }, (_, p) => [p, p] as [number, number]);
    const s = commit(initialState({ groupId: 'g' }), 1, partitions);
    expect(s.offsets.get('orders')?.size).toBe(20_000);
  });
});
