/**
 * A log in memory: for tests, examples and coordinators that need no durability. Batches are
 * copied on append so a caller cannot change what was "written".
 */
import { UsageError } from '../../errors.js';
import type { RecordLog } from './record-log.js';

/** A {@link RecordLog} held in an array. Share one between coordinator incarnations to simulate a restart. */
export class InMemoryRecordLog<R> implements RecordLog<R> {
  readonly #batches: (readonly R[])[] = [];

  /** @param initial - batches already in the log, oldest first. */
  constructor(initial: Iterable<readonly R[]> = []) {
    for (const batch of initial) this.#batches.push([...batch]);
  }

  /** Every batch, oldest first. */
  get batches(): readonly (readonly R[])[] {
    return this.#batches;
  }

  /** Every record of every batch, oldest first. */
  records(): R[] {
    return this.#batches.flat();
  }

  /** {@inheritDoc RecordLog.read} */
  read(): Promise<readonly (readonly R[])[]> {
    return Promise.resolve(this.#batches.map((b) => [...b]));
  }

  /** {@inheritDoc RecordLog.append} */
  append(batch: readonly R[]): Promise<void> {
    if (batch.length === 0) return Promise.reject(new UsageError('a batch must hold at least one record'));
    this.#batches.push([...batch]);
    return Promise.resolve();
  }

  /**
   * Nothing to release: the log stays usable, so a coordinator restarted over the same object
   * sees what the previous one appended (a restart without a disk).
   */
  close(): Promise<void> {
    return Promise.resolve();
  }
}
