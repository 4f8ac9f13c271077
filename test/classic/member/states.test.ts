// The member's transition table (Kafka's MemberState transitions) and its rendering in the docs.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CLASSIC_MEMBER_STATES,
  CLASSIC_MEMBER_TRANSITIONS,
  classicMemberTransitionTableMarkdown,
  hasNotJoinedGroup,
  isValidClassicMemberTransition,
} from '../../../src/classic/index.js';

describe('classic member transitions', () => {
  it('has one row per state', () => {
    expect(CLASSIC_MEMBER_TRANSITIONS.map((t) => t.target).sort()).toEqual([...CLASSIC_MEMBER_STATES].sort());
  });

  it.each([
    ['UNJOINED', 'PREPARING_REBALANCE'],
    ['PREPARING_REBALANCE', 'COMPLETING_REBALANCE'],
    ['COMPLETING_REBALANCE', 'STABLE'],
    ['STABLE', 'PREPARING_REBALANCE'],
    ['COMPLETING_REBALANCE', 'PREPARING_REBALANCE'],
    ['STABLE', 'UNJOINED'],
  ] as const)('allows %s -> %s', (from, to) => {
    expect(isValidClassicMemberTransition(from, to)).toBe(true);
  });

  it.each([
    ['UNJOINED', 'STABLE'],
    ['UNJOINED', 'COMPLETING_REBALANCE'],
    ['PREPARING_REBALANCE', 'STABLE'],
    ['STABLE', 'COMPLETING_REBALANCE'],
    ['STABLE', 'STABLE'],
  ] as const)('forbids %s -> %s', (from, to) => {
    expect(isValidClassicMemberTransition(from, to)).toBe(false);
  });

  it('heartbeats only in COMPLETING_REBALANCE and STABLE', () => {
    expect(CLASSIC_MEMBER_STATES.filter((s) => !hasNotJoinedGroup(s))).toEqual(['COMPLETING_REBALANCE', 'STABLE']);
  });

  it('is embedded, current, in docs/classic-member.md', () => {
    const doc = readFileSync(new URL('../../../docs/classic-member.md', import.meta.url), 'utf8');
    const table = classicMemberTransitionTableMarkdown();
    expect(doc).toContain(table);
    // Exactly once: a stray copy spliced into the prose went unnoticed once.
    expect(doc.split(table.trim()).length - 1).toBe(1);
  });
});
