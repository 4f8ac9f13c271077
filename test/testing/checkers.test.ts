// The checkers can fail: standalone on hand-made inputs, and inside the simulator against
// machines instrumented to misbehave (a member that claims a partition it was never given, a
// coordinator whose records lose a member, a member that goes back in generation, a bad state
// transition, a group that never settles, a machine that spins at one instant). Each failure
// names the seed.
import { describe, expect, it } from 'vitest';
import { initialClassicGroupState, stepClassicGroup } from '../../src/classic/index.js';
import { PackedTopicPartitions } from '../../src/protocol/topic-partitions.js';
import { topicPartitions } from '../../src/protocol/topic-partitions-ops.js';
import {
  checkClassicReplay,
  EpochTracker,
  findOwnershipOverlaps,
  formatFailure,
  formatScenario,
  invalidTransitions,
  simulate,
  unsettledReasons,
} from '../../src/testing/index.js';
import type { CoordinatorAdapter, CoordinatorView } from '../../src/testing/index.js';
import { instrumentedKit, overrideMember, smallScenario } from './support.js';

const view = (over: Partial<CoordinatorView> = {}): CoordinatorView => ({ state: 'Stable', epoch: 3, stable: true, memberCount: 2, hasMember: () => true, ...over });

describe('standalone checkers', () => {
  it('find partitions owned by two live members, ignoring members the group no longer has', () => {
    const claims = [
      { name: 'b', owned: topicPartitions({ t: [1, 2] }), live: true },
      { name: 'a', owned: topicPartitions({ t: [2, 3] }), live: true },
      { name: 'zombie', owned: topicPartitions({ t: [3] }), live: false },
    ];
    expect(findOwnershipOverlaps(claims)).toEqual(['t-2 owned by a and b']);
  });

  it('report an epoch that goes back, but accept a reset when the caller allows it', () => {
    const t = new EpochTracker();
    expect(t.observe('m', 3)).toBeNull();
    expect(t.observe('m', 2)).toBe('m went from epoch 3 back to 2');
    expect(t.observe('n', 5, (a, b) => b >= a || b === -1)).toBeNull();
    expect(t.observe('n', -1, (a, b) => b >= a || b === -1)).toBeNull();
  });

  it('report transitions outside the table', () => {
    expect(invalidTransitions('g', [{ from: 'Empty', to: 'Stable' }], (x) => x.to !== 'Stable')).toEqual(['g made the transition Empty -> Stable, which its table does not allow']);
  });

  it('say why a group is not settled', () => {
    expect(unsettledReasons(view(), [{ name: 'a', settled: true }, { name: 'b', settled: true }], { unowned: 0, contended: 0 })).toEqual([]);
    expect(unsettledReasons(view({ stable: false, state: 'PreparingRebalance' }), [{ name: 'a', settled: false }], { unowned: 2, contended: 1 })).toEqual([
      'the group is PreparingRebalance',
      'the coordinator has 2 members, 1 are running',
      'not settled in epoch 3: a',
      '2 partitions have no owner',
      '1 partitions have two owners',
    ]);
  });

  it('compare a classic coordinator with the replay of its records', () => {
    const state = initialClassicGroupState({ groupId: 'g' });
    const { state: next } = stepClassicGroup(state, {
      type: 'request', api: 'OffsetCommit', requestId: 1, apiVersion: 9,
      body: { groupId: 'g', generationIdOrMemberEpoch: -1, memberId: '', topics: [{ name: 't', partitions: [{ partitionIndex: 0, committedOffset: 5 }] }] },
    }, 0);
    expect(checkClassicReplay(next, [])).toMatch(/replayed records give/);
  });
});

describe('checkers inside the simulator', () => {
  const s = smallScenario();

  it('catch a member that claims a partition it was never given (exclusive ownership)', () => {
    const kit = instrumentedKit(s, {
      member: (name, m) => (name !== 'c3' ? m : overrideMember(m, {
        view: () => {
          const v = m.view();
          // c3 also claims orders-0 once it has joined.
          return v.epoch > 0 ? { ...v, owned: PackedTopicPartitions.from([...v.owned, ['orders', [0, ...(v.owned.get('orders') ?? [])]]]) } : v;
        },
      })),
    });
    const r = simulate(s, { seed: 4, kit });
    expect(r.failure?.kind).toBe('safety');
    expect(r.failure?.message).toMatch(/orders-0 owned by c\d and c3/);
    expect(r.failure?.seed).toBe(4);
    const text = formatFailure(r.failure!, formatScenario(s));
    expect(text).toContain('seed 4');
    expect(text).toContain('at 20s crash c2');
    expect(text).toContain('--- last trace lines ---');
  });

  it('catch a generation that goes backwards', () => {
    const kit = instrumentedKit(s, {
      member: (name, m) => (name !== 'c1' ? m : overrideMember(m, { view: () => { const v = m.view(); return v.epoch >= 2 ? { ...v, epoch: 0 } : v; } })),
    });
    const r = simulate(s, { seed: 4, kit });
    expect(r.failure?.message).toMatch(/c1#1@1 went from epoch \d+ back to 0/);
  });

  it('catch a transition the table does not allow', () => {
    const kit = instrumentedKit(s, { member: (_n, m) => overrideMember(m, { isValidTransition: (t) => !(t.from === 'COMPLETING_REBALANCE' && t.to === 'STABLE') }) });
    const r = simulate(s, { seed: 4, kit });
    expect(r.failure?.message).toMatch(/COMPLETING_REBALANCE -> STABLE, which its table does not allow/);
  });

  it('catch records that do not replay to the live group', () => {
    const kit = instrumentedKit(s, { coordinator: (c) => ({ ...proxy(c), replayMismatch: () => (c.view().epoch >= 2 ? 'the log lost a member' : null) }) });
    const r = simulate(s, { seed: 4, kit });
    expect(r.failure?.message).toMatch(/replay differs from the coordinator: the log lost a member/);
  });

  it('catch a group that never settles after the faults heal (liveness)', () => {
    const kit = instrumentedKit(s, { member: (name, m) => (name !== 'c2' ? m : overrideMember(m, { start: () => ({ sends: [], callbacks: [], transitions: [], errors: [] }) })) });
    const r = simulate(s, { seed: 4, kit });
    expect(r.failure?.kind).toBe('liveness');
    expect(r.failure?.message).toMatch(/did not settle within 60000 ms/);
  });

  it('catch a machine that asks to be stepped at once and then does nothing (a busy loop, not a hang)', () => {
    const kit = instrumentedKit(s, { member: (name, m) => (name !== 'c2' ? m : overrideMember(m, { nextDeadlineMs: () => 5_000 })) });
    const r = simulate(s, { seed: 4, kit });
    expect(r.failure?.kind).toBe('liveness');
    expect(r.failure?.atMs).toBe(5_000);
    expect(r.failure?.message).toMatch(/no progress: 1000000 events at 5000 ms without the clock moving \(last: wake c2\)/);
  });
});

/** A plain object forwarding to a coordinator adapter (class methods do not spread). */
function proxy(c: CoordinatorAdapter): CoordinatorAdapter {
  return {
    handle: (...a) => c.handle(...a),
    fire: (...a) => c.fire(...a),
    failover: (n) => c.failover(n),
    view: () => c.view(),
    replayMismatch: () => c.replayMismatch(),
    isValidTransition: (t) => c.isValidTransition(t),
    get recordCount() {
      return c.recordCount;
    },
    describe: () => c.describe(),
  };
}
