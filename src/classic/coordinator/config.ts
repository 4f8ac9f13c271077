/**
 * The coordinator's settings: Kafka's defaults, and their validation (a bad setting is the
 * caller's fault, so it throws UsageError).
 */
import { z } from 'zod';
import { UsageError } from '../../errors.js';
import type { ClassicGroupConfig, ClassicGroupConfigUpdate, MemberIdSource, ResolvedClassicGroupConfig } from './types.js';

/** Kafka's defaults for the settings of `ClassicGroupConfig`. */
export const CLASSIC_GROUP_DEFAULTS = {
  minSessionTimeoutMs: 6000,
  maxSessionTimeoutMs: 1_800_000,
  initialRebalanceDelayMs: 3000,
  maxSize: 2_147_483_647,
  newMemberJoinTimeoutMs: 300_000,
  offsetMetadataMaxSize: 4096,
} as const;

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

/**
 * The default id source: `<prefix>-<uuid>` where the UUID-shaped suffix encodes the sequence
 * number. Deterministic, so tests and simulations replay; see `ClassicGroupConfig.memberIdSource`.
 */
export const sequentialMemberIdSource: MemberIdSource = (prefix, sequence) =>
  `${prefix}-00000000-0000-4000-8000-${hex(sequence, 12)}`;

const millis = z.int().min(0).max(0x7fffffff);

const UpdateSchema = z
  .object({
    minSessionTimeoutMs: millis,
    maxSessionTimeoutMs: millis,
    initialRebalanceDelayMs: millis,
    maxSize: z.int().min(1).max(0x7fffffff),
    newMemberJoinTimeoutMs: millis,
    offsetMetadataMaxSize: z.int().min(0).max(0x7fffffff),
    memberIdSource: z.custom<MemberIdSource>((v) => typeof v === 'function'),
  })
  .partial()
  .strict();

function check(update: unknown): ClassicGroupConfigUpdate {
  const parsed = UpdateSchema.safeParse(update);
  if (!parsed.success) throw new UsageError(`invalid classic group config: ${parsed.error.message}`);
  return parsed.data as ClassicGroupConfigUpdate;
}

/** Fills in Kafka's defaults; throws UsageError for an invalid setting. */
export function resolveConfig(config: ClassicGroupConfig): ResolvedClassicGroupConfig {
  if (typeof config !== 'object' || config === null || typeof config.groupId !== 'string' || config.groupId === '') {
    throw new UsageError('classic group config needs a non-empty groupId');
  }
  const { groupId, ...rest } = config;
  return applyConfigUpdate({ groupId, ...CLASSIC_GROUP_DEFAULTS, memberIdSource: sequentialMemberIdSource }, rest);
}

/** Applies `update` to resolved settings; throws UsageError for an invalid setting. */
export function applyConfigUpdate(
  config: ResolvedClassicGroupConfig,
  update: ClassicGroupConfigUpdate,
): ResolvedClassicGroupConfig {
  const checked = check(update);
  const next: ResolvedClassicGroupConfig = { ...config };
  for (const [key, value] of Object.entries(checked)) {
    if (value !== undefined) (next as Record<string, unknown>)[key] = value;
  }
  if (next.minSessionTimeoutMs > next.maxSessionTimeoutMs) {
    throw new UsageError('minSessionTimeoutMs must not exceed maxSessionTimeoutMs');
  }
  return next;
}
