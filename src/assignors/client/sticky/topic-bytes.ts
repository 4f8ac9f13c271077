/**
 * Finds a topic index from the UTF-8 bytes of its name, without decoding them into a string.
 * A member's sticky user data names every partition it owns by topic; at Kafka's scale that is
 * a million names per rebalance, and decoding each into a string and looking it up in a Map
 * would cost more than the assignment itself.
 */
import { utf8Length, writeUtf8 } from '../../../protocol/codec/utf8.js';

/** An open-addressing table from encoded topic names to topic indices. */
export class TopicByteLookup {
  readonly #bytes: Uint8Array;
  readonly #start: Int32Array;
  readonly #slots: Int32Array;
  readonly #mask: number;

  /** Indexes `topics` (their position is the index returned). */
  constructor(topics: readonly string[]) {
    this.#start = new Int32Array(topics.length + 1);
    let total = 0;
    for (let t = 0; t < topics.length; t++) {
      total += utf8Length(topics[t] as string);
      this.#start[t + 1] = total;
    }
    this.#bytes = new Uint8Array(total);
    for (let t = 0; t < topics.length; t++) writeUtf8(this.#bytes, this.#start[t] as number, topics[t] as string);
    let capacity = 4;
    while (capacity < topics.length * 2) capacity *= 2;
    this.#mask = capacity - 1;
    this.#slots = new Int32Array(capacity).fill(-1);
    for (let t = 0; t < topics.length; t++) {
      const from = this.#start[t] as number;
      let slot = hashBytes(this.#bytes, from, (this.#start[t + 1] as number) - from) & this.#mask;
      while (this.#slots[slot] !== -1) slot = (slot + 1) & this.#mask;
      this.#slots[slot] = t;
    }
  }

  /** The index of the topic whose name is encoded in `bytes[from .. from + length)`, or -1. */
  find(bytes: Uint8Array, from: number, length: number): number {
    let slot = hashBytes(bytes, from, length) & this.#mask;
    for (;;) {
      const t = this.#slots[slot] as number;
      if (t === -1) return -1;
      if (this.#equals(t, bytes, from, length)) return t;
      slot = (slot + 1) & this.#mask;
    }
  }

  /** True when topic `t` exists and its name is encoded in `bytes[from .. from + length)`. */
  isAt(t: number, bytes: Uint8Array, from: number, length: number): boolean {
    return t < this.#start.length - 1 && this.#equals(t, bytes, from, length);
  }

  #equals(t: number, bytes: Uint8Array, from: number, length: number): boolean {
    const start = this.#start[t] as number;
    if ((this.#start[t + 1] as number) - start !== length) return false;
    const own = this.#bytes;
    for (let i = 0; i < length; i++) if (own[start + i] !== bytes[from + i]) return false;
    return true;
  }
}

/** FNV-1a over a byte range. */
function hashBytes(bytes: Uint8Array, from: number, length: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < from + length; i++) h = Math.imul(h ^ (bytes[i] as number), 0x01000193);
  return h >>> 0;
}
