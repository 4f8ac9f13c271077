/**
 * OffsetFetch for the group (Kafka's `OffsetMetadataManager.fetchOffsets` / `fetchAllOffsets`):
 * committed offsets, -1 where nothing is committed. A Dead or missing group has none.
 */
import { ErrorCode } from '../../protocol/error-codes.js';
import { compareStrings } from '../../protocol/topic-partitions.js';
import type { StepContext } from './context.js';
import type { RequestMeta } from './request-meta.js';
import type { OffsetAndMetadata, OffsetFetchRequest, OffsetFetchResponse, OffsetFetchResponsePartition } from './types.js';

function partitionResponse(partitionIndex: number, offset: OffsetAndMetadata | undefined): OffsetFetchResponsePartition {
  if (offset === undefined) return { partitionIndex, committedOffset: -1, committedLeaderEpoch: -1, metadata: '', errorCode: ErrorCode.NONE };
  return { partitionIndex, committedOffset: offset.offset, committedLeaderEpoch: offset.leaderEpoch, metadata: offset.metadata, errorCode: ErrorCode.NONE };
}

/** Handles an OffsetFetch request. Changes nothing. */
export function handleOffsetFetch(ctx: StepContext, req: OffsetFetchRequest, meta: RequestMeta): void {
  const g = ctx.groupOrNull;
  const visible = g !== null && g.state !== 'Dead';
  const offsets = ctx.offsets;
  let topics: OffsetFetchResponse['topics'];
  if (req.topics !== null) {
    topics = req.topics.map((t) => {
      const stored = visible ? offsets.get(t.name) : undefined;
      return { name: t.name, partitions: t.partitionIndexes.map((p) => partitionResponse(p, stored?.get(p))) };
    });
  } else {
    // Every committed offset; Kafka's order is a hash map's, so topics and partitions are sorted.
    const names = visible ? [...offsets.keys()].sort(compareStrings) : [];
    topics = names.map((name) => {
      const stored = offsets.get(name) as ReadonlyMap<number, OffsetAndMetadata>;
      const partitions = [...stored.keys()].sort((a, b) => a - b).map((p) => partitionResponse(p, stored.get(p)));
      return { name, partitions };
    });
  }
  ctx.respond('OffsetFetch', meta, { errorCode: ErrorCode.NONE, topics });
}
