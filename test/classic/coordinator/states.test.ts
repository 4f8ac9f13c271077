// The transition table is Kafka's (ClassicGroupState.validPreviousStates), including the
// illegal transitions ClassicGroupTest checks.
import { describe, expect, it } from 'vitest';
import { CLASSIC_GROUP_STATES, CLASSIC_GROUP_TRANSITIONS, canRebalance, isValidTransition } from '../../../src/classic/coordinator/index.js';

describe('classic group transitions', () => {
  it('has one row per state', () => {
    expect(CLASSIC_GROUP_TRANSITIONS.map((t) => t.target).sort()).toEqual([...CLASSIC_GROUP_STATES].sort());
  });

  it.each([
    ['PreparingRebalance', 'Empty'],
    ['Stable', 'PreparingRebalance'],
    ['CompletingRebalance', 'PreparingRebalance'],
    ['Empty', 'PreparingRebalance'],
    ['PreparingRebalance', 'CompletingRebalance'],
    ['CompletingRebalance', 'Stable'],
    ['Dead', 'Dead'],
    ['Stable', 'Dead'],
    ['Empty', 'Dead'],
  ] as const)('allows %s -> %s', (from, to) => {
    expect(isValidTransition(from, to)).toBe(true);
  });

  it.each([
    ['Empty', 'Stable'],
    ['Stable', 'Stable'],
    ['Empty', 'CompletingRebalance'],
    ['PreparingRebalance', 'PreparingRebalance'],
    ['PreparingRebalance', 'Stable'],
    ['CompletingRebalance', 'CompletingRebalance'],
    ['Dead', 'Stable'],
    ['Dead', 'PreparingRebalance'],
    ['Dead', 'CompletingRebalance'],
    ['Stable', 'Empty'],
  ] as const)('forbids %s -> %s', (from, to) => {
    expect(isValidTransition(from, to)).toBe(false);
  });

  it('can rebalance from Empty, CompletingRebalance and Stable only', () => {
    expect(CLASSIC_GROUP_STATES.filter(canRebalance).sort()).toEqual(['CompletingRebalance', 'Empty', 'Stable']);
  });
});
