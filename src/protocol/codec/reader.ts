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

  #need(n: number, field: string, indexes: readonly number[]): void {
    if (this.remaining < n) {
      this.fail(`expected ${n} bytes but only ${this.remaining} remain`, field, ...indexes);
    }
  }

  /** Reads an INT16. */
  int16(field: string, ...indexes: number[]): number {
    this.#need(2, field, indexes);
    const v = this.#view.getInt16(this.#offset);
    this.#offset += 2;
    return v;
  }

  /** Reads an INT32. */
  int32(field: string, ...indexes: number[]): number {
    this.#need(4, field, indexes);
    const v = this.#view.getInt32(this.#offset);
    this.#offset += 4;
    return v;
  }

  /** Reads a non-nullable STRING (int16 length + UTF-8). */
  string(field: string, ...indexes: number[]): string {
    const s = this.nullableString(field, ...indexes);
    if (s === null) this.fail('non-nullable string is null', field, ...indexes);
    return s;
  }

  /** Reads a NULLABLE_STRING (length -1 is null). */
  nullableString(field: string, ...indexes: number[]): string | null {
    const start = this.#offset;
    const length = this.int16(field, ...indexes);
    if (length === -1) return null;
    if (length < 0) {
      this.#offset = start;
      this.fail(`string length ${length} is negative`, field, ...indexes);
    }
    this.#need(length, field, indexes);
    const s = readUtf8(this.#bytes, this.#offset, length);
    this.#offset += length;
    return s;
  }

  /** Reads nullable BYTES (int32 length, -1 is null) into a copy the caller owns. */
  nullableBytes(field: string, ...indexes: number[]): Uint8Array | null {
    const start = this.#offset;
    const length = this.int32(field, ...indexes);
    if (length === -1) return null;
    if (length < 0) {
      this.#offset = start;
      this.fail(`bytes length ${length} is negative`, field, ...indexes);
    }
    this.#need(length, field, indexes);
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
      this.#offset = start;
      this.fail(count === -1 ? 'non-nullable array is null' : `array length ${count} is negative`, field, ...indexes);
    }
    if (count * minElementBytes > this.remaining) {
      this.#offset = start;
      this.fail(`array length ${count} needs at least ${count * minElementBytes} bytes but only ${this.remaining - 4} remain`, field, ...indexes);
    }
    return count;
  }
}
