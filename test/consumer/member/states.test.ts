import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  CONSUMER_MEMBER_STATES,
  CONSUMER_MEMBER_TRANSITIONS,
  consumerMemberStateDiagramMermaid,
  consumerMemberTransitionTableMarkdown,
  isValidConsumerMemberTransition,
} from '../../../src/consumer/member/index.js';
import type { ConsumerMemberStateName } from '../../../src/consumer/member/index.js';

describe('the KIP-848 member transition table', () => {
  it('has exactly one row per state', () => {
    expect(CONSUMER_MEMBER_TRANSITIONS.map((t) => t.target).sort()).toEqual([...CONSUMER_MEMBER_STATES].sort());
  });

  it("matches Kafka 4.2's MemberState predecessors", () => {
    const expected: Record<ConsumerMemberStateName, ConsumerMemberStateName[]> = {
      STABLE: ['JOINING', 'ACKNOWLEDGING', 'RECONCILING'],
      RECONCILING: ['STABLE', 'JOINING', 'ACKNOWLEDGING', 'RECONCILING'],
      ACKNOWLEDGING: ['RECONCILING'],
      FATAL: ['JOINING', 'STABLE', 'RECONCILING', 'ACKNOWLEDGING', 'PREPARE_LEAVING', 'LEAVING', 'UNSUBSCRIBED'],
      FENCED: ['JOINING', 'STABLE', 'RECONCILING', 'ACKNOWLEDGING', 'PREPARE_LEAVING', 'LEAVING'],
      JOINING: ['FENCED', 'UNSUBSCRIBED', 'STALE'],
      PREPARE_LEAVING: ['JOINING', 'STABLE', 'RECONCILING', 'ACKNOWLEDGING', 'UNSUBSCRIBED'],
      LEAVING: ['PREPARE_LEAVING'],
      UNSUBSCRIBED: ['PREPARE_LEAVING', 'LEAVING', 'FENCED'],
      STALE: ['LEAVING'],
    };
    for (const from of CONSUMER_MEMBER_STATES) {
      for (const to of CONSUMER_MEMBER_STATES) {
        const allowed = from === to || expected[to].includes(from);
        expect(isValidConsumerMemberTransition(from, to), `${from} -> ${to}`).toBe(allowed);
      }
    }
  });

  it('FATAL is terminal', () => {
    for (const to of CONSUMER_MEMBER_STATES) if (to !== 'FATAL') expect(isValidConsumerMemberTransition('FATAL', to)).toBe(false);
  });

  it('docs/consumer-member.md embeds the current diagram and table', () => {
    const doc = readFileSync(fileURLToPath(new URL('../../../docs/consumer-member.md', import.meta.url)), 'utf8');
    expect(doc).toContain(consumerMemberStateDiagramMermaid());
    expect(doc).toContain(consumerMemberTransitionTableMarkdown());
  });

  it('draws one edge per allowed predecessor', () => {
    const edges = consumerMemberStateDiagramMermaid().split('\n').filter((l) => l.includes('-->') && !l.includes('[*]'));
    expect(edges.length).toBe(CONSUMER_MEMBER_TRANSITIONS.reduce((n, t) => n + t.validPrevious.length, 0));
  });
});
