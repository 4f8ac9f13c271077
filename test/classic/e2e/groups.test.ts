// The member and the coordinator together, in-process: groups of 1 to 50 members, eager (range)
// and cooperative (cooperative-sticky), joining, leaving, crashing and restarting. After each
// change the group must settle: Stable, every live member STABLE in the coordinator's
// generation, every partition owned exactly once; and ownership never overlaps meanwhile.
import { describe, expect, it } from 'vitest';
import { cooperativeStickyAssignor, rangeAssignor } from '../../../src/assignors/index.js';
import type { PartitionAssignor } from '../../../src/assignors/index.js';
import type { TopicMetadata } from '../../../src/protocol/types.js';
import { GroupNetwork } from './network.js';

const MEMBER = { sessionTimeoutMs: 10_000, heartbeatIntervalMs: 1_000, maxPollIntervalMs: 30_000 };
const SETTLE_MS = 40_000;

function topics(partitions: number): Map<string, TopicMetadata> {
  return new Map([
    ['orders', { partitions }],
    ['payments', { partitions: Math.max(1, partitions >> 1) }],
  ]);
}

function network(assignor: PartitionAssignor, size: number, staticMembers = false): GroupNetwork {
  return new GroupNetwork({ member: { ...MEMBER, assignors: [assignor] }, topics: topics(Math.max(4, size * 2)), staticMembers });
}

function expectSettled(net: GroupNetwork, cooperative: boolean): void {
  expect(net.unsettled(), net.dump()).toEqual([]);
  expect(net.overlaps, net.dump()).toEqual([]);
  if (cooperative) expect(net.cooperativeViolations(), net.dump()).toEqual([]);
}

const name = (i: number) => `c${String(i).padStart(2, '0')}`;

describe.each([
  ['EAGER', rangeAssignor, false],
  ['COOPERATIVE', cooperativeStickyAssignor, true],
] as const)('%s group with the classic coordinator', (_protocol, assignor, cooperative) => {
  it.each([1, 5, 20, 50])('%i members join, leave, crash and rejoin', (size) => {
    const net = network(assignor, size);
    for (let i = 0; i < size; i++) net.join(name(i));
    net.advance(SETTLE_MS);
    expectSettled(net, cooperative);
    expect(net.liveMembers()).toHaveLength(size);

    net.join(name(size));
    net.advance(SETTLE_MS);
    expectSettled(net, cooperative);

    net.leave(name(0));
    if (size > 1) net.crash(name(1));
    net.advance(SETTLE_MS);
    expectSettled(net, cooperative);

    if (size > 1) net.join(name(1));
    net.advance(SETTLE_MS);
    expectSettled(net, cooperative);
    expect(net.liveMembers()).toHaveLength(size);
    // Every rebalance after the first began with an auto-commit that the coordinator accepted.
    expect([...net.members.values()].reduce((n, m) => n + m.committed, 0)).toBeGreaterThan(0);
  });

  it('rebalances when partitions are added (the leader notices)', () => {
    const net = network(assignor, 4);
    for (let i = 0; i < 4; i++) net.join(name(i));
    net.advance(SETTLE_MS);
    const before = net.coordinator.group?.generationId as number;
    net.setTopics(topics(16));
    net.advance(SETTLE_MS);
    expectSettled(net, cooperative);
    expect(net.coordinator.group?.generationId).toBeGreaterThan(before);
  });
});

describe('static membership with the classic coordinator', () => {
  it('a static member that restarts within its session keeps the generation and its partitions', () => {
    const net = network(rangeAssignor, 3, true);
    for (let i = 0; i < 3; i++) net.join(name(i));
    net.advance(SETTLE_MS);
    expectSettled(net, false);
    const generation = net.coordinator.group?.generationId;
    const before = net.members.get(name(2))?.state.owned;
    net.leave(name(2));
    net.advance(2_000);
    net.join(name(2));
    net.advance(SETTLE_MS);
    expectSettled(net, false);
    expect(net.coordinator.group?.generationId).toBe(generation);
    expect([...(net.members.get(name(2))?.state.owned ?? [])]).toEqual([...(before ?? [])]);
  });

  it('a static member that stays away past its session is removed and its partitions reassigned', () => {
    const net = network(rangeAssignor, 3, true);
    for (let i = 0; i < 3; i++) net.join(name(i));
    net.advance(SETTLE_MS);
    const generation = net.coordinator.group?.generationId as number;
    net.leave(name(2));
    net.advance(SETTLE_MS);
    expectSettled(net, false);
    expect(net.coordinator.group?.generationId).toBeGreaterThan(generation);
  });
});
