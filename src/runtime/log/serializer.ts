/**
 * How records become bytes in a file-backed log. The default serializer writes a batch as JSON
 * with the two value types records carry that JSON lacks: `Uint8Array` (as base64) and
 * `PackedTopicPartitions` (as `[topic, partitions]` pairs). Decoding is checked with zod: a
 * payload that passed its checksum but is not a batch of records is a DecodeError.
 */
import { z } from 'zod';
import { DecodeError } from '../../errors.js';
import { PackedTopicPartitions } from '../../protocol/topic-partitions.js';

/** Turns a batch of records into one payload and back. */
export interface RecordSerializer<R> {
  /** The payload of one batch. */
  encode(batch: readonly R[]): Uint8Array;
  /** The batch of one payload; throws DecodeError when it is not one. */
  decode(payload: Uint8Array): R[];
}

const BYTES_TAG = '$bytes';
const TOPIC_PARTITIONS_TAG = '$topicPartitions';

/** The shape every kgroup record shares (the machines check the rest when they replay it). */
const recordEnvelope = z.looseObject({ type: z.string().min(1), groupId: z.string() });
const batchSchema = z.object({ v: z.literal(1), records: z.array(recordEnvelope).min(1) });
const topicPartitionsSchema = z.array(z.tuple([z.string(), z.array(z.number().int().nonnegative())]));

function replacer(this: unknown, key: string, value: unknown): unknown {
  // `this[key]` is the value before toJSON; Uint8Array has none, but check the holder anyway.
  const raw = (this as Record<string, unknown>)[key];
  if (raw instanceof Uint8Array) return { [BYTES_TAG]: Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('base64') };
  if (raw instanceof PackedTopicPartitions) return { [TOPIC_PARTITIONS_TAG]: [...raw].map(([t, p]) => [t, [...p]]) };
  return value;
}

function isTagged(value: unknown, tag: string): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 1 && Object.hasOwn(value, tag);
}

// JSON.parse defines the reviver's results with CreateDataProperty, so a key such as
// `__proto__` stays an own property and never reaches a prototype.
function reviver(_key: string, value: unknown): unknown {
  if (isTagged(value, BYTES_TAG)) {
    const text = value[BYTES_TAG];
    if (typeof text !== 'string') throw new DecodeError('bytes are not base64 text', BYTES_TAG, 0);
    const buffer = Buffer.from(text, 'base64');
    return new Uint8Array(buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength));
  }
  if (isTagged(value, TOPIC_PARTITIONS_TAG)) {
    const parsed = topicPartitionsSchema.safeParse(value[TOPIC_PARTITIONS_TAG]);
    if (!parsed.success) throw new DecodeError('topic partitions are not [topic, partitions] pairs', TOPIC_PARTITIONS_TAG, 0);
    return PackedTopicPartitions.from(parsed.data);
  }
  return value;
}

/**
 * The default serializer: JSON (UTF-8) with `Uint8Array` as base64 and `PackedTopicPartitions`
 * as pairs, under a version field so the format can change later.
 */
export function jsonRecordSerializer<R extends { readonly type: string; readonly groupId: string }>(): RecordSerializer<R> {
  const encoder = new TextEncoder();
  const decoder = new TextDecoder('utf-8', { fatal: true });
  return {
    encode: (batch) => encoder.encode(JSON.stringify({ v: 1, records: batch }, replacer)),
    decode: (payload) => {
      let value: unknown;
      try {
        value = JSON.parse(decoder.decode(payload), reviver);
      } catch (error) {
        if (error instanceof DecodeError) throw error;
        throw new DecodeError(`batch is not JSON: ${String(error)}`, 'batch', 0);
      }
      const parsed = batchSchema.safeParse(value);
      if (!parsed.success) throw new DecodeError(`batch is not a list of records: ${parsed.error.message}`, 'records', 0);
      return parsed.data.records as unknown as R[];
    },
  };
}
