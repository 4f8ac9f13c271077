// The sorted member ids are carried from one member table to the next as member records add,
// update and remove members; they must always equal the table's own ids, sorted.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyRecord, newMember } from '../../../src/consumer/coordinator/group.js';
import { sortedMemberIds } from '../../../src/consumer/coordinator/member-order.js';
import { memberMetadataRecord } from '../../../src/consumer/coordinator/records.js';
import type { ConsumerGroup, ConsumerGroupRecord } from '../../../src/consumer/coordinator/types.js';

const IDS = ['b', 'a', '__proto__', 'c', 'ab', ''];

describe('sorted member ids', () => {
  it('equal the member table sorted, after every record, whether carried or sorted fresh', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...IDS), fc.constantFrom('join', 'update', 'leave')), { maxLength: 40 }), fc.nat({ max: 40 }), (steps, sortAt) => {
        let g: ConsumerGroup | null = null;
        steps.forEach(([id, op], i) => {
          const record: ConsumerGroupRecord =
            op === 'leave'
              ? { type: 'ConsumerGroupMemberMetadata', groupId: 'g', memberId: id, value: null }
              : memberMetadataRecord('g', { ...newMember(id), clientId: `${op}-${i}` });
          g = (applyRecord(g, record) as ConsumerGroup | null) ?? g;
          if (g === null || i < sortAt) return;
          expect(sortedMemberIds(g.members)).toEqual([...g.members.keys()].sort());
        });
      }),
      { numRuns: 300 },
    );
  });
});
