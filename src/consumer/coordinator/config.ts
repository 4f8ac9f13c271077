/**
 * The coordinator's settings: Kafka's defaults and their validation (a bad setting is the
 * caller's fault, so it throws UsageError).
 */
import { z } from 'zod';
import { UsageError } from '../../errors.js';
import { serverRangeAssignor } from '../../assignors/server/range.js';
import type { ServerAssignor } from '../../assignors/server/types.js';
import { uniformAssignor } from '../../assignors/server/uniform.js';
import type { ConsumerGroupConfig, ConsumerGroupConfigUpdate, ResolvedConsumerGroupConfig } from './types.js';

/** Kafka's defaults (`group.consumer.*`, Kafka 4.2). */
export const CONSUMER_GROUP_DEFAULTS = {
  sessionTimeoutMs: 45_000,
  heartbeatIntervalMs: 5_000,
  maxSize: 2_147_483_647,
  regexRefreshIntervalMs: 600_000,
  regexBatchRefreshIntervalMs: 10_000,
  maxRegexLength: 4096,
  maxListLength: 100_000,
  kafkaVersion: '4.2',
  offsetMetadataMaxSize: 4096,
} as const;

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

/** The default v0 member id source: a UUID-shaped string that encodes the sequence number. */
export const sequentialConsumerMemberIdSource = (sequence: number): string => `00000000-0000-4000-8000-${hex(sequence, 12)}`;

const positiveInt32 = z.int().min(1).max(0x7fffffff);
const assignorSchema = z.custom<ServerAssignor>(
  (v) => typeof v === 'object' && v !== null && typeof (v as ServerAssignor).name === 'string' && (v as ServerAssignor).name !== '' && typeof (v as ServerAssignor).assign === 'function',
  { message: 'an assignor needs a non-empty name and an assign function' },
);

const UpdateSchema = z
  .object({
    sessionTimeoutMs: positiveInt32,
    heartbeatIntervalMs: positiveInt32,
    maxSize: positiveInt32,
    assignors: z.array(assignorSchema).min(1),
    regexRefreshIntervalMs: positiveInt32,
    regexBatchRefreshIntervalMs: z.int().min(0).max(0x7fffffff),
    maxRegexLength: positiveInt32,
    maxListLength: positiveInt32,
    kafkaVersion: z.enum(['4.0', '4.1', '4.2']),
    memberIdSource: z.custom<(sequence: number) => string>((v) => typeof v === 'function'),
    offsetMetadataMaxSize: z.int().min(0).max(0x7fffffff),
  })
  .partial()
  .strict();

/** Fills in Kafka's defaults; throws UsageError for an invalid setting. */
export function resolveConsumerGroupConfig(config: ConsumerGroupConfig): ResolvedConsumerGroupConfig {
  if (typeof config !== 'object' || config === null || typeof config.groupId !== 'string' || config.groupId.trim() === '') {
    throw new UsageError('consumer group config needs a non-empty groupId');
  }
  const { groupId, ...rest } = config;
  return applyConsumerGroupConfigUpdate({
    groupId,
    ...CONSUMER_GROUP_DEFAULTS,
    assignors: [uniformAssignor, serverRangeAssignor],
    memberIdSource: sequentialConsumerMemberIdSource,
  }, rest);
}

/** Applies `update` to resolved settings; throws UsageError for an invalid setting. */
export function applyConsumerGroupConfigUpdate(config: ResolvedConsumerGroupConfig, update: ConsumerGroupConfigUpdate): ResolvedConsumerGroupConfig {
  const parsed = UpdateSchema.safeParse(update);
  if (!parsed.success) throw new UsageError(`invalid consumer group config: ${parsed.error.message}`);
  const next: ResolvedConsumerGroupConfig = { ...config };
  for (const [key, value] of Object.entries(parsed.data)) {
    if (value !== undefined) (next as Record<string, unknown>)[key] = value;
  }
  const names = next.assignors.map((a) => a.name);
  if (new Set(names).size !== names.length) throw new UsageError(`assignor names must be distinct: ${names.join(', ')}`);
  return next;
}
