/**
 * The application under test: a consumer that counts orders per partition. Its rebalance
 * listener is the logic worth testing: on revoke it commits what it processed and hands its
 * per-partition state over; on assign it picks up the committed offset and the handed-over
 * state; on lost it must NOT commit (another member may already own the partition: a zombie's
 * commit would overwrite the new owner's progress).
 */
import type { PackedTopicPartitions } from '../../src/protocol/index.js';
import type { RebalanceListener } from '../../src/runtime/index.js';

/** Shared storage: committed offsets and handed-over state, by `topic-partition`. */
export class Stores {
  readonly committed = new Map<string, number>();
  readonly handedOver = new Map<string, number>();
  readonly commitLog: string[] = [];
}

/** One consumer's application state. */
export class OrderCounter {
  /** `topic-partition` -> [next offset to process, orders counted]. */
  readonly #owned = new Map<string, { offset: number; count: number }>();

  constructor(
    readonly name: string,
    private readonly stores: Stores,
    /** How long a commit takes (ms of virtual time). */
    private readonly commitDelay: (ms: number) => Promise<void>,
  ) {}

  /** Processes the next `n` records of every partition it owns. */
  process(n: number): void {
    for (const s of this.#owned.values()) {
      s.offset += n;
      s.count += n;
    }
  }

  /** Partitions it believes it owns. */
  owned(): string[] {
    return [...this.#owned.keys()].sort();
  }

  /** The listener to give the member. */
  listener(): RebalanceListener {
    return {
      onPartitionsAssigned: (tp) => this.#assign(tp),
      onPartitionsRevoked: (tp) => this.#revoke(tp),
      onPartitionsLost: (tp) => this.#lose(tp),
    };
  }

  #assign(tp: PackedTopicPartitions): void {
    tp.forEachPartition((topic, partition) => {
      const key = `${topic}-${partition}`;
      this.#owned.set(key, { offset: this.stores.committed.get(key) ?? 0, count: this.stores.handedOver.get(key) ?? this.stores.committed.get(key) ?? 0 });
    });
  }

  async #revoke(tp: PackedTopicPartitions): Promise<void> {
    await this.commitDelay(200); // the commit's round trip: the rebalance waits for it
    tp.forEachPartition((topic, partition) => {
      const key = `${topic}-${partition}`;
      const s = this.#owned.get(key);
      if (s === undefined) return;
      this.stores.committed.set(key, s.offset);
      this.stores.handedOver.set(key, s.count);
      this.stores.commitLog.push(`${this.name} ${key}@${s.offset}`);
      this.#owned.delete(key);
    });
  }

  #lose(tp: PackedTopicPartitions): void {
    // No commit: the partition may already be someone else's. Work since the last commit is redone there.
    tp.forEachPartition((topic, partition) => this.#owned.delete(`${topic}-${partition}`));
  }
}
