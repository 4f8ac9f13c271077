// ClassicMember facades against a GroupCoordinator in one process, on fake timers: three members
// rebalance; async listeners are awaited (a revoke that takes time holds the rebalance, so no
// partition is ever owned twice); events report each step; close leaves the group.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cooperativeStickyAssignor, rangeAssignor } from '../../src/assignors/index.js';
import type { PartitionAssignor } from '../../src/assignors/index.js';
import { UsageError } from '../../src/errors.js';
import type { PackedTopicPartitions } from '../../src/protocol/topic-partitions.js';
import { GroupCoordinator } from '../../src/runtime/coordinator/group-coordinator.js';
import { InProcessTransport } from '../../src/runtime/in-process.js';
import { InMemoryRecordLog } from '../../src/runtime/log/memory-log.js';
import { ClassicMember } from '../../src/runtime/member/classic-member.js';

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

const TOPICS = new Map([['__proto__', { partitions: 6 }]]);

async function setup(): Promise<{ coordinator: GroupCoordinator; network: InProcessTransport }> {
  const network = new InProcessTransport();
  const coordinator = await GroupCoordinator.open({ log: new InMemoryRecordLog(), transport: network, classic: { initialRebalanceDelayMs: 100 } });
  network.attach(coordinator);
  return { coordinator, network };
}

/** A member whose application owns partitions in `owners` and checks that nobody else does. */
function member(network: InProcessTransport, name: string, assignor: PartitionAssignor, owners: Map<string, string>, log: string[], revokeDelayMs = 0): ClassicMember {
  const m = new ClassicMember({
    config: { groupId: '__proto__', assignors: [assignor], sessionTimeoutMs: 10_000, heartbeatIntervalMs: 1_000 },
    transport: network.classicMember(name),
    listener: {
      onPartitionsAssigned: (partitions) => {
        partitions.forEachPartition((t, p) => {
          const owner = owners.get(`${t}-${p}`);
          if (owner !== undefined) throw new Error(`${t}-${p} assigned to ${name} but owned by ${owner}`);
          owners.set(`${t}-${p}`, name);
        });
        log.push(`${name} assigned ${count(partitions)}`);
      },
      onPartitionsRevoked: async (partitions) => {
        // Committing offsets and handing state over takes a while; the rebalance waits.
        await new Promise((resolve) => setTimeout(resolve, revokeDelayMs));
        partitions.forEachPartition((t, p) => owners.delete(`${t}-${p}`));
        log.push(`${name} revoked ${count(partitions)}`);
      },
      onPartitionsLost: (partitions) => partitions.forEachPartition((t, p) => owners.delete(`${t}-${p}`)),
    },
  });
  m.on('error', (e) => log.push(`${name} error ${e.message}`));
  m.updateMetadata(TOPICS);
  m.subscribe(['__proto__']);
  m.poll();
  return m;
}

function count(tp: PackedTopicPartitions): number {
  return tp.partitionCount;
}

/** Advances time, polling every member each second as a consume loop would. */
async function run(ms: number, members: ClassicMember[]): Promise<void> {
  for (let t = 0; t < ms; t += 500) {
    await vi.advanceTimersByTimeAsync(500);
    for (const m of members) if (!m.state.closed) m.poll();
  }
}

describe.each([
  ['EAGER', rangeAssignor],
  ['COOPERATIVE', cooperativeStickyAssignor],
] as const)('ClassicMember (%s) with a GroupCoordinator', (_protocol, assignor) => {
  it('three members rebalance; slow async revokes hold the rebalance; close leaves', async () => {
    const { coordinator, network } = await setup();
    const owners = new Map<string, string>();
    const log: string[] = [];
    const states: string[] = [];
    const a = member(network, 'a', assignor, owners, log, 2_000);
    a.on('stateChange', (from, to) => states.push(`${from}->${to}`));
    await run(3_000, [a]);
    expect(a.assignment.partitionCount).toBe(6);
    const b = member(network, 'b', assignor, owners, log, 2_000);
    const c = member(network, 'c', assignor, owners, log, 2_000);
    const members = [a, b, c];
    await run(15_000, members);
    expect(members.map((m) => m.assignment.partitionCount)).toEqual([2, 2, 2]);
    expect(owners.size).toBe(6);
    expect(members.every((m) => m.state.state === 'STABLE')).toBe(true);
    // a's first join began inside member(), before this listener; then it joined, and rejoined for b and c.
    expect(states.slice(0, 3)).toEqual(['PREPARING_REBALANCE->COMPLETING_REBALANCE', 'COMPLETING_REBALANCE->STABLE', 'STABLE->PREPARING_REBALANCE']);
    expect(log.some((l) => l.includes('error'))).toBe(false);

    // The revoke listener takes 2 s of (fake) time: close resolves only once it finished.
    const closing = c.close();
    await run(15_000, [a, b]);
    await closing;
    expect(c.state.closed).toBe(true);
    expect([a, b].map((m) => m.assignment.partitionCount)).toEqual([3, 3]);
    expect(owners.size).toBe(6);
    expect(coordinator.describeGroup('__proto__')).toMatchObject({ groupState: 'Stable', members: [{}, {}] });
    const closingAll = Promise.all([a.close(), b.close()]);
    await run(3_000, []);
    await closingAll;
    expect(coordinator.describeGroup('__proto__')).toMatchObject({ groupState: 'Empty' });
    await coordinator.close();
  });
});

describe('ClassicMember', () => {
  it('reports a listener that throws as an error and goes on', async () => {
    const { coordinator, network } = await setup();
    const errors: string[] = [];
    const m = new ClassicMember({
      config: { groupId: 'g', assignors: [rangeAssignor] },
      transport: network.classicMember('m'),
      listener: { onPartitionsAssigned: () => Promise.reject(new Error('state store unavailable')) },
    });
    m.on('error', (e) => errors.push(e.kind));
    m.updateMetadata(TOPICS);
    m.subscribe(['__proto__']);
    m.poll();
    await run(2_000, [m]);
    expect(errors).toEqual(['callback-failed']);
    expect(m.state.state).toBe('STABLE');
    await m.close();
    await coordinator.close();
  });

  it('treats a transport failure as a disconnect and retries', async () => {
    const { coordinator, network } = await setup();
    let failures = 1;
    const inner = network.classicMember('m');
    const m = new ClassicMember({
      config: { groupId: 'g', assignors: [rangeAssignor] },
      transport: { send: (o) => (failures-- > 0 ? Promise.reject(new Error('connection reset')) : inner.send(o)) },
    });
    const events: string[] = [];
    m.on('event', (e) => events.push(e.kind));
    m.updateMetadata(TOPICS);
    m.subscribe(['__proto__']);
    m.poll();
    await run(3_000, [m]);
    expect(events).toContain('coordinator-unknown');
    expect(m.assignment.partitionCount).toBe(6);
    await m.close();
    await coordinator.close();
  });

  it('throws UsageError for a transport without send and for a bad subscription', () => {
    expect(() => new ClassicMember({ config: { groupId: 'g', assignors: [rangeAssignor] }, transport: {} as never })).toThrow(UsageError);
    const m = new ClassicMember({ config: { groupId: 'g', assignors: [rangeAssignor] }, transport: { send: () => new Promise(() => undefined) } });
    expect(() => m.subscribe([''])).toThrow(UsageError);
  });
});
