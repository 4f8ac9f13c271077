/**
 * Kafka's numeric error codes as used by the classic and the KIP-848 group protocols, with
 * how a group member reacts to each. Values and names are Kafka's (`org.apache.kafka.common.protocol.Errors`).
 */

/** Kafka error codes by name. */
export const ErrorCode = {
  UNKNOWN_SERVER_ERROR: -1,
  NONE: 0,
  UNKNOWN_TOPIC_OR_PARTITION: 3,
  INVALID_FETCH_SIZE: 4,
  NOT_LEADER_OR_FOLLOWER: 6,
  REQUEST_TIMED_OUT: 7,
  MESSAGE_TOO_LARGE: 10,
  OFFSET_METADATA_TOO_LARGE: 12,
  NETWORK_EXCEPTION: 13,
  COORDINATOR_LOAD_IN_PROGRESS: 14,
  COORDINATOR_NOT_AVAILABLE: 15,
  NOT_COORDINATOR: 16,
  RECORD_LIST_TOO_LARGE: 18,
  NOT_ENOUGH_REPLICAS: 19,
  ILLEGAL_GENERATION: 22,
  INCONSISTENT_GROUP_PROTOCOL: 23,
  INVALID_GROUP_ID: 24,
  UNKNOWN_MEMBER_ID: 25,
  INVALID_SESSION_TIMEOUT: 26,
  REBALANCE_IN_PROGRESS: 27,
  INVALID_COMMIT_OFFSET_SIZE: 28,
  TOPIC_AUTHORIZATION_FAILED: 29,
  GROUP_AUTHORIZATION_FAILED: 30,
  UNSUPPORTED_VERSION: 35,
  INVALID_REQUEST: 42,
  KAFKA_STORAGE_ERROR: 56,
  NON_EMPTY_GROUP: 68,
  GROUP_ID_NOT_FOUND: 69,
  MEMBER_ID_REQUIRED: 79,
  GROUP_MAX_SIZE_REACHED: 81,
  FENCED_INSTANCE_ID: 82,
  UNSTABLE_OFFSET_COMMIT: 88,
  UNKNOWN_TOPIC_ID: 100,
  FENCED_MEMBER_EPOCH: 110,
  UNRELEASED_INSTANCE_ID: 111,
  UNSUPPORTED_ASSIGNOR: 112,
  STALE_MEMBER_EPOCH: 113,
  INVALID_REGULAR_EXPRESSION: 128,
} as const;

/** The name of a Kafka error code known to kgroup. */
export type ErrorName = keyof typeof ErrorCode;
/** A Kafka error code known to kgroup. */
export type ErrorCode = (typeof ErrorCode)[ErrorName];

/**
 * What a group member does when a response carries the error, in general terms. The exact
 * reaction depends on the API (see the member machines); this is the class it falls in.
 * - `none`: success.
 * - `retry`: transient; back off (or rediscover the coordinator) and send again.
 * - `rejoin`: the member's view of the group is stale; it rejoins (possibly after resetting its
 *   generation, member id or epoch).
 * - `surface`: reported to the application; the member keeps going.
 * - `fatal`: the member cannot continue.
 */
export type MemberReaction = 'none' | 'retry' | 'rejoin' | 'surface' | 'fatal';

/** What kgroup knows of one error code. */
export interface ErrorInfo {
  /** The numeric code. */
  readonly code: ErrorCode;
  /** Kafka's name for it. */
  readonly name: ErrorName;
  /** True when Kafka's exception for it is a `RetriableException`. */
  readonly retriable: boolean;
  /** How a member reacts, in general. */
  readonly reaction: MemberReaction;
  /** A short description, in Kafka's terms. */
  readonly message: string;
}

type Row = readonly [retriable: boolean, reaction: MemberReaction, message: string];

// One row per code. `retriable` mirrors Kafka's exception hierarchy; `reaction` follows the
// client tables of the classic (ConsumerCoordinator) and KIP-848 (heartbeat manager) members.
const ROWS: Readonly<Record<ErrorName, Row>> = {
  UNKNOWN_SERVER_ERROR: [false, 'fatal', 'The server experienced an unexpected error when processing the request.'],
  NONE: [false, 'none', 'Success.'],
  UNKNOWN_TOPIC_OR_PARTITION: [true, 'retry', 'This server does not host this topic-partition.'],
  INVALID_FETCH_SIZE: [false, 'fatal', 'The requested fetch size is invalid.'],
  NOT_LEADER_OR_FOLLOWER: [true, 'retry', 'This server is not the leader or a follower for that partition.'],
  REQUEST_TIMED_OUT: [true, 'retry', 'The request timed out.'],
  MESSAGE_TOO_LARGE: [false, 'fatal', 'The request included a message larger than the max message size the server will accept.'],
  OFFSET_METADATA_TOO_LARGE: [false, 'surface', 'The metadata field of the offset request was too large.'],
  NETWORK_EXCEPTION: [true, 'retry', 'The server disconnected before a response was received.'],
  COORDINATOR_LOAD_IN_PROGRESS: [true, 'retry', 'The coordinator is loading and hence cannot process requests.'],
  COORDINATOR_NOT_AVAILABLE: [true, 'retry', 'The coordinator is not available.'],
  NOT_COORDINATOR: [true, 'retry', 'This is not the correct coordinator.'],
  RECORD_LIST_TOO_LARGE: [false, 'fatal', 'The request included message batch larger than the configured segment size on the server.'],
  NOT_ENOUGH_REPLICAS: [true, 'retry', 'Messages are rejected since there are fewer in-sync replicas than required.'],
  ILLEGAL_GENERATION: [false, 'rejoin', 'Specified group generation id is not valid.'],
  INCONSISTENT_GROUP_PROTOCOL: [false, 'fatal', "The group member's supported protocols are incompatible with those of existing members or first group member tried to join with empty protocol type or empty protocol list."],
  INVALID_GROUP_ID: [false, 'fatal', 'The configured groupId is invalid.'],
  UNKNOWN_MEMBER_ID: [false, 'rejoin', 'The coordinator is not aware of this member.'],
  INVALID_SESSION_TIMEOUT: [false, 'fatal', 'The session timeout is not within the range allowed by the broker.'],
  REBALANCE_IN_PROGRESS: [false, 'rejoin', 'The group is rebalancing, so a rejoin is needed.'],
  INVALID_COMMIT_OFFSET_SIZE: [false, 'surface', 'The committing offset data size is not valid.'],
  TOPIC_AUTHORIZATION_FAILED: [false, 'surface', 'Topic authorization failed.'],
  GROUP_AUTHORIZATION_FAILED: [false, 'fatal', 'Group authorization failed.'],
  UNSUPPORTED_VERSION: [false, 'fatal', 'The version of API is not supported.'],
  INVALID_REQUEST: [false, 'fatal', 'This most likely occurs because of a request being malformed by the client library or the message was sent to an incompatible broker.'],
  KAFKA_STORAGE_ERROR: [true, 'retry', 'Disk error when trying to access log file on the disk.'],
  NON_EMPTY_GROUP: [false, 'surface', 'The group is not empty.'],
  GROUP_ID_NOT_FOUND: [false, 'fatal', 'The group id does not exist.'],
  MEMBER_ID_REQUIRED: [false, 'rejoin', 'The group member needs to have a valid member id before actually entering a consumer group.'],
  GROUP_MAX_SIZE_REACHED: [false, 'fatal', 'The consumer group has reached its max size.'],
  FENCED_INSTANCE_ID: [false, 'fatal', 'The broker rejected this static consumer since another consumer with the same group.instance.id has registered with a different member.id.'],
  UNSTABLE_OFFSET_COMMIT: [true, 'retry', 'There are unstable offsets that need to be cleared.'],
  UNKNOWN_TOPIC_ID: [true, 'retry', 'This server does not host this topic ID.'],
  FENCED_MEMBER_EPOCH: [false, 'rejoin', 'The member epoch is fenced by the group coordinator. The member must abandon all its partitions and rejoin.'],
  UNRELEASED_INSTANCE_ID: [false, 'fatal', 'The instance ID is still used by another member in the consumer group. That member must leave first.'],
  UNSUPPORTED_ASSIGNOR: [false, 'fatal', 'The assignor or its version range is not supported by the consumer group.'],
  STALE_MEMBER_EPOCH: [false, 'retry', 'The member epoch is stale. The member must retry after receiving its updated member epoch via the ConsumerGroupHeartbeat API.'],
  INVALID_REGULAR_EXPRESSION: [false, 'fatal', 'The regular expression is not valid.'],
};

const BY_CODE: ReadonlyMap<number, ErrorInfo> = new Map(
  (Object.keys(ErrorCode) as ErrorName[]).map((name) => {
    const [retriable, reaction, message] = ROWS[name];
    const info: ErrorInfo = Object.freeze({ code: ErrorCode[name], name, retriable, reaction, message });
    return [info.code, info] as const;
  }),
);

/** Every error code kgroup knows, ascending by code. */
export const ALL_ERRORS: readonly ErrorInfo[] = Object.freeze([...BY_CODE.values()].sort((a, b) => a.code - b.code));

/** What kgroup knows of `code`, or undefined for a code it does not use. */
export function errorInfo(code: number): ErrorInfo | undefined {
  return BY_CODE.get(code);
}

/** Kafka's name for `code`, or `UNKNOWN(<code>)` for one kgroup does not use. */
export function errorName(code: number): string {
  return BY_CODE.get(code)?.name ?? `UNKNOWN(${code})`;
}
