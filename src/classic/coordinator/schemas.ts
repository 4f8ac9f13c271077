/**
 * Validation at the boundary: every request body goes through a zod schema and the version
 * rules of its API before a handler sees it. A body that fails gets INVALID_REQUEST (or the
 * error Kafka's request layer gives) and leaves the group untouched.
 */
import { z } from 'zod';
import { OffsetFetchSchema, parseOffsetCommitBody } from '../../internal/offset-schemas.js';
import { ErrorCode } from '../../protocol/error-codes.js';
import type {
  ClassicApi,
  ClassicApiTypes,
  HeartbeatRequest,
  JoinGroupRequest,
  LeaveGroupRequest,
  OffsetCommitRequest,
  OffsetFetchRequest,
  SyncGroupRequest,
} from './types.js';

/** The API versions the coordinator accepts, [lowest, highest] (Kafka 4.0's upper bounds). */
export const CLASSIC_API_VERSIONS: Readonly<Record<ClassicApi, readonly [number, number]>> = {
  JoinGroup: [0, 9],
  SyncGroup: [0, 5],
  Heartbeat: [0, 4],
  LeaveGroup: [0, 5],
  OffsetCommit: [0, 9],
  OffsetFetch: [0, 9],
};

const int32 = z.int().min(-0x80000000).max(0x7fffffff);
const bytes = z.custom<Uint8Array>((v) => v instanceof Uint8Array, { message: 'expected a Uint8Array' });
const nullableString = z.string().nullable().optional();

const JoinGroupSchema = z.object({
  groupId: z.string(),
  sessionTimeoutMs: int32,
  rebalanceTimeoutMs: int32.optional(),
  memberId: z.string(),
  groupInstanceId: nullableString,
  protocolType: z.string(),
  protocols: z.array(z.object({ name: z.string(), metadata: bytes })),
  reason: nullableString,
});

const SyncGroupSchema = z.object({
  groupId: z.string(),
  generationId: int32,
  memberId: z.string(),
  groupInstanceId: nullableString,
  protocolType: nullableString,
  protocolName: nullableString,
  assignments: z.array(z.object({ memberId: z.string(), assignment: bytes })),
});

const HeartbeatSchema = z.object({
  groupId: z.string(),
  generationId: int32,
  memberId: z.string(),
  groupInstanceId: nullableString,
});

const LeaveGroupSchema = z.object({
  groupId: z.string(),
  memberId: z.string().optional(),
  members: z
    .array(z.object({ memberId: z.string(), groupInstanceId: nullableString, reason: nullableString }))
    .optional(),
});

/** The outcome of validating a body: the normalized request, or the error to answer with. */
export type Parsed<T> = { readonly ok: true; readonly body: T } | { readonly ok: false; readonly errorCode: ErrorCode };

const invalid = { ok: false, errorCode: ErrorCode.INVALID_REQUEST } as const;

function hasInstance(id: string | null | undefined): boolean {
  return id !== undefined && id !== null;
}

function parseJoinGroup(raw: unknown, v: number): Parsed<JoinGroupRequest> {
  const r = JoinGroupSchema.safeParse(raw);
  if (!r.success) return invalid;
  const b = r.data;
  if (v >= 1 && b.rebalanceTimeoutMs === undefined) return invalid;
  if (v < 5 && hasInstance(b.groupInstanceId)) return invalid;
  // Kafka keys protocols by name; a repeated name would skew the protocol vote counts.
  if (new Set(b.protocols.map((p) => p.name)).size !== b.protocols.length) return invalid;
  return {
    ok: true,
    body: {
      groupId: b.groupId,
      sessionTimeoutMs: b.sessionTimeoutMs,
      // JoinGroup v0 has no rebalance timeout: Kafka uses the session timeout.
      rebalanceTimeoutMs: v === 0 ? b.sessionTimeoutMs : (b.rebalanceTimeoutMs as number),
      memberId: b.memberId,
      groupInstanceId: b.groupInstanceId ?? null,
      protocolType: b.protocolType,
      protocols: b.protocols,
      reason: b.reason ?? null,
    },
  };
}

function parseSyncGroup(raw: unknown, v: number): Parsed<SyncGroupRequest> {
  const r = SyncGroupSchema.safeParse(raw);
  if (!r.success) return invalid;
  const b = r.data;
  if (v < 3 && hasInstance(b.groupInstanceId)) return invalid;
  if (v < 5 && (hasInstance(b.protocolType) || hasInstance(b.protocolName))) return invalid;
  // KafkaApis: from v5 protocol type and name are mandatory.
  if (v >= 5 && (!hasInstance(b.protocolType) || !hasInstance(b.protocolName))) {
    return { ok: false, errorCode: ErrorCode.INCONSISTENT_GROUP_PROTOCOL };
  }
  return {
    ok: true,
    body: {
      groupId: b.groupId,
      generationId: b.generationId,
      memberId: b.memberId,
      groupInstanceId: b.groupInstanceId ?? null,
      protocolType: b.protocolType ?? null,
      protocolName: b.protocolName ?? null,
      assignments: b.assignments,
    },
  };
}

function parseHeartbeat(raw: unknown, v: number): Parsed<HeartbeatRequest> {
  const r = HeartbeatSchema.safeParse(raw);
  if (!r.success) return invalid;
  const b = r.data;
  if (v < 3 && hasInstance(b.groupInstanceId)) return invalid;
  return {
    ok: true,
    body: { groupId: b.groupId, generationId: b.generationId, memberId: b.memberId, groupInstanceId: b.groupInstanceId ?? null },
  };
}

function parseLeaveGroup(raw: unknown, v: number): Parsed<LeaveGroupRequest> {
  const r = LeaveGroupSchema.safeParse(raw);
  if (!r.success) return invalid;
  const b = r.data;
  if (v < 3) {
    if (b.memberId === undefined || b.members !== undefined) return invalid;
    return { ok: true, body: { groupId: b.groupId, members: [{ memberId: b.memberId, groupInstanceId: null }] } };
  }
  if (b.members === undefined || b.memberId !== undefined) return invalid;
  const members = b.members.map((m) => ({ memberId: m.memberId, groupInstanceId: m.groupInstanceId ?? null, reason: m.reason ?? null }));
  return { ok: true, body: { groupId: b.groupId, members } };
}

function parseOffsetCommit(raw: unknown, v: number): Parsed<OffsetCommitRequest> {
  const r = parseOffsetCommitBody(raw, v);
  return r.ok ? r : invalid;
}

function parseOffsetFetch(raw: unknown): Parsed<OffsetFetchRequest> {
  const r = OffsetFetchSchema.safeParse(raw);
  if (!r.success) return invalid;
  return { ok: true, body: { groupId: r.data.groupId, topics: r.data.topics, requireStable: r.data.requireStable ?? false } };
}

const PARSERS: { [K in ClassicApi]: (raw: unknown, v: number) => Parsed<ClassicApiTypes[K]['request']> } = {
  JoinGroup: parseJoinGroup,
  SyncGroup: parseSyncGroup,
  Heartbeat: parseHeartbeat,
  LeaveGroup: parseLeaveGroup,
  OffsetCommit: parseOffsetCommit,
  OffsetFetch: parseOffsetFetch,
};

/** Validates and normalizes the body of an `api` request at `apiVersion` (already range-checked). */
export function parseRequestBody<A extends ClassicApi>(api: A, raw: unknown, apiVersion: number): Parsed<ClassicApiTypes[A]['request']> {
  return (PARSERS[api] as (raw: unknown, v: number) => Parsed<ClassicApiTypes[A]['request']>)(raw, apiVersion);
}
