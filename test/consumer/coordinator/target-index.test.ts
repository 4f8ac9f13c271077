// The "which partitions are assigned" index is carried from one target table to the next as
// TargetAssignmentMember records are applied; it must always agree with the table itself,
// including while two targets briefly hold the same partition in the middle of a build.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyRecord } from '../../../src/consumer/coordinator/group.js';
import { targetAssignmentRecord } from '../../../src/consumer/coordinator/records.js';
import { TargetPartitionIndex } from '../../../src/consumer/coordinator/target-index.js';
import type { ConsumerGroup, ConsumerGroupRecord } from '../../../src/consumer/coordinator/types.js';
import { TopicPartitionsBuilder } from '../../../src/protocol/topic-partitions.js';

const TOPICS = ['a', 'b', '__proto__'];

const target = fc.array(fc.tuple(fc.constantFrom(...TOPICS), fc.nat({ max: 40 })), { maxLength: 12 }).map((pairs) => {
  const b = new TopicPartitionsBuilder();
  for (const [t, p] of pairs) b.add(t, p);
  return b.build();
});
const step = fc.tuple(fc.constantFrom('m1', 'm2', 'm3', 'm4'), fc.option(target, { nil: null }));

function naive(g: ConsumerGroup, topic: string, p: number): boolean {
  let held = false;
  g.targetAssignment.forEach((tp) => {
    if (tp.get(topic)?.includes(p) === true) held = true;
  });
  return held;
}

describe('target partition index', () => {
  it('agrees with the target table after every record, whether carried or built fresh', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 30 }), fc.nat({ max: 30 }), (steps, indexAt) => {
        let g: ConsumerGroup | null = null;
        steps.forEach(([memberId, tp], i) => {
          const record: ConsumerGroupRecord =
            tp === null ? { type: 'ConsumerGroupTargetAssignmentMember', groupId: 'g', memberId, value: null } : targetAssignmentRecord('g', memberId, tp);
          g = applyRecord(g, record) as ConsumerGroup;
          // From `indexAt` on, the index exists and is carried by every later record.
          if (i < indexAt) return;
          const index = TargetPartitionIndex.of(g.targetAssignment);
          for (const topic of TOPICS) for (let p = 0; p <= 41; p++) expect(index.has(topic, p)).toBe(naive(g, topic, p));
        });
      }),
      { numRuns: 200 },
    );
  });
});
