// Each member step copies its state field by field (a spread is several times slower at this
// size): a field left out of that copy would silently vanish after the first step.
import { describe, expect, it } from 'vitest';
import { initialClassicMemberState, stepClassicMember } from '../src/classic/member/index.js';
import { rangeAssignor } from '../src/assignors/index.js';
import { initialConsumerMemberState, stepConsumerMember } from '../src/consumer/member/index.js';

describe('member state copies', () => {
  it('a KIP-848 member keeps every field through a step, and only the clock moves on a tick', () => {
    const s0 = stepConsumerMember(initialConsumerMemberState({ groupId: 'g', memberId: 'm1' }), { type: 'subscribe', topics: ['t'] }, 0).state;
    const s1 = stepConsumerMember(s0, { type: 'tick' }, 0).state;
    expect(Object.keys(s1).sort()).toEqual(Object.keys(s0).sort());
    expect(s1).toEqual(s0);
    expect(Object.isFrozen(s1)).toBe(true);
  });

  it('a classic member keeps every field through a step, and only the clock moves on a tick', () => {
    const s0 = stepClassicMember(initialClassicMemberState({ groupId: 'g', assignors: [rangeAssignor] }), { type: 'subscribe', topics: ['t'] }, 0).state;
    const s1 = stepClassicMember(s0, { type: 'tick' }, 0).state;
    expect(Object.keys(s1).sort()).toEqual(Object.keys(s0).sort());
    expect(s1).toEqual(s0);
    expect(Object.isFrozen(s1)).toBe(true);
  });
});
