/**
 * Import and run: a classic consumer group and three members rebalancing in one process. The
 * broker side is a `GroupCoordinator`, each consumer a `ClassicMember`; they talk through an
 * in-process transport and run in virtual time, so the whole story takes milliseconds. Every
 * step is printed: the group's state changes, each member's state, and the partitions each
 * rebalance listener is given.
 *
 * Run: npx tsx examples/01-classic-group-in-process.ts
 */
import { cooperativeStickyAssignor } from '../src/assignors/index.js';
import { formatTopicPartitions } from '../src/classic/index.js';
import { ClassicMember, GroupCoordinator, InMemoryRecordLog, InProcessTransport, VirtualClock } from '../src/runtime/index.js';

const clock = new VirtualClock();
const t = () => `t=${String(clock.nowMs()).padStart(6)}ms`;
const topics = new Map([['orders', { partitions: 6 }]]);

const network = new InProcessTransport();
const coordinator = await GroupCoordinator.open({ log: new InMemoryRecordLog(), transport: network, clock, timers: clock, classic: {
    initialRebalanceDelayMs: 500,
    // Readable, deterministic member ids for the printout (the runtime's default is random).
    memberIdSource: (clientId, sequence) => `${clientId}-${sequence}`,
  },
});
network.attach(coordinator);
coordinator.on('groupEvent', (groupId, e) => {
  if (e.kind === 'state-changed' && 'generationId' in e) console.log(`${t()} coordinator: group ${groupId} ${e.from} -> ${e.to} (generation ${e.generationId})`);
  if (e.kind === 'member-removed') console.log(`${t()} coordinator: ${e.memberId} removed (${e.reason})`);
});

function startMember(name: string): ClassicMember {
  const member = new ClassicMember({
    config: { groupId: 'orders-app', assignors: [cooperativeStickyAssignor], sessionTimeoutMs: 10_000, heartbeatIntervalMs: 1_000 },
    transport: network.classicMember(name),
    clock,
    timers: clock,
    listener: {
      onPartitionsAssigned: (tp) => console.log(`${t()} ${name}: assigned ${formatTopicPartitions(tp)}`),
      onPartitionsRevoked: (tp) => console.log(`${t()} ${name}: revoked  ${formatTopicPartitions(tp)}`),
      onPartitionsLost: (tp) => console.log(`${t()} ${name}: lost     ${formatTopicPartitions(tp)}`),
    },
  });
  member.on('stateChange', (from, to, generation) => console.log(`${t()} ${name}: ${from} -> ${to} (generation ${generation})`));
  member.on('error', (e) => console.log(`${t()} ${name}: error ${e.message}`));
  member.updateMetadata(topics);
  member.subscribe(['orders']);
  member.poll();
  return member;
}

/** The application's consume loop: poll every member every 500 ms of virtual time. */
async function run(ms: number, members: ClassicMember[]): Promise<void> {
  for (let elapsed = 0; elapsed < ms; elapsed += 500) {
    await clock.advance(500);
    for (const m of members) if (!m.state.closed) m.poll();
  }
}

console.log('--- c1 starts alone');
const c1 = startMember('c1');
await run(2_000, [c1]);
console.log('--- c2 and c3 join (cooperative: c1 gives up only what moves)');
const c2 = startMember('c2');
const c3 = startMember('c3');
await run(6_000, [c1, c2, c3]);
console.log('--- c2 closes; c1 and c3 take its partitions');
const closing = c2.close();
await run(6_000, [c1, c3]);
await closing;

const owned = [c1, c3].map((m) => m.assignment.partitionCount);
console.log(`--- final: c1 owns ${owned[0]}, c3 owns ${owned[1]}; group ${JSON.stringify(coordinator.listGroups())}`);
if (owned[0] !== 3 || owned[1] !== 3) throw new Error(`expected 3 + 3 partitions, got ${owned.join(' + ')}`);
await Promise.all([c1.close(), c3.close(), clock.advance(1_000)]);
await coordinator.close();
