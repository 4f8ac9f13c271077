// ConsumerMember facades (KIP-848) against a GroupCoordinator in one process, on fake timers:
// members join and split the partitions; revocations wait for the async listener and for the
// commit the member asks for; a crashed member is fenced by its session timeout; close leaves.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { GroupCoordinator } from '../../src/runtime/coordinator/group-coordinator.js';
import { InProcessTransport } from '../../src/runtime/in-process.js';
import { InMemoryRecordLog } from '../../src/runtime/log/memory-log.js';
import { ConsumerMember, type ConsumerMemberCommit } from '../../src/runtime/member/consumer-member.js';

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

const TOPICS = [{ topicId: 'T1', name: '__proto__', partitions: 6 }];
const NAMES = new Map([['T1', '__proto__']]);

async function setup(): Promise<{ coordinator: GroupCoordinator; network: InProcessTransport }> {
  const network = new InProcessTransport();
  const coordinator = await GroupCoordinator.open({ log: new InMemoryRecordLog(), transport: network, topics: TOPICS, consumer: { sessionTimeoutMs: 6_000, heartbeatIntervalMs: 500 } });
  network.attach(coordinator);
  return { coordinator, network };
}

function member(network: InProcessTransport, name: string, owners: Map<string, string>, commits: ConsumerMemberCommit[]): ConsumerMember {
  const m = new ConsumerMember({
    config: { groupId: 'g', memberId: name },
    transport: network.consumerMember(name),
    commitOffsets: async (c) => {
      await new Promise((resolve) => setTimeout(resolve, 100));
      commits.push(c);
    },
    listener: {
      onPartitionsAssigned: (tp) =>
        tp.forEachPartition((t, p) => {
          const owner = owners.get(`${t}-${p}`);
          if (owner !== undefined) throw new Error(`${t}-${p} given to ${name} while ${owner} owns it`);
          owners.set(`${t}-${p}`, name);
        }),
      onPartitionsRevoked: async (tp) => {
        await new Promise((resolve) => setTimeout(resolve, 300));
        tp.forEachPartition((t, p) => owners.delete(`${t}-${p}`));
      },
      onPartitionsLost: (tp) => tp.forEachPartition((t, p) => owners.delete(`${t}-${p}`)),
    },
  });
  m.updateMetadata(NAMES);
  m.subscribe(['__proto__']);
  m.poll();
  return m;
}

async function run(ms: number, members: ConsumerMember[]): Promise<void> {
  for (let t = 0; t < ms; t += 250) {
    await vi.advanceTimersByTimeAsync(250);
    for (const m of members) if (!m.state.closing) m.poll();
  }
}

describe('ConsumerMember with a GroupCoordinator', () => {
  it('three members split the partitions, never owning one twice; a crash is fenced; close leaves', async () => {
    const { coordinator, network } = await setup();
    const owners = new Map<string, string>();
    const commits: ConsumerMemberCommit[] = [];
    const errors: string[] = [];
    const a = member(network, 'a', owners, commits);
    a.on('error', (e) => errors.push(e.message));
    const states: string[] = [];
    a.on('stateChange', (_from, to) => states.push(to));
    await run(2_000, [a]);
    expect(a.assignment.partitionCount).toBe(6);
    const b = member(network, 'b', owners, commits);
    const c = member(network, '__proto__', owners, commits);
    await run(5_000, [a, b, c]);
    expect([a, b, c].map((m) => m.assignment.partitionCount)).toEqual([2, 2, 2]);
    expect(owners.size).toBe(6);
    expect(states).toContain('RECONCILING');
    // a gave partitions up: it committed first (the commit carries its member epoch).
    expect(commits.some((x) => x.memberId === 'a' && x.memberEpoch > 0)).toBe(true);

    // b's process dies: nobody heartbeats for it, the coordinator fences it after its session.
    b.stop();
    for (const [tp, owner] of owners) if (owner === 'b') owners.delete(tp);
    await run(10_000, [a, c]);
    expect(coordinator.describeGroup('g')).toMatchObject({ groupType: 'consumer', groupState: 'Stable', members: [{ memberId: '__proto__' }, { memberId: 'a' }] });
    expect([a, c].map((m) => m.assignment.partitionCount)).toEqual([3, 3]);

    const closing = Promise.all([a.close(), c.close()]);
    await run(2_000, []);
    await closing;
    expect(coordinator.describeGroup('g')).toMatchObject({ groupState: 'Empty' });
    expect(errors, errors.join("\n")).toEqual([]);
    await coordinator.close();
  });

  it('throws UsageError for a transport without send', () => {
    expect(() => new ConsumerMember({ config: { groupId: 'g', memberId: 'm' }, transport: {} as never })).toThrow(UsageError);
  });
});
