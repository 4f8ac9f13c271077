/**
 * The OffsetCommit and OffsetFetch bodies both coordinators accept (classic and KIP-848 groups
 * share the offsets APIs): their zod schemas and the normalization of the fields a version
 * lacks. Each coordinator wraps the result in its own answer to a malformed request.
 */
import { z } from 'zod';
import type { OffsetCommitRequest } from '../classic/coordinator/types.js';

const int32 = z.int().min(-0x80000000).max(0x7fffffff);
const int64 = z.int().min(Number.MIN_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER);
const nullableString = z.string().nullable().optional();

const OffsetCommitSchema = z.object({
  groupId: z.string(),
  generationIdOrMemberEpoch: int32,
  memberId: z.string(),
  groupInstanceId: nullableString,
  retentionTimeMs: int64.optional(),
  topics: z.array(
    z.object({
      name: z.string(),
      partitions: z.array(
        z.object({ partitionIndex: int32, committedOffset: int64, committedLeaderEpoch: int32.optional(), committedMetadata: nullableString }),
      ),
    }),
  ),
});

/** An OffsetFetch body: v0-v8 fields, plus the member id and epoch of v9+. */
export const OffsetFetchSchema = z.object({
  groupId: z.string(),
  topics: z.array(z.object({ name: z.string(), partitionIndexes: z.array(int32) })).nullable(),
  requireStable: z.boolean().optional(),
  memberId: nullableString,
  memberEpoch: int32.optional(),
});

/** The outcome of checking an OffsetCommit body: the normalized request, or why it is invalid (null: a malformed shape). */
export type OffsetCommitParse = { readonly ok: true; readonly body: OffsetCommitRequest } | { readonly ok: false; readonly message: string | null };

/** Checks an OffsetCommit body (v0-v9) and fills in what its version lacks. */
export function parseOffsetCommitBody(raw: unknown, apiVersion: number): OffsetCommitParse {
  const parsed = OffsetCommitSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, message: null };
  const b = parsed.data;
  if (apiVersion < 7 && b.groupInstanceId != null) return { ok: false, message: 'GroupInstanceId is not supported before version 7.' };
  return {
    ok: true,
    body: {
      groupId: b.groupId,
      generationIdOrMemberEpoch: b.generationIdOrMemberEpoch,
      memberId: b.memberId,
      groupInstanceId: b.groupInstanceId ?? null,
      // Only v2-v4 carry a retention time; -1 means the broker's retention.
      retentionTimeMs: apiVersion >= 2 && apiVersion <= 4 ? (b.retentionTimeMs ?? -1) : -1,
      topics: b.topics.map((t) => ({
        name: t.name,
        partitions: t.partitions.map((p) => ({
          partitionIndex: p.partitionIndex,
          committedOffset: p.committedOffset,
          committedLeaderEpoch: p.committedLeaderEpoch ?? -1,
          committedMetadata: p.committedMetadata ?? null,
        })),
      })),
    },
  };
}
