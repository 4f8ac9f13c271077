/**
 * The file-backed log's framing. A file starts with an 8-byte magic; then each appended batch is
 * one frame: `length` (u32, big-endian, the payload's size), `crc` (u32, the CRC-32C of the
 * length bytes followed by the payload), and the payload. Checksumming the length too means a
 * garbled length is caught like a garbled payload.
 *
 * A crash can leave only the frame being appended incomplete or garbled (earlier frames were
 * fsynced before their append was acknowledged), so an invalid frame with no valid frame after
 * it is a torn tail: it is dropped. An invalid frame followed by a valid one is corruption of
 * acknowledged data: the scan refuses it rather than rebuild groups from a log with a hole.
 */
import { DecodeError } from '../../errors.js';
import { crc32c } from './crc32c.js';

/** "KGLOG" then format version 1. */
export const LOG_MAGIC: Uint8Array = new Uint8Array([0x4b, 0x47, 0x4c, 0x4f, 0x47, 0x00, 0x00, 0x01]);

/** Size of a frame's header (length and checksum). */
export const FRAME_HEADER_BYTES = 8;

/** Largest payload accepted; a larger length can only be garbage. */
export const MAX_FRAME_PAYLOAD_BYTES = 256 * 1024 * 1024;

/**
 * The log holds damage that is not a torn tail (acknowledged records were changed), or the file
 * is not a kgroup log. A DecodeError whose `field` is `frame` (or `magic`) and whose `offset` is
 * where the damage starts.
 */
export class CorruptLogError extends DecodeError {}

/** What a scan found. */
export interface ScannedLog {
  /** Every valid frame's payload, oldest first. */
  readonly payloads: readonly Uint8Array[];
  /** The end of the last valid frame: the file is truncated here before new appends. */
  readonly validEnd: number;
  /** Bytes after `validEnd` (a torn tail), 0 when none. */
  readonly tornBytes: number;
}

/** One frame around `payload`. */
export function encodeFrame(payload: Uint8Array): Uint8Array {
  const frame = new Uint8Array(FRAME_HEADER_BYTES + payload.length);
  const view = new DataView(frame.buffer);
  view.setUint32(0, payload.length);
  frame.set(payload, FRAME_HEADER_BYTES);
  view.setUint32(4, frameChecksum(frame.subarray(0, 4), payload));
  return frame;
}

function frameChecksum(lengthBytes: Uint8Array, payload: Uint8Array): number {
  return crc32c(payload, crc32c(lengthBytes));
}

/** The payload of the valid frame at `offset`, or null when there is none there. */
function frameAt(bytes: Uint8Array, offset: number): Uint8Array | null {
  if (bytes.length - offset < FRAME_HEADER_BYTES) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, FRAME_HEADER_BYTES);
  const length = view.getUint32(0);
  // Empty batches are never written: a zero length is a zero-filled tail, not a frame.
  if (length === 0 || length > MAX_FRAME_PAYLOAD_BYTES || length > bytes.length - offset - FRAME_HEADER_BYTES) return null;
  const payload = bytes.subarray(offset + FRAME_HEADER_BYTES, offset + FRAME_HEADER_BYTES + length);
  return frameChecksum(bytes.subarray(offset, offset + 4), payload) === view.getUint32(4) ? payload : null;
}

function hasValidFrameAfter(bytes: Uint8Array, offset: number): boolean {
  for (let at = offset + 1; at + FRAME_HEADER_BYTES < bytes.length; at++) if (frameAt(bytes, at) !== null) return true;
  return false;
}

function checkMagic(bytes: Uint8Array): void {
  const head = bytes.subarray(0, LOG_MAGIC.length);
  // A file shorter than the magic is a torn creation: its prefix must still match.
  if (head.some((b, i) => b !== LOG_MAGIC[i])) throw new CorruptLogError('not a kgroup record log', 'magic', 0);
}

/**
 * Splits a log file's bytes into frame payloads, dropping a torn tail. Throws CorruptLogError
 * when a damaged frame is followed by a valid one, or when the file is not a kgroup log.
 */
export function scanFrames(bytes: Uint8Array): ScannedLog {
  checkMagic(bytes);
  if (bytes.length < LOG_MAGIC.length) return { payloads: [], validEnd: 0, tornBytes: bytes.length };
  const payloads: Uint8Array[] = [];
  let offset = LOG_MAGIC.length;
  while (offset < bytes.length) {
    const payload = frameAt(bytes, offset);
    if (payload === null) {
      if (hasValidFrameAfter(bytes, offset)) throw new CorruptLogError('a damaged frame is followed by valid frames', 'frame', offset);
      return { payloads, validEnd: offset, tornBytes: bytes.length - offset };
    }
    payloads.push(payload);
    offset += FRAME_HEADER_BYTES + payload.length;
  }
  return { payloads, validEnd: offset, tornBytes: 0 };
}
