/**
 * The order of topic ids where Kafka's assignors break ties by `Uuid.compareTo`: a signed
 * comparison of the most significant 64 bits, then of the least significant 64 bits. Topic ids
 * travel as strings here (Kafka's 22-character URL-safe base64 form); comparing those strings
 * would order some ids differently, so they are decoded first.
 */
import { compareStrings } from '../../protocol/topic-partitions.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const DIGIT = new Map([...ALPHABET].map((c, i) => [c, i] as const));

/**
 * The four 32-bit words of a Kafka Uuid string (most significant first), or undefined when the
 * string is not one (22 base64url characters, no padding, encoding exactly 16 bytes).
 */
export function uuidWords(id: string): readonly [number, number, number, number] | undefined {
  if (id.length !== 22) return undefined;
  const bytes = new Uint8Array(17);
  let acc = 0;
  let bits = 0;
  let n = 0;
  for (const c of id) {
    const d = DIGIT.get(c);
    if (d === undefined) return undefined;
    acc = ((acc << 6) | d) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[n++] = (acc >> bits) & 0xff;
    }
  }
  // 22 characters carry 132 bits: the last 4 must be zero for a canonical 16-byte value.
  if ((acc & ((1 << bits) - 1)) !== 0) return undefined;
  const word = (k: number) => (((bytes[k] as number) << 24) | ((bytes[k + 1] as number) << 16) | ((bytes[k + 2] as number) << 8) | (bytes[k + 3] as number)) >>> 0;
  return [word(0), word(4), word(8), word(12)];
}

function compareWords(a: readonly [number, number, number, number], b: readonly [number, number, number, number]): number {
  // Each half is a signed long: its top word compares signed, its bottom word unsigned.
  for (const [k, signed] of [[0, true], [1, false], [2, true], [3, false]] as const) {
    const x = signed ? a[k] | 0 : a[k];
    const y = signed ? b[k] | 0 : b[k];
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/**
 * Kafka's `Uuid.compareTo` for ids that are Kafka Uuids; other strings (allowed here, since the
 * caller names topics) come after every Uuid, in UTF-16 code unit order. A total order either way.
 */
export function compareTopicIds(a: string, b: string): number {
  if (a === b) return 0;
  const wa = uuidWords(a);
  const wb = uuidWords(b);
  if (wa !== undefined && wb !== undefined) return compareWords(wa, wb) || compareStrings(a, b);
  if (wa !== undefined) return -1;
  if (wb !== undefined) return 1;
  return compareStrings(a, b);
}

/** A topic id comparator that decodes each id once (for sorting many ids). */
export function cachedTopicIdComparator(): (a: string, b: string) => number {
  const cache = new Map<string, readonly [number, number, number, number] | null>();
  const words = (id: string) => {
    let w = cache.get(id);
    if (w === undefined) {
      w = uuidWords(id) ?? null;
      cache.set(id, w);
    }
    return w;
  };
  return (a, b) => {
    if (a === b) return 0;
    const wa = words(a);
    const wb = words(b);
    if (wa !== null && wb !== null) return compareWords(wa, wb) || compareStrings(a, b);
    if (wa !== null) return -1;
    if (wb !== null) return 1;
    return compareStrings(a, b);
  };
}
