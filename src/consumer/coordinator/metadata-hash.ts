/**
 * The metadata hash of a group (Kafka 4.1+ keeps an xxh3 digest; any deterministic digest with
 * the same equality semantics will do, reference §3.10): a digest of every subscribed topic that
 * exists (id, name, partition count, partition racks), in topic name order; 0 when none exists.
 * Topic digests are memoized per topic image object.
 */
import { compareStrings } from '../../protocol/topic-partitions.js';
import type { ConsumerGroup, MetadataImage, TopicImage } from './types.js';

const TOPIC_HASHES = new WeakMap<TopicImage, readonly [number, number]>();

class Digest {
  a = 0x811c9dc5;
  b = 0x01000193 ^ 0x5bd1e995;

  str(s: string): this {
    this.int(s.length);
    for (let i = 0; i < s.length; i++) this.unit(s.charCodeAt(i));
    return this;
  }

  int(n: number): this {
    this.unit(n & 0xffff);
    this.unit(n >>> 16);
    return this;
  }

  private unit(u: number): void {
    this.a = Math.imul(this.a ^ u, 0x01000193);
    this.b = Math.imul(this.b ^ u, 0x5bd1e995) ^ (this.b >>> 15);
  }
}

function topicHash(t: TopicImage): readonly [number, number] {
  let h = TOPIC_HASHES.get(t);
  if (h === undefined) {
    const d = new Digest().str(t.topicId).str(t.name).int(t.partitions);
    for (let p = 0; p < t.partitions; p++) {
      const racks = [...(t.partitionRacks?.[p] ?? [])].sort(compareStrings);
      d.int(racks.length);
      for (const r of racks) d.str(r);
    }
    h = [d.a >>> 0, d.b >>> 0];
    TOPIC_HASHES.set(t, h);
  }
  return h;
}

/** The names of the topics the group subscribes to: by name, and through its resolved regular expressions. */
export function subscribedTopicNamesOf(g: ConsumerGroup): Set<string> {
  const names = new Set(g.subscribedTopicNames.keys());
  for (const regex of g.subscribedRegularExpressions.keys()) {
    for (const name of g.resolvedRegularExpressions.get(regex)?.topics ?? []) names.add(name);
  }
  return names;
}

/** The group's metadata hash against `metadata`: a non-zero 53-bit number, 0 when no subscribed topic exists. */
export function computeMetadataHash(g: ConsumerGroup, metadata: MetadataImage): number {
  const existing = [...subscribedTopicNamesOf(g)].filter((n) => metadata.byName.has(n)).sort(compareStrings);
  if (existing.length === 0) return 0;
  const d = new Digest();
  for (const name of existing) {
    const [a, b] = topicHash(metadata.byName.get(name) as TopicImage);
    d.int(a).int(b);
  }
  const hash = ((d.b >>> 11) * 0x100000000 + (d.a >>> 0)) || 1;
  return hash;
}
