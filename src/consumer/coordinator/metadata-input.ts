/**
 * A new metadata image from the caller (Kafka's `onNewMetadataImage`): when a topic the group
 * subscribes to (by name or through a resolved regular expression) was created, deleted or
 * changed, the group's metadata is marked for refresh, so that its next heartbeat recomputes the
 * metadata hash and bumps the group epoch if it changed.
 */
import type { StepContext } from './context.js';
import { buildMetadataImage, topicChanged } from './metadata.js';
import { subscribedTopicNamesOf } from './metadata-hash.js';
import type { TopicImage } from './types.js';

/** Installs the new image and requests a refresh when a subscribed topic changed. */
export function handleMetadata(ctx: StepContext, topics: readonly TopicImage[]): void {
  const before = ctx.metadata;
  const after = buildMetadataImage(topics, before);
  ctx.setMetadata(after);
  const g = ctx.group;
  if (g === null) return;
  for (const name of subscribedTopicNamesOf(g)) {
    if (topicChanged(before.byName.get(name), after.byName.get(name))) {
      ctx.setSoft({ metadataRefreshDeadlineMs: 0, metadataRefreshEpoch: 0 });
      return;
    }
  }
}
