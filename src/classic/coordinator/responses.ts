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
