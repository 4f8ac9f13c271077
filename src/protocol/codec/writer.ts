/**
 * Writes Kafka's non-flexible primitives into a buffer sized exactly in advance: encoders
 * first add up the size, then write once, so encoding allocates one Uint8Array.
 */
import { InvariantError, UsageError } from '../../errors.js';
import { utf8Length, writeUtf8 } from './utf8.js';

const MAX_STRING_BYTES = 0x7fff;

/** Encoded size of a STRING or NULLABLE_STRING. Throws UsageError past Kafka's 32767-byte limit. */
export function stringSize(s: string | null, field: string): number {
  if (s === null) return 2;
  const n = s.length < 0x2000 && isAscii(s) ? s.length : utf8Length(s);
  if (n > MAX_STRING_BYTES) throw new UsageError(`${field} is ${n} bytes of UTF-8; Kafka strings hold at most ${MAX_STRING_BYTES}`);
  return 2 + n;
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0x80) return false;
  return true;
}

/**
 * Returns `v` when it is an int32; throws UsageError otherwise (DataView would silently wrap
 * 2^31 to -2^31 and turn NaN or 1.5 into something else).
 */
export function checkInt32(v: number, field: string): number {
  if (!Number.isInteger(v) || v < -0x80000000 || v > 0x7fffffff) throw new UsageError(`${field} ${String(v)} is not an int32`);
  return v;
}

/** Encoded size of nullable BYTES. */
export function bytesSize(b: Uint8Array | null | undefined): number {
  return 4 + (b == null ? 0 : b.length);
}

/** Sequential big-endian writer over a buffer of known size. */
export class ByteWriter {
  readonly bytes: Uint8Array;
  readonly #view: DataView;
  #offset = 0;

  constructor(size: number) {
    this.bytes = new Uint8Array(size);
    this.#view = new DataView(this.bytes.buffer);
  }

  /** Bytes written so far. */
  get offset(): number {
    return this.#offset;
  }

  int16(v: number): this {
    this.#view.setInt16(this.#offset, v);
    this.#offset += 2;
    return this;
  }

  int32(v: number): this {
    this.#view.setInt32(this.#offset, v);
    this.#offset += 4;
    return this;
  }

  /** INT32s `values[from..to)`, for runs of partition ids. */
  int32s(values: Int32Array, from: number, to: number): this {
    const view = this.#view;
    let o = this.#offset;
    for (let k = from; k < to; k++, o += 4) view.setInt32(o, values[k] as number);
    this.#offset = o;
    return this;
  }

  /** A STRING, or a NULLABLE_STRING when `s` is null. */
  string(s: string | null): this {
    if (s === null) return this.int16(-1);
    const lengthAt = this.#offset;
    const end = writeUtf8(this.bytes, this.#offset + 2, s);
    this.#view.setInt16(lengthAt, end - lengthAt - 2);
    this.#offset = end;
    return this;
  }

  /** Nullable BYTES. */
  nullableBytes(b: Uint8Array | null | undefined): this {
    if (b == null) return this.int32(-1);
    this.int32(b.length);
    this.bytes.set(b, this.#offset);
    this.#offset += b.length;
    return this;
  }

  /** Returns the buffer, checking that the size computed in advance was exact. */
  finish(): Uint8Array {
    if (this.#offset !== this.bytes.length) {
      throw new InvariantError(`encoder wrote ${this.#offset} bytes into a buffer sized ${this.bytes.length}`);
    }
    return this.bytes;
  }
}
