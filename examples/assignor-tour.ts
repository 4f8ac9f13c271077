/**
 * The main job until the simulator lands (`npm start`): what each assignor does to a sample
 * group, and what moves when a member joins.
 *
 * Three consumers share `orders` (6 partitions) and `payments` (4); consumer `c` reads only
 * `orders`. Each assignor assigns the group, then consumer `d` joins and the group rebalances
 * with every member reporting what it owns (as ownedPartitions and the assignor's user data,
 * the way a Kafka member does). Cooperative rebalancing may take a follow-up round.
 */
import {
  cooperativeStickyAssignor,
  diffTopicPartitions,
  equalTopicPartitions,
  PackedTopicPartitions,
  rangeAssignor,
  roundRobinAssignor,
  stickyAssignor,
  verifyAssignment,
  type Assignment,
  type GroupMember,
  type PartitionAssignor,
  type TopicMetadata,
  type TopicPartitions,
} from '../src/index.js';

const topics = new Map<string, TopicMetadata>([
  ['orders', { partitions: 6 }],
  ['payments', { partitions: 4 }],
]);
const subscriptions = new Map<string, string[]>([
  ['a', ['orders', 'payments']],
  ['b', ['orders', 'payments']],
  ['c', ['orders']],
]);

function show(tp: TopicPartitions): string {
  const parts: string[] = [];
  for (const [topic, ps] of tp) parts.push(`${topic}[${ps.join(',')}]`);
  return parts.length === 0 ? '-' : parts.join(' ');
}

/** The group as the leader sees it: each member reports what it owns and its generation. */
function members(
  assignor: PartitionAssignor,
  subs: ReadonlyMap<string, string[]>,
  owned: ReadonlyMap<string, TopicPartitions>,
  generationId: number,
): GroupMember[] {
  return [...subs].map(([memberId, topicList]) => {
    const ownedPartitions = owned.get(memberId) ?? PackedTopicPartitions.EMPTY;
    const gen = owned.has(memberId) ? generationId : -1;
    const cooperative = assignor.supportedProtocols.includes('COOPERATIVE');
    return {
      memberId,
      subscription: {
        topics: topicList,
        // Eager members revoke everything before they join, so they report nothing owned;
        // the sticky assignor carries the previous assignment in its user data instead.
        ownedPartitions: cooperative ? ownedPartitions : PackedTopicPartitions.EMPTY,
        generationId: gen,
        userData: assignor.subscriptionUserData?.({ topics: topicList, ownedPartitions, generationId: gen }) ?? null,
      },
    };
  });
}

function round(assignor: PartitionAssignor, group: GroupMember[]): Map<string, Assignment> {
  const input = { topics, members: group };
  const out = assignor.assign(input);
  const violations = verifyAssignment(input, out, { cooperative: assignor.supportedProtocols[0] === 'COOPERATIVE' });
  if (violations.length > 0) throw new Error(`${assignor.name}: ${JSON.stringify(violations[0])}`);
  return out;
}

function tour(assignor: PartitionAssignor): void {
  console.log(`\n## ${assignor.name} (${assignor.supportedProtocols.join(', ')})`);
  const first = round(assignor, members(assignor, subscriptions, new Map(), -1));
  const owned = new Map([...first].map(([id, a]) => [id, a.partitions]));
  for (const [id, tp] of owned) console.log(`  ${id}: ${show(tp)}`);

  console.log('  d joins (orders, payments):');
  const grown = new Map([...subscriptions, ['d', ['orders', 'payments']]]);
  let generation = 1;
  let current = owned;
  let moved = 0;
  for (let r = 1; r <= 3; r++) {
    const next = round(assignor, members(assignor, grown, current, generation));
    generation++;
    let revoked = 0;
    for (const [id, a] of next) {
      const diff = diffTopicPartitions(current.get(id) ?? PackedTopicPartitions.EMPTY, a.partitions);
      revoked += diff.revoked.partitionCount;
      moved += diff.added.partitionCount;
      const note = [diff.added.size ? `+${show(diff.added)}` : '', diff.revoked.size ? `-${show(diff.revoked)}` : ''].filter(Boolean).join(' ');
      console.log(`    round ${r} ${id}: ${show(a.partitions)}${note ? `   (${note})` : ''}`);
    }
    const settled = [...next].every(([id, a]) => equalTopicPartitions(a.partitions, current.get(id) ?? PackedTopicPartitions.EMPTY));
    current = new Map([...next].map(([id, a]) => [id, a.partitions]));
    // Eager groups settle in one round; a cooperative member that revoked something rejoins.
    if (settled || revoked === 0 || !assignor.supportedProtocols.includes('COOPERATIVE')) break;
  }
  console.log(`  partitions that changed owner: ${moved}`);
}

for (const assignor of [rangeAssignor, roundRobinAssignor, stickyAssignor, cooperativeStickyAssignor]) tour(assignor);
