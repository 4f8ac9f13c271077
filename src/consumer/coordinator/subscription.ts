/**
 * What a member subscribes to, in topic ids: the names it subscribes to that exist in the
 * metadata, plus the topics its regular expression resolved to. An unresolved regular
 * expression contributes nothing (Kafka treats it conservatively as matching no topic).
 */
import type { ConsumerGroupMemberMetadataValue, MetadataImage, ResolvedRegularExpression } from './types.js';

/** Looks up a resolved regular expression. */
export type ResolvedLookup = { get(regex: string): ResolvedRegularExpression | undefined };

/** The ids of the existing topics `member` subscribes to. */
export function subscribedTopicIdsOf(
  member: Pick<ConsumerGroupMemberMetadataValue, 'subscribedTopicNames' | 'subscribedTopicRegex'>,
  metadata: MetadataImage,
  resolved: ResolvedLookup,
): Set<string> {
  const ids = new Set<string>();
  for (const name of member.subscribedTopicNames) {
    const t = metadata.byName.get(name);
    if (t !== undefined) ids.add(t.topicId);
  }
  if (member.subscribedTopicRegex !== '') {
    const r = resolved.get(member.subscribedTopicRegex);
    if (r !== undefined) {
      for (const name of r.topics) {
        const t = metadata.byName.get(name);
        if (t !== undefined) ids.add(t.topicId);
      }
    }
  }
  return ids;
}
