/**
 * A broker-side coordinator with the file-backed log, restarted in the middle of a rebalance.
 * Two consumers form a Stable group; a third joins and, while the group is PreparingRebalance,
 * the coordinator dies (its last append torn in half, too). A new coordinator opens the same
 * file: the torn tail is dropped, replay restores the last completed generation (as Kafka's
 * coordinator does after a failover), timers are re-armed, and the members, seeing their
 * connections drop, rejoin and finish the rebalance.
 *
 * Run: npx tsx examples/04-coordinator-restart-file-log.ts
 */
import { appendFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rangeAssignor } from '../src/assignors/index.js';
import {
  ClassicMember,
  FileRecordLog,
  GroupCoordinator,
  InProcessTransport,
  VirtualClock,
  jsonRecordSerializer,
  type DescribedGroup,
  type GroupCoordinatorRecord,
} from '../src/runtime/index.js';

const dir = await mkdtemp(join(tmpdir(), 'kgroup-example-'));
const path = join(dir, '__consumer_offsets-0.log');
const serializer = jsonRecordSerializer<GroupCoordinatorRecord>();
const clock = new VirtualClock(1_700_000_000_000);
const network = new InProcessTransport();
const topics = new Map([['orders', { partitions: 6 }]]);

async function startCoordinator(): Promise<{ coordinator: GroupCoordinator; log: FileRecordLog<GroupCoordinatorRecord> }> {
  const log = await FileRecordLog.open(path, { serializer });
  const coordinator = await GroupCoordinator.open({
    log,
    transport: network,
    clock,
    timers: clock,
    classic: { initialRebalanceDelayMs: 300, memberIdSource: (clientId, n) => `${clientId}-${n}` },
  });
  network.attach(coordinator);
  const batches = (await log.read()).length;
  console.log(`coordinator up: ${batches} batches replayed, ${log.recovery.droppedBytes} torn bytes dropped, groups ${JSON.stringify(coordinator.groupIds())}`);
  return { coordinator, log };
}

function summary(g: DescribedGroup | null): string {
  if (g === null) return 'no group';
  if (g.groupType !== 'classic') return `consumer group ${g.groupState}`;
  return `${g.groupState}, generation ${g.generationId}, members ${g.members.map((m) => m.memberId).join(' ') || '-'}`;
}

function member(name: string): ClassicMember {
  const m = new ClassicMember({ config: { groupId: 'billing', assignors: [rangeAssignor], sessionTimeoutMs: 10_000, heartbeatIntervalMs: 1_000 }, transport: network.classicMember(name), clock, timers: clock });
  m.on('event', (e) => {
    if (e.kind === 'coordinator-unknown') console.log(`  ${name}: coordinator unknown (${e.reason}), will rejoin`);
  });
  m.updateMetadata(topics);
  m.subscribe(['orders']);
  m.poll();
  return m;
}

let { coordinator, log } = await startCoordinator();

/**
 * Virtual time, but real disk: after each tick wait until the records are durable (fsync) and the
 * responses that waited for them have reached the members.
 */
async function run(ms: number, members: ClassicMember[]): Promise<void> {
  for (let elapsed = 0; elapsed < ms; elapsed += 250) {
    await clock.advance(250);
    for (let i = 0; i < 3; i++) {
      await coordinator.flush();
      await clock.advance(0);
    }
    for (const m of members) if (!m.state.closed) m.poll();
  }
}

const members = [member('c1'), member('c2')];
await run(3_000, members);
console.log(`before: ${summary(coordinator.describeGroup('billing'))}`);
const stableGeneration = coordinator.describeGroup('billing')?.groupType === 'classic' ? (coordinator.describeGroup('billing') as { generationId: number }).generationId : -1;

members.push(member('c3'));
await run(100, members);
console.log(`mid-rebalance: ${summary(coordinator.describeGroup('billing'))}`);

// The broker dies: timers stop, connections drop, and its last write is torn halfway.
await coordinator.close();
await log.close();
network.disconnectAll('broker crashed');
await appendFile(path, Buffer.from([0, 0, 1, 0, 0xde, 0xad, 0xbe]));

({ coordinator, log } = await startCoordinator());
console.log(`after replay: ${summary(coordinator.describeGroup('billing'))} (the last completed generation)`);
await run(15_000, members);
const final = coordinator.describeGroup('billing');
console.log(`after rejoin: ${summary(final)}`);
console.log(`owned: ${members.map((m, i) => `c${i + 1}=${m.assignment.partitionCount}`).join(' ')}`);

if (final?.groupType !== 'classic' || final.groupState !== 'Stable' || final.members.length !== 3 || final.generationId <= stableGeneration) {
  throw new Error('the group should be Stable with 3 members in a later generation');
}
if (members.some((m) => m.assignment.partitionCount !== 2)) throw new Error('every member should own 2 partitions');
await Promise.all([...members.map((m) => m.close()), run(2_000, [])]);
await coordinator.close();
await log.close();
await rm(dir, { recursive: true, force: true });
