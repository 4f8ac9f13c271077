/**
 * A bounds-checked reader of Kafka's non-flexible primitives. Every failure is a DecodeError
 * naming the field and the byte offset; a length or count is checked against the bytes that
 * remain before anything is allocated, so a hostile input cannot make us allocate more than
 * it could describe.
 */
import { DecodeError } from '../../errors.js';
import { readUtf8 } from './utf8.js';

/**
 * Field names are templates: each `#` is replaced by the next index given, and only when an
 * error is raised, so that the happy path builds no strings.
 */
function fieldName(template: string, indexes: readonly number[]): string {
  let k = 0;
  return template.replace(/#/g, () => String(indexes[k++] ?? '?'));
}

/** Reads big-endian primitives from a byte array. */
export class ByteReader {
  readonly #bytes: Uint8Array;
  readonly #view: DataView;
  #offset = 0;

  constructor(bytes: Uint8Array) {
    this.#bytes = bytes;
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** The next byte to read. */
  get offset(): number {
    return this.#offset;
  }

  /** Bytes left to read. */
  get remaining(): number {
    return this.#bytes.length - this.#offset;
  }

  /** Raises a DecodeError for `field` at the current offset. */
  fail(message: string, field: string, ...indexes: number[]): never {
    throw new DecodeError(message, fieldName(field, indexes), this.#offset);
  }

  /**
   * Raises a DecodeError for `field` at `offset`: the start of a field whose value was read
   * but is not acceptable (a negative version or partition id), so that every error points
   * at the first byte of the field it names.
   */
  failAt(offset: number, message: string, field: string, ...indexes: number[]): never {
    throw new DecodeError(message, fieldName(field, indexes), offset);
  }

  /** Checks that `n` more bytes remain; on failure, reports the field as starting at `start`. */
  #need(n: number, start: number, field: string, indexes: readonly number[]): void {
    if (this.remaining < n) {
      this.failAt(start, `expected ${n} bytes but only ${this.remaining} remain`, field, ...indexes);
    }
  }

  /** Reads an INT16. */
  int16(field: string, ...indexes: number[]): number {
    this.#need(2, this.#offset, field, indexes);
    const v = this.#view.getInt16(this.#offset);
    this.#offset += 2;
    return v;
  }

  /** Reads an INT32. */
  int32(field: string, ...indexes: number[]): number {
    this.#need(4, this.#offset, field, indexes);
    const v = this.#view.getInt32(this.#offset);
    this.#offset += 4;
    return v;
  }

  /**
   * Reads `count` INT32s into `out[at..at+count)`. One bounds check for the whole run; on
   * failure the error points at the start of the run.
   */
  int32s(out: Int32Array, at: number, count: number, field: string, ...indexes: number[]): void {
    this.#need(4 * count, this.#offset, field, indexes);
    const view = this.#view;
    let o = this.#offset;
    for (let k = at, end = at + count; k < end; k++, o += 4) out[k] = view.getInt32(o);
    this.#offset = o;
  }

  /** Reads a non-nullable STRING (int16 length + UTF-8). */
  string(field: string, ...indexes: number[]): string {
    const start = this.#offset;
    const s = this.nullableString(field, ...indexes);
    if (s === null) this.failAt(start, 'non-nullable string is null', field, ...indexes);
    return s;
  }

  /** Reads a NULLABLE_STRING (length -1 is null). */
  nullableString(field: string, ...indexes: number[]): string | null {
    const start = this.#offset;
    const length = this.int16(field, ...indexes);
    if (length === -1) return null;
    if (length < 0) this.failAt(start, `string length ${length} is negative`, field, ...indexes);
    this.#need(length, start, field, indexes);
    const s = readUtf8(this.#bytes, this.#offset, length);
    this.#offset += length;
    return s;
  }

  /** Reads nullable BYTES (int32 length, -1 is null) into a copy the caller owns. */
  nullableBytes(field: string, ...indexes: number[]): Uint8Array | null {
    const start = this.#offset;
    const length = this.int32(field, ...indexes);
    if (length === -1) return null;
    if (length < 0) this.failAt(start, `bytes length ${length} is negative`, field, ...indexes);
    this.#need(length, start, field, indexes);
    const out = this.#bytes.slice(this.#offset, this.#offset + length);
    this.#offset += length;
    return out;
  }

  /**
   * Reads a non-nullable ARRAY count. `minElementBytes` is the smallest encoding of one element:
   * a count that could not fit in the bytes left is rejected before the caller allocates for it.
   */
  arrayCount(minElementBytes: number, field: string, ...indexes: number[]): number {
    const start = this.#offset;
    const count = this.int32(field, ...indexes);
    if (count < 0) {
      this.failAt(start, count === -1 ? 'non-nullable array is null' : `array length ${count} is negative`, field, ...indexes);
    }
    if (count * minElementBytes > this.remaining) {
      this.failAt(start, `array length ${count} needs at least ${count * minElementBytes} bytes but only ${this.remaining} remain`, field, ...indexes);
    }
    return count;
  }
}
