// The memos of the target table (the "which partitions are assigned" index and the by-member
// Map) are carried from one table to the next as TargetAssignmentMember records are applied;
// they must always agree with the table itself, including while two targets briefly hold the
// same partition in the middle of a build, and for older tables read after a newer one took
// over their Map.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyRecord } from '../../../src/consumer/coordinator/group.js';
import { targetAssignmentRecord } from '../../../src/consumer/coordinator/records.js';
import { TargetPartitionIndex, targetsByMember } from '../../../src/consumer/coordinator/target-index.js';
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

function entriesOf(g: ConsumerGroup): Map<string, unknown> {
  const m = new Map<string, unknown>();
  g.targetAssignment.forEach((tp, id) => m.set(id, tp));
  return m;
}

describe('targets by member', () => {
  it('equals its own table, for the newest table and for older ones read after the hand-over', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 30 }), fc.nat({ max: 30 }), fc.array(fc.nat({ max: 30 }), { maxLength: 5 }), (steps, memoAt, lookBack) => {
        const tables: ConsumerGroup[] = [];
        let g: ConsumerGroup | null = null;
        steps.forEach(([memberId, tp], i) => {
          const record: ConsumerGroupRecord =
            tp === null ? { type: 'ConsumerGroupTargetAssignmentMember', groupId: 'g', memberId: memberId === 'm4' ? '__proto__' : memberId, value: null } : targetAssignmentRecord('g', memberId === 'm4' ? '__proto__' : memberId, tp);
          g = applyRecord(g, record) as ConsumerGroup;
          tables.push(g);
          if (i < memoAt) return;
          expect(new Map(targetsByMember(g.targetAssignment))).toEqual(entriesOf(g));
          for (const back of lookBack) {
            const old = tables[Math.max(0, tables.length - 1 - back)] as ConsumerGroup;
            expect(new Map(targetsByMember(old.targetAssignment))).toEqual(entriesOf(old));
          }
        });
      }),
      { numRuns: 200 },
    );
  });
});
