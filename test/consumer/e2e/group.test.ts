// KIP-848 members and the KIP-848 coordinator together, in-process, in virtual time: joining,
// leaving, crashing, pausing past the timeouts, rejoining.
import { describe, expect, it } from 'vitest';
import { checkConverged, noOverlapObserver, RevocationBeforeAssignment, transitionsFollowTable } from './checks.js';
import { World } from './network.js';

const topics = [
  { topicId: 'id-a', name: 'a', partitions: 6 },
  { topicId: 'id-b', name: 'b', partitions: 4 },
];
const partitions = new Map(topics.map((t) => [t.name, t.partitions]));

function world(): World {
  const w = new World({ topics, group: { sessionTimeoutMs: 10_000, heartbeatIntervalMs: 1_000 } });
  w.observers.push(noOverlapObserver, new RevocationBeforeAssignment(), transitionsFollowTable);
  return w;
}

describe('members with the coordinator', () => {
  it('one member joins and takes every partition', () => {
    const w = world();
    w.addMember('m1', ['a', 'b']);
    w.run(10_000);
    checkConverged(w, partitions);
    expect(w.members.get('m1')?.state.owned.partitionCount).toBe(10);
  });

  it('three members share the partitions, then one leaves and the others take them over', () => {
    const w = world();
    for (const n of ['m1', 'm2', 'm3']) w.addMember(n, ['a', 'b']);
    w.run(20_000);
    checkConverged(w, partitions);
    const counts = w.live().map((m) => m.state.owned.partitionCount).sort();
    expect(counts).toEqual([3, 3, 4]);
    w.close('m2');
    w.run(20_000);
    checkConverged(w, partitions);
    expect(w.aliveMemberIds().has('m2')).toBe(false);
    expect(w.members.get('m2')?.state.closed).toBe(true);
  });

  it('a crashed member is removed after the session timeout and its partitions move', () => {
    const w = world();
    for (const n of ['m1', 'm2']) w.addMember(n, ['a', 'b']);
    w.run(20_000);
    w.crash('m1');
    w.run(5_000);
    expect(w.aliveMemberIds().has('m1')).toBe(true);
    w.run(30_000);
    expect(w.aliveMemberIds().has('m1')).toBe(false);
    checkConverged(w, partitions);
    expect(w.members.get('m2')?.state.owned.partitionCount).toBe(10);
  });

  it('a member paused past its session and poll timeouts is fenced, loses its partitions and rejoins', () => {
    const w = world();
    for (const n of ['m1', 'm2']) w.addMember(n, ['a', 'b'], { maxPollIntervalMs: 20_000 });
    w.run(20_000);
    w.pause('m1', 40_000);
    w.run(60_000);
    checkConverged(w, partitions);
    const m1 = w.members.get('m1');
    expect(m1?.transitions.some((t) => t.to === 'STALE' || t.to === 'FENCED')).toBe(true);
    expect(m1?.state.owned.partitionCount).toBeGreaterThan(0);
  });

  it('a static member that closes keeps its partitions locked until it rejoins', () => {
    const w = world();
    w.addMember('m1', ['a', 'b'], { groupInstanceId: 'i1' });
    w.addMember('m2', ['a', 'b']);
    w.run(20_000);
    const before = w.members.get('m1')?.state.owned;
    w.close('m1');
    w.run(3_000);
    // -2: the coordinator keeps the member and its partitions; m2 does not get them.
    expect(w.aliveMemberIds().has('m1')).toBe(true);
    expect(w.members.get('m2')?.state.owned.partitionCount).toBe(10 - (before?.partitionCount ?? 0));
    w.restart('m1', ['a', 'b'], { groupInstanceId: 'i1' });
    w.run(20_000);
    checkConverged(w, partitions);
  });
});

describe('subscriptions and commits', () => {
  it('members subscribed by a regular expression converge on the topics it matches', () => {
    const w = world();
    for (const n of ['m1', 'm2']) w.addMember(n, { pattern: '[ab]' });
    w.run(60_000);
    checkConverged(w, partitions);
    expect(w.members.get('m1')?.state.owned.partitionCount).toBe(5);
  });

  it('with auto-commit, every reconciliation commits first and the group still converges', () => {
    const w = world();
    let commits = 0;
    w.observers.push({ onMemberStep: (_w, _m, _input, outputs) => void (commits += outputs.filter((o) => o.type === 'commit').length) });
    for (const n of ['m1', 'm2', 'm3']) w.addMember(n, ['a', 'b'], { enableAutoCommit: true });
    w.run(30_000);
    checkConverged(w, partitions);
    expect(commits).toBeGreaterThanOrEqual(3);
  });
});

describe('a hundred members', () => {
  it('join from nothing, converge, then absorb departures and crashes', () => {
    const many = [
      { topicId: 'id-x', name: 'x', partitions: 64 },
      { topicId: 'id-y', name: 'y', partitions: 100 },
    ];
    const w = new World({ topics: many, group: { sessionTimeoutMs: 10_000, heartbeatIntervalMs: 1_000 } });
    w.observers.push(noOverlapObserver, new RevocationBeforeAssignment(), transitionsFollowTable);
    for (let i = 0; i < 100; i++) w.addMember(`m${String(i).padStart(3, '0')}`, ['x', 'y']);
    w.run(30_000);
    const all = new Map(many.map((t) => [t.name, t.partitions]));
    checkConverged(w, all);
    for (let i = 0; i < 10; i++) w.close(`m${String(i).padStart(3, '0')}`);
    for (let i = 10; i < 20; i++) w.crash(`m${String(i).padStart(3, '0')}`);
    w.run(60_000);
    checkConverged(w, all);
    expect(w.aliveMemberIds().size).toBe(80);
  });
});
