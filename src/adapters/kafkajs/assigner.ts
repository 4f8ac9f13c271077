/**
 * Any kgroup client-side assignor as a KafkaJS PartitionAssigner: range, round-robin, sticky or
 * your own, for KafkaJS users. KafkaJS rebalances eagerly only (it revokes everything before
 * each join), so the assignor must support EAGER. Pure: the caller supplies how to make
 * KafkaJS's byte type from a Uint8Array (the Node binding in `kgroup/runtime` uses Buffer).
 */
import { assertValidAssignment } from '../../assignors/verify.js';
import type { PartitionAssignor } from '../../assignors/types.js';
import { UsageError } from '../../errors.js';
import { decodeAssignment, decodeSubscription, encodeAssignment, encodeSubscription } from '../../protocol/consumer-protocol.js';
import { compareStrings, PackedTopicPartitions } from '../../protocol/topic-partitions.js';
import type { GroupMember, TopicMetadata } from '../../protocol/types.js';
import type { KafkaJsAssignerOptions, KafkaJsCluster, KafkaJsGroupMember, KafkaJsGroupMemberAssignment, KafkaJsPartitionAssigner } from './types.js';

/** A Uint8Array view of the bytes KafkaJS hands over (they may be a slice of a shared pool). */
function view(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The metadata of every topic a member subscribes to that the cluster knows. */
function topicMetadata(cluster: KafkaJsCluster, topics: Iterable<string>): Map<string, TopicMetadata> {
  const out = new Map<string, TopicMetadata>();
  for (const topic of [...new Set(topics)].sort(compareStrings)) {
    const partitions = cluster.findTopicPartitionMetadata(topic).length;
    if (partitions > 0) out.set(topic, { partitions });
  }
  return out;
}

/**
 * Decodes KafkaJS's members. A returning member that reports nothing it owns (KafkaJS never
 * does) is offered what the last assignment gave it: as owned partitions and generation, and
 * as the user data its assignor would have built from them (the eager sticky assignor reads
 * only its user data).
 */
function groupMembers<B extends Uint8Array>(
  assignor: PartitionAssignor,
  members: readonly KafkaJsGroupMember<B>[],
  remembered: ReadonlyMap<string, PackedTopicPartitions>,
  generationId: number,
): GroupMember[] {
  return members.map(({ memberId, memberMetadata }) => {
    const subscription = decodeSubscription(view(memberMetadata));
    const owned = remembered.get(memberId);
    if (owned === undefined || subscription.ownedPartitions.partitionCount > 0 || (subscription.userData?.length ?? 0) > 0) return { memberId, subscription };
    const userData = assignor.subscriptionUserData?.({ topics: subscription.topics, ownedPartitions: owned, generationId }) ?? null;
    return { memberId, subscription: { ...subscription, ownedPartitions: owned, generationId, userData } };
  });
}

/**
 * Wraps `assignor` as a KafkaJS PartitionAssigner whose bytes are made by `toBytes`. Throws
 * UsageError when the assignor cannot run EAGER. The assignment is checked with the verifier
 * before it is sent; an invalid one throws AssignmentError (KafkaJS retries the rebalance).
 */
export function createKafkaJsAssigner<B extends Uint8Array>(
  assignor: PartitionAssignor,
  toBytes: (bytes: Uint8Array) => B,
  options: KafkaJsAssignerOptions = {},
): KafkaJsPartitionAssigner<B> {
  if (!assignor.supportedProtocols.includes('EAGER')) throw new UsageError(`assignor ${assignor.name} does not support EAGER rebalancing, the only protocol KafkaJS has`);
  const version = options.protocolVersion ?? 0;
  const remember = options.rememberAssignments ?? true;
  return ({ cluster }) => {
    // Per consumer: only the leader's instance assigns, and it remembers what it gave out.
    let remembered = new Map<string, PackedTopicPartitions>();
    let generationId = 0;
    return {
      name: assignor.name,
      version,
      protocol: ({ topics }) => {
        const userData = assignor.subscriptionUserData?.({ topics, ownedPartitions: PackedTopicPartitions.EMPTY, generationId: -1 }) ?? null;
        return { name: assignor.name, metadata: toBytes(encodeSubscription({ topics, userData }, version)) };
      },
      assign: async ({ members, topics }) => {
        const groupMembersList = groupMembers(assignor, members, remember ? remembered : new Map(), generationId);
        const input = { members: groupMembersList, topics: topicMetadata(cluster, [...topics, ...groupMembersList.flatMap((m) => m.subscription.topics)]) };
        const output = assignor.assign(input);
        assertValidAssignment(input, output);
        generationId++;
        remembered = new Map([...output].map(([memberId, a]) => [memberId, PackedTopicPartitions.from(a.partitions)]));
        const sorted = [...output.keys()].sort(compareStrings);
        return sorted.map((memberId): KafkaJsGroupMemberAssignment<B> => ({ memberId, memberAssignment: toBytes(encodeAssignment(output.get(memberId) as NonNullable<ReturnType<typeof output.get>>, version)) }));
      },
    };
  };
}

/** Decodes a KafkaJS member assignment (what `assign` produced) into topic partitions, for tests and tools. */
export function decodeKafkaJsAssignment(bytes: Uint8Array): PackedTopicPartitions {
  return decodeAssignment(view(bytes)).partitions;
}
