// Kafka's choice of rebalance protocol (KIP-429) and the member's settings.
import { describe, expect, it } from 'vitest';
import { cooperativeStickyAssignor, defineAssignor, rangeAssignor, roundRobinAssignor, stickyAssignor } from '../../../src/assignors/index.js';
import { UsageError } from '../../../src/errors.js';
import { CLASSIC_MEMBER_DEFAULTS, initialClassicMemberState, resolveClassicMemberConfig, selectRebalanceProtocol } from '../../../src/classic/index.js';

const coopOnly = defineAssignor({ name: 'coop-only', supportedProtocols: ['COOPERATIVE'], assign: () => new Map() });

describe('rebalance protocol selection', () => {
  it('runs EAGER with the default [range, cooperative-sticky]', () => {
    expect(selectRebalanceProtocol([rangeAssignor, cooperativeStickyAssignor])).toBe('EAGER');
  });

  it('runs COOPERATIVE when every assignor supports it', () => {
    expect(selectRebalanceProtocol([cooperativeStickyAssignor])).toBe('COOPERATIVE');
    expect(selectRebalanceProtocol([cooperativeStickyAssignor, coopOnly])).toBe('COOPERATIVE');
  });

  it('runs EAGER for the eager-only built-ins', () => {
    for (const a of [rangeAssignor, roundRobinAssignor, stickyAssignor]) expect(selectRebalanceProtocol([a])).toBe('EAGER');
  });

  it('refuses assignors with no common protocol, and no assignors', () => {
    expect(() => selectRebalanceProtocol([rangeAssignor, coopOnly])).toThrow(/commonly supported/);
    expect(() => selectRebalanceProtocol([])).toThrow(UsageError);
  });
});

describe('member settings', () => {
  it("fills in Kafka 4.0's defaults", () => {
    const c = resolveClassicMemberConfig({ groupId: 'g', assignors: [rangeAssignor] });
    expect(c).toMatchObject({ ...CLASSIC_MEMBER_DEFAULTS, groupInstanceId: null, rackId: null });
    expect(c.sessionTimeoutMs).toBe(45_000);
    expect(c.maxPollIntervalMs).toBe(300_000);
  });

  it.each([
    [{ groupId: '', assignors: [rangeAssignor] }, /groupId/],
    [{ groupId: 'g', assignors: [rangeAssignor], heartbeatIntervalMs: 45_000 }, /lower than sessionTimeoutMs/],
    [{ groupId: 'g', assignors: [rangeAssignor, rangeAssignor] }, /listed twice/],
    [{ groupId: 'g', assignors: [rangeAssignor], sessionTimeoutMs: 0 }, /sessionTimeoutMs/],
    [{ groupId: 'g', assignors: [rangeAssignor], groupInstanceId: '' }, /groupInstanceId/],
  ])('rejects %o', (config, message) => {
    expect(() => initialClassicMemberState(config)).toThrow(message);
  });
});
