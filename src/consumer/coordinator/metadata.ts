/**
 * The cluster metadata image the caller supplies: topics by id and by name, validated (a bad
 * image is the caller's fault, so it throws UsageError), with Kafka's image version that moves
 * when topics are created (regular expressions are re-resolved after that).
 */
import { UsageError } from '../../errors.js';
import type { MetadataImage, TopicImage } from './types.js';

const MAX_INT32 = 0x7fffffff;

/** The empty image. */
export const EMPTY_METADATA: MetadataImage = { byId: new Map(), byName: new Map(), version: 0 };

function checkTopic(t: TopicImage): TopicImage {
  if (typeof t !== 'object' || t === null) throw new UsageError('a topic image must be an object');
  if (typeof t.topicId !== 'string' || t.topicId === '') throw new UsageError('topicId must be a non-empty string');
  if (typeof t.name !== 'string' || t.name === '') throw new UsageError(`topic ${t.topicId}: name must be a non-empty string`);
  if (!Number.isInteger(t.partitions) || t.partitions < 0 || t.partitions > MAX_INT32) {
    throw new UsageError(`topic ${t.name}: partitions must be an int32 >= 0`);
  }
  if (t.partitionRacks !== undefined && (!Array.isArray(t.partitionRacks) || t.partitionRacks.some((r) => !Array.isArray(r) || r.some((x) => typeof x !== 'string')))) {
    throw new UsageError(`topic ${t.name}: partitionRacks must be arrays of strings`);
  }
  return t;
}

/** The image of `topics`, following `previous` (its version moves when a topic id is new). */
export function buildMetadataImage(topics: readonly TopicImage[], previous: MetadataImage = EMPTY_METADATA): MetadataImage {
  if (!Array.isArray(topics)) throw new UsageError('metadata topics must be an array');
  const byId = new Map<string, TopicImage>();
  const byName = new Map<string, TopicImage>();
  for (const raw of topics) {
    const t = checkTopic(raw);
    if (byId.has(t.topicId)) throw new UsageError(`duplicate topic id ${t.topicId}`);
    if (byName.has(t.name)) throw new UsageError(`duplicate topic name ${t.name}`);
    byId.set(t.topicId, t);
    byName.set(t.name, t);
  }
  const created = [...byId.keys()].some((id) => !previous.byId.has(id));
  return { byId, byName, version: created ? previous.version + 1 : previous.version };
}

/** True when the topic differs between the images in anything the assignment depends on. */
export function topicChanged(a: TopicImage | undefined, b: TopicImage | undefined): boolean {
  if (a === undefined || b === undefined) return a !== b;
  return a.topicId !== b.topicId || a.name !== b.name || a.partitions !== b.partitions || JSON.stringify(a.partitionRacks ?? []) !== JSON.stringify(b.partitionRacks ?? []);
}
