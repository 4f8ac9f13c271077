/**
 * Plug in a custom assignor and check it with the verifier. The assignor co-partitions: partition
 * p of every topic goes to the same member, as a stream-table join needs (orders-3 and
 * payments-3 on one consumer). It is written against the raw `PartitionAssignor` interface, so
 * we check it ourselves with `verifyAssignment` (validity and completeness) and
 * `assignmentStats` (balance), catch a deliberately broken variant, then run it in a real group
 * (a `ClassicMember` leader runs it, in virtual time) and hand it to KafkaJS.
 *
 * Run: npx tsx examples/02-custom-assignor-verified.ts
 */
import {
  assignmentStats,
  describeViolation,
  verifyAssignment,
  type AssignInput,
  type Assignment,
  type PartitionAssignor,
} from '../src/assignors/index.js';
import { formatTopicPartitions } from '../src/classic/index.js';
import { ClassicMember, GroupCoordinator, InMemoryRecordLog, InProcessTransport, VirtualClock, toKafkaJsAssigner } from '../src/runtime/index.js';

/** Partition p of every topic to member p mod n (members sorted by id, so every leader agrees). */
function coPartition(input: AssignInput, brokenOffByOne = false): Map<string, Assignment> {
  const members = [...input.members].sort((a, b) => (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0));
  const result = new Map(members.map((m) => [m.memberId, new Map<string, number[]>()]));
  for (const [topic, meta] of [...input.topics].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const subscribers = members.filter((m) => m.subscription.topics.includes(topic));
    // The broken variant counts one partition too many: the verifier must catch it.
    const count = meta.partitions + (brokenOffByOne ? 1 : 0);
    for (let p = 0; p < count && subscribers.length > 0; p++) {
      const owner = result.get((subscribers[p % subscribers.length] as (typeof members)[number]).memberId) as Map<string, number[]>;
      owner.set(topic, [...(owner.get(topic) ?? []), p]);
    }
  }
  return new Map([...result].map(([id, partitions]) => [id, { partitions }]));
}

const coPartitionAssignor: PartitionAssignor = { name: 'co-partition', supportedProtocols: ['EAGER'], assign: (input) => coPartition(input) };

// --- 1. check it with the verifier -------------------------------------------------------------
const input: AssignInput = {
  topics: new Map([['orders', { partitions: 6 }], ['payments', { partitions: 6 }]]),
  members: ['c', 'a', 'b'].map((memberId) => ({ memberId, subscription: { topics: ['orders', 'payments'] } })),
};
const output = coPartitionAssignor.assign(input);
const violations = verifyAssignment(input, output, { requireComplete: true });
const stats = assignmentStats(output);
for (const [id, a] of [...output].sort()) console.log(`${id}: ${formatTopicPartitions(a.partitions)}`);
console.log(`violations: ${violations.length}, partitions per member: ${stats.min}..${stats.max}`);
if (violations.length > 0 || stats.max - stats.min > 0) throw new Error('the co-partitioning assignor should be valid and balanced here');
for (const [, a] of output) {
  if (JSON.stringify(a.partitions.get('orders')) !== JSON.stringify(a.partitions.get('payments'))) throw new Error('orders and payments are not co-partitioned');
}

const broken = verifyAssignment(input, coPartition(input, true));
console.log(`broken variant: ${broken.map(describeViolation).join('; ')}`);
if (!broken.some((v) => v.kind === 'UNKNOWN_PARTITION')) throw new Error('the verifier should have caught the extra partition');

// --- 2. run it in a group: the leader's member machine runs it (and verifies it again) ----------
const clock = new VirtualClock();
const network = new InProcessTransport();
const coordinator = await GroupCoordinator.open({ log: new InMemoryRecordLog(), transport: network, clock, timers: clock, classic: { initialRebalanceDelayMs: 100 } });
network.attach(coordinator);
const members = ['a', 'b'].map((name) => {
  const m = new ClassicMember({ config: { groupId: 'joins', assignors: [coPartitionAssignor] }, transport: network.classicMember(name), clock, timers: clock });
  m.on('error', (e) => console.log(`${name}: ${e.message}`));
  m.updateMetadata(input.topics);
  m.subscribe(['orders', 'payments']);
  m.poll();
  return m;
});
for (let i = 0; i < 10; i++) {
  await clock.advance(500);
  for (const m of members) m.poll();
}
members.forEach((m, i) => console.log(`group member ${i === 0 ? 'a' : 'b'} owns ${formatTopicPartitions(m.assignment)}`));
if (members.some((m) => m.assignment.partitionCount !== 6)) throw new Error('each member should own 3 + 3 partitions');
await Promise.all([...members.map((m) => m.close()), clock.advance(1_000)]);
await coordinator.close();

// --- 3. the same assignor for KafkaJS users ----------------------------------------------------
// kafka.consumer({ groupId: 'joins', partitionAssigners: [toKafkaJsAssigner(coPartitionAssignor)] })
const kafkaJsAssigner = toKafkaJsAssigner(coPartitionAssignor);
console.log(`KafkaJS assigner factory ready: ${typeof kafkaJsAssigner === 'function'}`);
