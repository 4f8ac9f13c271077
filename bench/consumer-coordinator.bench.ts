/**
 * The KIP-848 consumer group coordinator: steady-state heartbeats for groups of 100, 1,000 and
 * 10,000 members (STABLE at the target epoch, each owning 10 partitions), and a join into the
 * 10,000-member group (which recomputes the target assignment). The group is built from its
 * records. Each heartbeat case prints a floor measured in the same run: the cost of just
 * writing out a heartbeat's two outputs. The join is measured twice: as the first target build
 * after a load, and in a live group, where the memos of the member and target tables are warm.
 *
 * Run: node --expose-gc --import tsx bench/consumer-coordinator.bench.ts
 */
import { initialConsumerGroupState, replayConsumerGroup, stepConsumerGroup } from '../src/consumer/coordinator/index.js';
import { computeMetadataHash } from '../src/consumer/coordinator/metadata-hash.js';
import type { ConsumerGroup, ConsumerGroupCoordinatorInput, ConsumerGroupCoordinatorState, ConsumerGroupRecord, TopicImage } from '../src/consumer/coordinator/index.js';
import { TopicPartitionsBuilder, PackedTopicPartitions } from '../src/protocol/topic-partitions.js';
import { measure, printTable } from './harness.js';
import type { BenchResult } from './harness.js';

const PARTITIONS_PER_MEMBER = 10;
const TOPICS = 100;

function topics(members: number): TopicImage[] {
  const perTopic = Math.ceil((members * PARTITIONS_PER_MEMBER) / TOPICS);
  return Array.from({ length: TOPICS }, (_, t) => ({ topicId: `topic-${t}-id`, name: `topic-${t}`, partitions: perTopic }));
}

function memberId(i: number): string {
  return `member-${String(i).padStart(6, '0')}-5c1e0b7a-8d2f-4e3a-9b61-0f4c2d7e8a90`;
}

/** A Stable group of `members`, each owning 10 partitions at epoch 1, built from records. */
function stableGroup(members: number): ConsumerGroupCoordinatorState {
  const image = topics(members);
  const names = image.map((t) => t.name).sort();
  const perTopic = image[0]?.partitions ?? 0;
  const records: ConsumerGroupRecord[] = [{ type: 'ConsumerGroupMetadata', groupId: 'bench', value: { epoch: 1, metadataHash: 1 } }];
  for (let i = 0; i < members; i++) {
    const id = memberId(i);
    const b = new TopicPartitionsBuilder();
    for (let k = 0; k < PARTITIONS_PER_MEMBER; k++) {
      const n = i * PARTITIONS_PER_MEMBER + k;
      b.add(`topic-${Math.floor(n / perTopic)}-id`, n % perTopic);
    }
    const assigned = b.build();
    records.push(
      {
        type: 'ConsumerGroupMemberMetadata',
        groupId: 'bench',
        memberId: id,
        value: { instanceId: null, rackId: null, clientId: 'consumer', clientHost: '/10.0.0.1', subscribedTopicNames: names, subscribedTopicRegex: '', rebalanceTimeoutMs: 300_000, serverAssignor: null },
      },
      { type: 'ConsumerGroupTargetAssignmentMember', groupId: 'bench', memberId: id, value: { topicPartitions: assigned } },
      { type: 'ConsumerGroupCurrentMemberAssignment', groupId: 'bench', memberId: id, value: { memberEpoch: 1, previousMemberEpoch: 0, state: 'STABLE', assignedPartitions: assigned, partitionsPendingRevocation: PackedTopicPartitions.EMPTY } },
    );
  }
  records.push({ type: 'ConsumerGroupTargetAssignmentMetadata', groupId: 'bench', value: { assignmentEpoch: 1 } });
  const draft = replayConsumerGroup({ groupId: 'bench' }, records, image);
  // The real metadata hash, so that the load-time hash check finds nothing to bump.
  records.push({ type: 'ConsumerGroupMetadata', groupId: 'bench', value: { epoch: 1, metadataHash: computeMetadataHash(draft.group as ConsumerGroup, draft.metadata) } });
  let s = replayConsumerGroup({ groupId: 'bench' }, records, image);
  // One heartbeat settles the soft state (the first one after a load checks the metadata hash).
  s = stepConsumerGroup(s, heartbeat(0, 0), 0).state;
  return s;
}

function heartbeat(i: number, requestId: number): ConsumerGroupCoordinatorInput {
  return {
    type: 'request',
    api: 'ConsumerGroupHeartbeat',
    requestId,
    apiVersion: 1,
    clientId: 'consumer',
    clientHost: '/10.0.0.1',
    body: { groupId: 'bench', memberId: memberId(i), memberEpoch: 1, rebalanceTimeoutMs: -1, topicPartitions: null },
  };
}

const HEARTBEATS = 200_000;

function heartbeatCase(members: number): BenchResult {
  const state = stableGroup(members);
  const inputs = Array.from({ length: 4096 }, (_, k) => heartbeat((k * 7919) % members, k));
  let sink = 0;
  const r = measure(`steady-state heartbeat, ${members} members`, () => {
    let s = state;
    for (let k = 0; k < HEARTBEATS; k++) {
      const out = stepConsumerGroup(s, inputs[k & 4095] as ConsumerGroupCoordinatorInput, k);
      s = out.state;
      sink += out.outputs.length;
    }
    if (s !== state) throw new Error('a steady-state heartbeat changed the state');
  }, { runs: 5, warmup: 2 });
  const floor = measure('floor', () => {
    for (let k = 0; k < HEARTBEATS; k++) {
      const outputs = [
        { type: 'schedule-timer', key: `session-timeout-${memberId(k % members)}`, deadlineMs: k + 45_000 },
        { type: 'response', api: 'ConsumerGroupHeartbeat', requestId: k, apiVersion: 1, response: { errorCode: 0, errorMessage: null, memberId: 'm', memberEpoch: 1, heartbeatIntervalMs: 5000, assignment: null } },
      ];
      sink += outputs.length;
    }
  });
  if (sink < 0) console.log(sink);
  const perSecond = Math.round((HEARTBEATS / r.medianMs) * 1000);
  return { ...r, extra: { 'heartbeats/s': perSecond.toLocaleString('en-US'), 'µs/heartbeat': ((r.medianMs * 1000) / HEARTBEATS).toFixed(2), 'floor µs': ((floor.medianMs * 1000) / HEARTBEATS).toFixed(2) } };
}

function joinRequest(members: number, memberId: string): ConsumerGroupCoordinatorInput {
  return {
    type: 'request',
    api: 'ConsumerGroupHeartbeat',
    requestId: memberId,
    apiVersion: 1,
    body: { groupId: 'bench', memberId, memberEpoch: 0, rebalanceTimeoutMs: 300_000, topicPartitions: [], subscribedTopicNames: topics(members).map((t) => t.name) },
  };
}

/**
 * A member joins: the first join after the group was loaded from its records (which sorts the
 * member ids and indexes the targets once), and a join into a group that has computed a target
 * since (the steady state of a live coordinator).
 */
function joinCases(members: number): BenchResult[] {
  const loaded = stableGroup(members);
  const afterLoad = measure(`member joins ${members}, first build after load (uniform)`, () => stepConsumerGroup(loaded, joinRequest(members, 'joiner'), 1), { runs: 7, warmup: 2 });
  // A live coordinator steps forward: each run is a new member joining the group the previous
  // run left (the memos a step hands over to the newer tables are what it reads next).
  let live = stepConsumerGroup(loaded, joinRequest(members, 'earlier-joiner'), 1).state;
  let joined = 0;
  const steady = measure(`member joins ${members}, live group (uniform)`, () => (live = stepConsumerGroup(live, joinRequest(members, `joiner-${++joined}`), 2).state), { runs: 15, warmup: 10 });
  return [afterLoad, steady];
}

const results = [heartbeatCase(100), heartbeatCase(1_000), heartbeatCase(10_000), ...joinCases(10_000)];
printTable('consumer group coordinator (KIP-848)', results);
const [small, , large] = results;
if (small !== undefined && large !== undefined) console.log(`\n10,000-member heartbeat cost / 100-member cost: ${(large.medianMs / small.medianMs).toFixed(2)}x`);
void initialConsumerGroupState;
