/**
 * The pluggable log a coordinator appends its records to, and reads back at start to rebuild
 * every group (Kafka's __consumer_offsets partition, in the coordinator's hands).
 */

/**
 * An append-only log of record batches. One batch holds the records of one step and is atomic:
 * after a crash a batch is either wholly present or wholly absent.
 */
export interface RecordLog<R> {
  /** Every batch acknowledged so far (and possibly batches appended but not yet acknowledged), oldest first. */
  read(): Promise<readonly (readonly R[])[]>;
  /**
   * Appends one non-empty batch. The promise resolves once the batch is durable; batches become
   * durable in the order of the calls. A rejection means the batch may or may not survive.
   */
  append(batch: readonly R[]): Promise<void>;
  /** Waits for pending appends and releases the log. */
  close(): Promise<void>;
}
