/**
 * The partitions of a simulated group laid out flat: each (topic, partition) gets an index,
 * topics in name order, so per-partition figures live in typed arrays instead of Maps.
 */
import { compareStrings } from '../protocol/topic-partitions.js';
import type { PackedTopicPartitions } from '../protocol/topic-partitions.js';
import type { TopicSpec } from './scenario/types.js';

/** Flat partition indexes for a set of topics. */
export class PartitionLayout {
  /** Topics in name order. */
  readonly topics: readonly TopicSpec[];
  readonly #offset = new Map<string, number>();
  /** Number of partitions over all topics. */
  readonly size: number;
  /** The topic of each flat index. */
  readonly topicOf: readonly string[];
  /** The partition id of each flat index. */
  readonly partitionOf: Int32Array;

  constructor(topics: readonly TopicSpec[]) {
    this.topics = [...topics].sort((a, b) => compareStrings(a.name, b.name));
    let n = 0;
    for (const t of this.topics) {
      this.#offset.set(t.name, n);
      n += t.partitions;
    }
    this.size = n;
    const topicOf: string[] = [];
    this.partitionOf = new Int32Array(n);
    for (const t of this.topics) {
      for (let p = 0; p < t.partitions; p++) {
        this.partitionOf[topicOf.length] = p;
        topicOf.push(t.name);
      }
    }
    this.topicOf = topicOf;
  }

  /** The flat index of a partition, or -1 when the group does not subscribe to it. */
  indexOf(topic: string, partition: number): number {
    const base = this.#offset.get(topic);
    const spec = base === undefined ? undefined : this.topics.find((t) => t.name === topic);
    if (base === undefined || spec === undefined || partition >= spec.partitions) return -1;
    return base + partition;
  }

  /** The flat indexes of a set, ascending. */
  indexesOf(tp: PackedTopicPartitions): number[] {
    const out: number[] = [];
    for (let i = 0; i < tp.size; i++) {
      const base = this.#offset.get(tp.topicAt(i));
      if (base === undefined) continue;
      for (const p of tp.partitionsAt(i)) out.push(base + p);
    }
    return out;
  }

  /** The topic and partition at a flat index. */
  partitionAt(index: number): { topic: string; partition: number } {
    return { topic: this.topicOf[index] ?? '?', partition: this.partitionOf[index] ?? index };
  }
}
