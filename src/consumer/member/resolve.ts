/**
 * Topic id -> name resolution of a target assignment (Kafka's
 * findResolvableAssignmentAndTriggerMetadataUpdate): names come from the metadata, else from
 * the cache of names of topics the member was assigned; what stays unresolved waits for later
 * metadata while the resolvable part is reconciled.
 */
import { TopicPartitionsBuilder, type PackedTopicPartitions } from '../../protocol/topic-partitions.js';
import type { MemberContext } from './context.js';

/** The resolvable part of the target, by topic id and by topic name, and the ids left over. */
export interface ResolvedTarget {
  readonly byId: PackedTopicPartitions;
  readonly byName: PackedTopicPartitions;
  /** Ascending. */
  readonly unresolved: readonly string[];
}

/** Resolves the target's topic ids; names found in the metadata go into the cache. */
export function resolveTarget(ctx: MemberContext): ResolvedTarget {
  const s = ctx.s;
  const byId = new TopicPartitionsBuilder();
  const byName = new TopicPartitionsBuilder();
  const unresolved: string[] = [];
  let cache: Map<string, string> | null = null;
  for (const [topicId, partitions] of s.targetAssignment.partitions) {
    const fromMetadata = s.topicNames.get(topicId);
    const name = fromMetadata ?? s.assignedTopicNames.get(topicId);
    if (name === undefined) {
      unresolved.push(topicId);
      continue;
    }
    if (fromMetadata !== undefined && s.assignedTopicNames.get(topicId) !== fromMetadata) {
      cache ??= new Map(s.assignedTopicNames);
      cache.set(topicId, fromMetadata);
    }
    byId.addAll(topicId, partitions);
    byName.addAll(name, partitions);
  }
  if (cache !== null) s.assignedTopicNames = cache;
  return { byId: byId.build(), byName: byName.build(), unresolved };
}

/** Kafka prunes the cache to the topics assigned after each reconciliation. */
export function pruneAssignedTopicNames(ctx: MemberContext, assigned: PackedTopicPartitions): void {
  const s = ctx.s;
  let pruned: Map<string, string> | null = null;
  for (const [topicId, name] of s.assignedTopicNames) {
    if (assigned.has(name)) continue;
    pruned ??= new Map(s.assignedTopicNames);
    pruned.delete(topicId);
  }
  if (pruned !== null) s.assignedTopicNames = pruned;
}
