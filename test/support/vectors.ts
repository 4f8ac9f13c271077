/**
 * Loads the assignor test vectors (test/fixtures/assignor-vectors.jsonl, the team's sample of
 * Kafka's own assignor test expectations) into kgroup's input types.
 *
 * Vector format: `topics` maps a topic to one string per partition listing its replica racks
 * as one-letter ids (`"ab"`: racks a and b; `""`: no rack), or to a partition count for
 * roundrobin. `members` are in the iteration order of the Java map the Kafka test used.
 * Partitions are written `topic-N`.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  encodeCooperativeStickyUserData,
  encodeStickyUserData,
  topicPartitions,
  type GroupMember,
  type PackedTopicPartitions,
  type TopicMetadata,
} from '../../src/protocol/index.js';

/** One member as written in a vector. */
export interface VectorMember {
  id: string;
  topics: string[];
  groupInstanceId?: string;
  rackId?: string;
  ownedPartitions?: string[];
  generationId?: number;
  userData?: { sticky?: { previousAssignment: string[]; generation?: number }; cooperative?: { generation: number } };
}

/** One vector, as in the file. */
export interface AssignorVector {
  id: string;
  assignor: 'range' | 'roundrobin' | 'sticky' | 'cooperative-sticky';
  source: string;
  preferRackAwareLogic?: boolean;
  topics: Record<string, string[] | number>;
  members: VectorMember[];
  expect: Record<string, string[]>;
  compare: 'set' | 'list';
  expectRackMismatches?: number;
  expectPartitionsTransferringOwnership?: Record<string, string> | null;
  expectAfterFollowUpRebalances?: Record<string, string[]>;
  followUpRule?: string;
  cooperativeFollowUpRounds?: number;
  expectProvenance?: string;
  note?: string;
}

const FILE = fileURLToPath(new URL('../fixtures/assignor-vectors.jsonl', import.meta.url));

/** Every vector in the file, in file order. */
export function loadVectors(): AssignorVector[] {
  return readFileSync(FILE, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as AssignorVector);
}

/** Splits `topic-N` at the last dash. */
export function parsePartition(s: string): { topic: string; partition: number } {
  const dash = s.lastIndexOf('-');
  return { topic: s.slice(0, dash), partition: Number(s.slice(dash + 1)) };
}

/** `["t-0", "t-1"]` as a TopicPartitions. */
export function parsePartitions(list: readonly string[]): PackedTopicPartitions {
  return topicPartitions(list.map(parsePartition));
}

/** The vector's topic metadata. Racks are kept only where some partition has one. */
export function vectorTopics(v: AssignorVector): Map<string, TopicMetadata> {
  const out = new Map<string, TopicMetadata>();
  for (const [topic, spec] of Object.entries(v.topics)) {
    if (typeof spec === 'number') {
      out.set(topic, { partitions: spec });
      continue;
    }
    const racks = spec.map((s) => [...s]);
    out.set(topic, racks.some((r) => r.length > 0) ? { partitions: spec.length, partitionRacks: racks } : { partitions: spec.length });
  }
  return out;
}

/** The vector's members as GroupMembers, in the vector's order. */
export function vectorMembers(v: AssignorVector): GroupMember[] {
  return v.members.map((m) => {
    let userData: Uint8Array | null = null;
    if (m.userData?.sticky) {
      const s = m.userData.sticky;
      const partitions = parsePartitions(s.previousAssignment);
      userData = s.generation === undefined ? encodeStickyUserData({ partitions }, 0) : encodeStickyUserData({ partitions, generation: s.generation }, 1);
    } else if (m.userData?.cooperative) {
      userData = encodeCooperativeStickyUserData(m.userData.cooperative.generation);
    }
    return {
      memberId: m.id,
      groupInstanceId: m.groupInstanceId ?? null,
      subscription: {
        topics: m.topics,
        userData,
        ownedPartitions: parsePartitions(m.ownedPartitions ?? []),
        generationId: m.generationId ?? -1,
        rackId: m.rackId ?? null,
      },
    };
  });
}
