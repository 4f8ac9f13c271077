/**
 * A custom assignor in a few lines with `defineAssignor`: members advertise a capacity in their
 * subscription's user data, and partitions are dealt in proportion to it. kgroup hands `assign`
 * a sorted view of the group, takes plain data back, and verifies the result; we also check it
 * with `verifyAssignment` and show what happens when an assignor gets it wrong.
 *
 * Run: npx tsx examples/capacity-weighted-assignor.ts
 */
import {
  AssignmentError,
  PackedTopicPartitions,
  assignmentStats,
  defineAssignor,
  verifyAssignment,
  type GroupMember,
  type PartitionAssignor,
  type PreparedGroup,
  type TopicMetadata,
} from '../src/index.js';

// --- the capacity, carried as 4 bytes of user data (big-endian int32) ------------------------

function encodeCapacity(capacity: number): Uint8Array {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setInt32(0, capacity);
  return bytes;
}

/** A member that sends no (or unreadable) user data, an older client say, counts as capacity 1. */
function decodeCapacity(userData: Uint8Array | null | undefined): number {
  if (userData === null || userData === undefined || userData.length !== 4) return 1;
  const capacity = new DataView(userData.buffer, userData.byteOffset, 4).getInt32(0);
  return capacity > 0 ? capacity : 1;
}

// --- the assignor -----------------------------------------------------------------------------

/**
 * Deals every partition (topics by name, partitions ascending) to the subscriber whose load,
 * counted over all topics, would be lowest relative to its capacity: (load + 1) / capacity.
 * Subscribers come sorted by member id, so ties go to the smallest id and the result is
 * deterministic.
 */
function dealByCapacity(group: PreparedGroup): Map<string, Map<string, number[]>> {
  const capacity = new Map(group.members.map((m) => [m.memberId, decodeCapacity(m.subscription.userData)]));
  const load = new Map(group.members.map((m) => [m.memberId, 0]));
  const result = new Map<string, Map<string, number[]>>();
  for (const topic of group.topics) {
    for (let p = 0; p < topic.partitions; p++) {
      let best = '';
      let bestScore = Infinity;
      for (const id of topic.subscribers) {
        const score = ((load.get(id) ?? 0) + 1) / (capacity.get(id) ?? 1);
        if (score < bestScore) [best, bestScore] = [id, score];
      }
      load.set(best, (load.get(best) ?? 0) + 1);
      const mine = result.get(best) ?? new Map<string, number[]>();
      mine.set(topic.name, [...(mine.get(topic.name) ?? []), p]);
      result.set(best, mine);
    }
  }
  return result;
}

/** The assignor a member configures; its own capacity goes into its subscriptions. */
function capacityWeightedAssignor(myCapacity: number): PartitionAssignor {
  return defineAssignor({
    name: 'capacity-weighted',
    subscriptionUserData: () => encodeCapacity(myCapacity),
    assign: dealByCapacity,
  });
}

// --- a group ----------------------------------------------------------------------------------

const topics = new Map<string, TopicMetadata>([
  ['orders', { partitions: 16 }],
  ['payments', { partitions: 8 }],
]);
const fleet: [memberId: string, capacity: number | null, topics: string[]][] = [
  ['small-1', 1, ['orders', 'payments']],
  ['medium-1', 2, ['orders', 'payments']],
  ['large-1', 4, ['orders', 'payments']],
  ['legacy-1', null, ['orders', 'payments']], // an older client that sends no user data
  ['audit-1', 2, ['payments']],
];
const members: GroupMember[] = fleet.map(([memberId, capacity, subscribed]) => ({
  memberId,
  subscription: {
    topics: subscribed,
    userData:
      capacity === null
        ? null
        : (capacityWeightedAssignor(capacity).subscriptionUserData?.({ topics: subscribed, ownedPartitions: PackedTopicPartitions.EMPTY, generationId: -1 }) ?? null),
  },
}));

// The leader runs the assignor over everyone's subscriptions.
const leaderAssignor = capacityWeightedAssignor(1);
const input = { topics, members };
const assignment = leaderAssignor.assign(input);

console.log(`${leaderAssignor.name} (${leaderAssignor.supportedProtocols.join(', ')}): 24 partitions over capacities 1, 2, 4, 1 (no user data) and 2 (payments only)`);
for (const [memberId, a] of assignment) {
  const parts = [...a.partitions].map(([topic, ps]) => `${topic}[${ps.join(',')}]`).join(' ');
  const count = [...a.partitions.values()].reduce((n, ps) => n + ps.length, 0);
  console.log(`  ${memberId.padEnd(9)} capacity ${decodeCapacity(members.find((m) => m.memberId === memberId)?.subscription.userData)}  ${String(count).padStart(2)} partitions  ${parts}`);
}
const violations = verifyAssignment(input, assignment, { requireComplete: true });
const stats = assignmentStats(assignment);
console.log(`verifyAssignment (complete): ${violations.length === 0 ? 'valid' : JSON.stringify(violations)}; per member min ${stats.min}, max ${stats.max}, total ${stats.total}`);
if (violations.length > 0 || stats.total !== 24) process.exit(1);

// --- and when an assignor gets it wrong -------------------------------------------------------

const careless = defineAssignor({
  name: 'careless',
  // Hands every topic to every member: duplicates, and topics audit-1 never subscribed to.
  assign: (group) => new Map(group.members.map((m) => [m.memberId, new Map(group.topics.map((t) => [t.name, [0]]))])),
});
try {
  careless.assign(input);
  console.log('careless: not caught?!');
  process.exit(1);
} catch (e) {
  if (!(e instanceof AssignmentError)) throw e;
  console.log(`careless: caught before use, ${e.violations.length} violations:\n  ${e.message}`);
}
