/**
 * UTF-8 for Kafka STRING fields, without TextEncoder so that short ASCII names (nearly every
 * topic and member id) cost a loop and no allocation. Unpaired surrogates encode as '?',
 * which is what Java's String.getBytes(UTF_8) writes, so our bytes match a Java client's.
 */

const QUESTION_MARK = 0x3f;

/** Bytes needed to encode `s`. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && isLowSurrogate(s.charCodeAt(i + 1))) {
      n += 4;
      i++;
    } else if (c >= 0xd800 && c <= 0xdfff) n += 1;
    else n += 3;
  }
  return n;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** Writes `s` at `offset`, returns the offset after it. The caller sized `out` with {@link utf8Length}. */
export function writeUtf8(out: Uint8Array, offset: number, s: string): number {
  let o = offset;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) out[o++] = c;
    else if (c < 0x800) {
      out[o++] = 0xc0 | (c >> 6);
      out[o++] = 0x80 | (c & 0x3f);
    } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && isLowSurrogate(s.charCodeAt(i + 1))) {
      const cp = 0x10000 + ((c - 0xd800) << 10) + (s.charCodeAt(++i) - 0xdc00);
      out[o++] = 0xf0 | (cp >> 18);
      out[o++] = 0x80 | ((cp >> 12) & 0x3f);
      out[o++] = 0x80 | ((cp >> 6) & 0x3f);
      out[o++] = 0x80 | (cp & 0x3f);
    } else if (c >= 0xd800 && c <= 0xdfff) out[o++] = QUESTION_MARK;
    else {
      out[o++] = 0xe0 | (c >> 12);
      out[o++] = 0x80 | ((c >> 6) & 0x3f);
      out[o++] = 0x80 | (c & 0x3f);
    }
  }
  return o;
}

/** The one piece of TextDecoder we use; declared here so the core needs no DOM or Node typings. */
interface Utf8Decoder {
  decode(input: Uint8Array): string;
}

type Utf8DecoderConstructor = new (label: string, options: { fatal: boolean; ignoreBOM: boolean }) => Utf8Decoder;

let decoder: Utf8Decoder | undefined;

/** Short ASCII names are decoded through a reused array of char codes, one per length. */
const SHORT = 64;
const scratch: (number[] | undefined)[] = [];

/** Decodes `length` bytes at `offset`. Malformed sequences become U+FFFD, as in Java. */
export function readUtf8(bytes: Uint8Array, offset: number, length: number): string {
  if (length === 0) return '';
  if (length <= SHORT) {
    // One String.fromCharCode call over a filled array makes a flat string in one step; adding
    // characters one at a time costs about three times as much (topic names are mostly ASCII).
    const codes = (scratch[length] ??= Array.from({ length }, () => 0));
    let ascii = true;
    for (let i = 0; i < length; i++) {
      const b = bytes[offset + i] as number;
      if (b >= 0x80) {
        ascii = false;
        break;
      }
      codes[i] = b;
    }
    if (ascii) return String.fromCharCode.apply(null, codes);
  }
  // TextDecoder is a global in every runtime kgroup supports (browsers, Node, Deno, Bun, edge).
  decoder ??= new (globalThis as unknown as { TextDecoder: Utf8DecoderConstructor }).TextDecoder('utf-8', {
    fatal: false,
    ignoreBOM: true,
  });
  return decoder.decode(bytes.subarray(offset, offset + length));
}
