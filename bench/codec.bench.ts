/**
 * ConsumerProtocol codec throughput: encode and decode of a subscription with 100 topics and
 * 1,000 owned partitions, and of an assignment of 1,000 partitions, in ops/s and MB/s.
 *
 * For reference, in the same run: KafkaJS's MemberMetadata / MemberAssignment on comparable
 * input (KafkaJS writes only v0, so its subscription carries the 1,000 partitions as opaque
 * sticky user data, the way an eager sticky member sends them), and a floor: copying a
 * Uint8Array of the same size. Read the figures as ratios to the floor.
 *
 * Run: npx tsx bench/codec.bench.ts
 */
import { AssignerProtocol } from 'kafkajs';
import {
  decodeAssignment,
  decodeSubscription,
  encodeAssignment,
  encodeCooperativeStickyUserData,
  encodeStickyUserData,
  encodeSubscription,
  topicPartitions,
  type Subscription,
} from '../src/protocol/index.js';
import { measure, printTable, type BenchResult } from './harness.js';

const TOPICS = 100;
const PARTITIONS_PER_TOPIC = 10;

const topics = Array.from({ length: TOPICS }, (_, i) => `orders.events.region-${String(i).padStart(3, '0')}`);
const owned = topicPartitions(topics.flatMap((topic) => Array.from({ length: PARTITIONS_PER_TOPIC }, (_, partition) => ({ topic, partition }))));
const subscription: Subscription = {
  topics,
  userData: encodeCooperativeStickyUserData(42),
  ownedPartitions: owned,
  generationId: 42,
  rackId: 'eu-west-1a',
};
const assignment = { partitions: owned, userData: null };

const subscriptionBytes = encodeSubscription(subscription);
const stickyUserData = encodeStickyUserData({ partitions: owned, generation: 42 });
const subscriptionV0Bytes = encodeSubscription({ topics, userData: stickyUserData }, 0);
const assignmentBytes = encodeAssignment(assignment);

// KafkaJS inputs carrying the same information.
const kjsUserData = Buffer.from(stickyUserData);
const kjsMetadata = { version: 0, topics, userData: kjsUserData };
const kjsAssignmentObject = owned.toJSON();
const kjsAssignment = { version: 0, assignment: kjsAssignmentObject, userData: Buffer.alloc(0) };
const kjsMetadataBytes = AssignerProtocol.MemberMetadata.encode(kjsMetadata);
const kjsAssignmentBytes = AssignerProtocol.MemberAssignment.encode(kjsAssignment);

let sink = 0;
const OPS = 2000;
const RUNS = { runs: 15, warmup: 3 };

function rate(name: string, bytes: number, op: () => unknown, opsPerRun = OPS): BenchResult {
  const r = measure(
    name,
    () => {
      for (let i = 0; i < opsPerRun; i++) {
        const out = op() as { length?: number; topics?: unknown[] } | null;
        sink += out === null ? 0 : (out.length ?? 1);
      }
    },
    RUNS,
  );
  const seconds = r.medianMs / 1000;
  r.extra = {
    bytes,
    'ops/s': Math.round(opsPerRun / seconds).toLocaleString('en-US'),
    'MB/s': ((bytes * opsPerRun) / seconds / 1e6).toFixed(0),
    'us/op': ((r.medianMs * 1000) / opsPerRun).toFixed(2),
  };
  return r;
}

const copyFloor = (bytes: Uint8Array, label: string) => rate(`floor: copy ${bytes.length} bytes (${label})`, bytes.length, () => bytes.slice());

// Sanity: the benchmark measures working code.
if (decodeSubscription(subscriptionBytes).ownedPartitions.partitionCount !== 1000) throw new Error('bad subscription bench input');
if (decodeAssignment(assignmentBytes).partitions.partitionCount !== 1000) throw new Error('bad assignment bench input');
if (AssignerProtocol.MemberMetadata.decode(Buffer.from(subscriptionV0Bytes))?.topics.length !== TOPICS) throw new Error('KafkaJS cannot read our v0');

const subscriptionResults = [
  rate('kgroup encodeSubscription v3', subscriptionBytes.length, () => encodeSubscription(subscription)),
  rate('kgroup decodeSubscription v3', subscriptionBytes.length, () => decodeSubscription(subscriptionBytes).topics),
  rate('kgroup encodeSubscription v0 (sticky user data)', subscriptionV0Bytes.length, () =>
    encodeSubscription({ topics, userData: stickyUserData }, 0),
  ),
  rate('kgroup decodeSubscription v0 (sticky user data)', subscriptionV0Bytes.length, () => decodeSubscription(subscriptionV0Bytes).topics),
  rate('KafkaJS MemberMetadata.encode v0', kjsMetadataBytes.length, () => AssignerProtocol.MemberMetadata.encode(kjsMetadata)),
  rate('KafkaJS MemberMetadata.decode v0', kjsMetadataBytes.length, () => AssignerProtocol.MemberMetadata.decode(kjsMetadataBytes)?.topics),
  copyFloor(subscriptionBytes, 'v3 subscription'),
];
printTable(`ConsumerProtocol subscription: ${TOPICS} topics, ${owned.partitionCount} owned partitions`, subscriptionResults);

const assignmentResults = [
  rate('kgroup encodeAssignment', assignmentBytes.length, () => encodeAssignment(assignment)),
  rate('kgroup decodeAssignment', assignmentBytes.length, () => decodeAssignment(assignmentBytes).partitions.size),
  rate('KafkaJS MemberAssignment.encode', kjsAssignmentBytes.length, () => AssignerProtocol.MemberAssignment.encode(kjsAssignment)),
  rate('KafkaJS MemberAssignment.decode', kjsAssignmentBytes.length, () => AssignerProtocol.MemberAssignment.decode(kjsAssignmentBytes)?.userData),
  copyFloor(assignmentBytes, 'assignment'),
];
printTable(`ConsumerProtocol assignment: ${owned.partitionCount} partitions over ${TOPICS} topics`, assignmentResults);

// Keep the results observable so that no case is optimized away.
if (sink < 0) console.log(sink);
