/**
 * A durable, append-only log in one file: each batch is a checksummed frame (see frame.ts),
 * written with a single write and fsynced before its append resolves. Opening the file scans
 * it, drops a torn tail (a frame a crash cut short or garbled) and truncates the file there, so
 * new frames never follow garbage; damage anywhere else refuses to open (CorruptLogError).
 */
import { open, type FileHandle } from 'node:fs/promises';
import { UsageError } from '../../errors.js';
import { encodeFrame, LOG_MAGIC, scanFrames } from './frame.js';
import type { RecordLog } from './record-log.js';
import type { RecordSerializer } from './serializer.js';

/** Settings of a {@link FileRecordLog}. */
export interface FileRecordLogOptions<R> {
  /** How a batch becomes a frame's payload. */
  readonly serializer: RecordSerializer<R>;
  /** fsync after every append (default true). Turn off only for throwaway logs: a crash may then lose acknowledged batches. */
  readonly fsync?: boolean;
}

/** What opening found at the end of the file. */
export interface FileRecordLogRecovery {
  /** Bytes of a torn tail dropped at open (0 when the file ended cleanly). */
  readonly droppedBytes: number;
}

/** A {@link RecordLog} in a file; create one with {@link FileRecordLog.open}. */
export class FileRecordLog<R> implements RecordLog<R> {
  readonly #file: FileHandle;
  readonly #serializer: RecordSerializer<R>;
  readonly #fsync: boolean;
  readonly #batches: readonly (readonly R[])[];
  /** Appends run one after another, in call order. */
  #tail: Promise<void> = Promise.resolve();
  #closed = false;

  /** What opening the file found. */
  readonly recovery: FileRecordLogRecovery;

  private constructor(file: FileHandle, options: FileRecordLogOptions<R>, batches: readonly (readonly R[])[], recovery: FileRecordLogRecovery) {
    this.#file = file;
    this.#serializer = options.serializer;
    this.#fsync = options.fsync ?? true;
    this.#batches = batches;
    this.recovery = recovery;
  }

  /**
   * Opens (or creates) the log at `path`: reads every intact batch, drops a torn tail and
   * truncates it away. Throws CorruptLogError for damage that is not a torn tail and
   * DecodeError for an intact frame whose payload the serializer rejects.
   */
  static async open<R>(path: string, options: FileRecordLogOptions<R>): Promise<FileRecordLog<R>> {
    const file = await open(path, 'a+');
    try {
      const scanned = scanFrames(new Uint8Array(await file.readFile()));
      const batches = scanned.payloads.map((p) => options.serializer.decode(p));
      if (scanned.tornBytes > 0 || scanned.validEnd === 0) await resetTail(file, scanned.validEnd);
      return new FileRecordLog(file, options, batches, { droppedBytes: scanned.tornBytes });
    } catch (error) {
      await file.close();
      throw error;
    }
  }

  /** {@inheritDoc RecordLog.read} */
  read(): Promise<readonly (readonly R[])[]> {
    return Promise.resolve(this.#batches);
  }

  /** {@inheritDoc RecordLog.append} */
  append(batch: readonly R[]): Promise<void> {
    if (this.#closed) return Promise.reject(new UsageError('append to a closed log'));
    if (batch.length === 0) return Promise.reject(new UsageError('a batch must hold at least one record'));
    const frame = encodeFrame(this.#serializer.encode(batch));
    const write = this.#tail.then(() => this.#write(frame));
    // A failed append must not block the ones after it from reporting their own outcome.
    this.#tail = write.catch(() => undefined);
    return write;
  }

  async #write(frame: Uint8Array): Promise<void> {
    // 'a+' appends every write at the end; one write per frame keeps a torn frame at the tail.
    let written = 0;
    while (written < frame.length) written += (await this.#file.write(frame, written, frame.length - written)).bytesWritten;
    if (this.#fsync) await this.#file.datasync();
  }

  /** {@inheritDoc RecordLog.close} */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#tail;
    await this.#file.close();
  }
}

/** Truncates a torn tail (or writes the magic into a new or torn-at-creation file) and makes it durable. */
async function resetTail(file: FileHandle, validEnd: number): Promise<void> {
  await file.truncate(validEnd);
  if (validEnd === 0) await file.write(LOG_MAGIC, 0, LOG_MAGIC.length);
  await file.sync();
}
