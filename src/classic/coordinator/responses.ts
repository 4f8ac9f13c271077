/**
 * Response constructors with Kafka's defaults for the fields an error leaves unset.
 */
import { ErrorCode } from '../../protocol/error-codes.js';
import type { JoinGroupResponse, SyncGroupResponse } from './types.js';

/** The empty byte string (an assignment the leader left out, or no assignment yet). */
export const EMPTY_BYTES: Uint8Array = new Uint8Array(0);

/** A JoinGroup error: generation -1, no leader, no protocol, no members. */
export function joinError(errorCode: ErrorCode, memberId: string): JoinGroupResponse {
  return {
    errorCode,
    generationId: -1,
    protocolType: null,
    protocolName: null,
    leader: '',
    skipAssignment: false,
    memberId,
    members: [],
  };
}

/** A SyncGroup error: empty assignment, no protocol. */
export function syncError(errorCode: ErrorCode): SyncGroupResponse {
  return { errorCode, protocolType: null, protocolName: null, assignment: EMPTY_BYTES };
}

/** The NONE error code, for readability at call sites. */
export const NONE = ErrorCode.NONE;

/**
 * Kafka's `appendGroupMetadataErrorToResponseError`: the error a request gets when the record
 * its step wrote could not be appended. Storage-side errors become coordinator errors the
 * client knows how to handle (find the coordinator again, or retry); size errors become
 * UNKNOWN_SERVER_ERROR; anything else is passed through.
 */
export function appendErrorToResponseError(errorCode: ErrorCode): ErrorCode {
  switch (errorCode) {
    case ErrorCode.UNKNOWN_TOPIC_OR_PARTITION:
    case ErrorCode.NOT_ENOUGH_REPLICAS:
    case ErrorCode.REQUEST_TIMED_OUT:
      return ErrorCode.COORDINATOR_NOT_AVAILABLE;
    case ErrorCode.NOT_LEADER_OR_FOLLOWER:
    case ErrorCode.KAFKA_STORAGE_ERROR:
      return ErrorCode.NOT_COORDINATOR;
    case ErrorCode.MESSAGE_TOO_LARGE:
    case ErrorCode.RECORD_LIST_TOO_LARGE:
    case ErrorCode.INVALID_FETCH_SIZE:
      return ErrorCode.UNKNOWN_SERVER_ERROR;
    default:
      return errorCode;
  }
}
