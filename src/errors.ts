/**
 * The library's own exceptions. Peer mistakes are never thrown: they are answered with Kafka
 * error codes (see {@link ErrorCode}). These classes are for the two cases DESIGN.md allows:
 * the caller misused the API, or an invariant broke; plus {@link DecodeError} for bytes that
 * do not parse.
 */

/** Base class of every exception kgroup throws; `code` says which kind without `instanceof`. */
export abstract class KgroupError extends Error {
  /** A stable tag for the kind of error, for callers that cannot use `instanceof` across realms. */
  abstract readonly code: 'USAGE' | 'INVARIANT' | 'DECODE' | 'ASSIGNMENT';
}

/** The caller's fault: an argument or a call that the API does not accept. */
export class UsageError extends KgroupError {
  override readonly name = 'UsageError';
  readonly code = 'USAGE' as const;
}

/** kgroup's fault: an internal invariant does not hold. Please report it with the input that caused it. */
export class InvariantError extends KgroupError {
  override readonly name = 'InvariantError';
  readonly code = 'INVARIANT' as const;
}

/**
 * The bytes' fault: a ConsumerProtocol message or assignor user data that does not parse.
 * `field` names what was being read and `offset` is the byte offset where that field starts
 * (for a string, bytes or array: where its length or count starts).
 */
export class DecodeError extends KgroupError {
  override readonly name = 'DecodeError';
  readonly code = 'DECODE' as const;
  /** The message field that was being read, for example `topics[2]` or `ownedPartitions[0].partitions`. */
  readonly field: string;
  /** The byte offset of the first byte of the field that could not be read. */
  readonly offset: number;

  constructor(message: string, field: string, offset: number) {
    super(`${message} (field ${field}, byte offset ${offset})`);
    this.field = field;
    this.offset = offset;
  }
}
