/**
 * The application under test: a consumer that counts orders per partition. Its rebalance
 * listener commits the consumed offset and hands its per-partition state over on revoke, picks
 * both up on assign, and commits nothing on loss (the partition may already be someone else's:
 * the work since the last commit is redone there, at-least-once).
 */
import type { ListenerContext, PackedTopicPartitions, SimulationListener } from '../../src/testing/index.js';

/** What the application keeps outside the consumer: committed offsets and handed-over state. */
export class Stores {
  /** Committed offset per partition ("orders-3"). */
  readonly committed = new Map<string, number>();
  /** Per-partition state handed over on revoke: the count of orders seen, as of the commit. */
  readonly handedOver = new Map<string, number>();
  /** Every commit, in order: "c1 orders-3@1200 t=5000". */
  readonly commitLog: string[] = [];
  /** Every callback, in order: what a test asserts on. */
  readonly events: ListenerEvent[] = [];
}

/** One callback as the application saw it. */
export interface ListenerEvent {
  readonly kind: 'assigned' | 'revoked' | 'lost';
  readonly member: string;
  readonly incarnation: number;
  readonly atMs: number;
  readonly epoch: number;
  readonly partition: string;
  /** The partition's consumed position at the callback. */
  readonly position: number;
  /** The committed offset right after the callback (assigned: where the new owner resumes). */
  readonly committed: number;
}

/** How long a commit takes (its round trip; the rebalance waits for it). */
export const COMMIT_MS = 200;

/** The listener of one member (every process of it shares the stores, as a database would be). */
export function orderCounter(stores: Stores): SimulationListener {
  const each = (kind: ListenerEvent['kind'], tp: PackedTopicPartitions, ctx: ListenerContext, fn: (key: string, position: number) => void): void =>
    tp.forEachPartition((topic, partition) => {
      const key = `${topic}-${partition}`;
      const position = ctx.position(topic, partition);
      fn(key, position);
      const committed = stores.committed.get(key) ?? 0;
      stores.events.push({ kind, member: ctx.member, incarnation: ctx.incarnation, atMs: ctx.nowMs, epoch: ctx.epoch, partition: key, position, committed });
    });
  return {
    onPartitionsAssigned: (tp, ctx) => {
      // Resume from the committed offset, with the state handed over with it (if any).
      each('assigned', tp, ctx, (key) => {
        if (!stores.handedOver.has(key)) stores.handedOver.set(key, stores.committed.get(key) ?? 0);
      });
      return 0;
    },
    onPartitionsRevoked: (tp, ctx) => {
      each('revoked', tp, ctx, (key, position) => {
        stores.committed.set(key, position);
        stores.handedOver.set(key, position);
        stores.commitLog.push(`${ctx.member} ${key}@${position} t=${ctx.nowMs}`);
      });
      return COMMIT_MS;
    },
    onPartitionsLost: (tp, ctx) => {
      // No commit: a zombie must not overwrite what the new owner committed.
      each('lost', tp, ctx, () => {});
      return 0;
    },
  };
}
