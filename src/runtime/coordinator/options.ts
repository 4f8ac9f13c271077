/**
 * The coordinator's options, checked with zod at the boundary: a wrong option is the caller's
 * mistake and throws UsageError at construction, not later in a timer.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { ClassicGroupConfig } from '../../classic/index.js';
import type { ConsumerGroupConfig, TopicImage } from '../../consumer/index.js';
import { UsageError } from '../../errors.js';
import type { Clock, TimerScheduler } from '../clock.js';
import type { RecordLog } from '../log/record-log.js';
import type { CoordinatorTransport, GroupCoordinatorRecord } from './types.js';

/** Settings of a {@link GroupCoordinator}. */
export interface GroupCoordinatorOptions {
  /** Where records go; read back at start to rebuild every group. */
  readonly log: RecordLog<GroupCoordinatorRecord>;
  /** Where responses go. */
  readonly transport: CoordinatorTransport;
  /** Settings of every classic group (Kafka's `group.*` broker configs). */
  readonly classic?: Omit<ClassicGroupConfig, 'groupId'>;
  /** Settings of every KIP-848 group (Kafka's `group.consumer.*` broker configs). */
  readonly consumer?: Omit<ConsumerGroupConfig, 'groupId'>;
  /** The cluster's topics, for KIP-848 groups (update with {@link GroupCoordinator.updateMetadata}). */
  readonly topics?: readonly TopicImage[];
  /** `offsets.retention.ms`, default 604800000 (7 days). */
  readonly offsetsRetentionMs?: number;
  /** `offsets.retention.check.interval.ms`, default 600000; how often expiry runs. */
  readonly offsetsRetentionCheckIntervalMs?: number;
  /** Default: the system clock. */
  readonly clock?: Clock;
  /** Default: the system's timers. */
  readonly timers?: TimerScheduler;
}

const positiveMs = z.number().int().positive();

const optionsSchema = z.object({
  log: z.custom<RecordLog<GroupCoordinatorRecord>>((v) => typeof v === 'object' && v !== null && typeof (v as RecordLog<unknown>).append === 'function' && typeof (v as RecordLog<unknown>).read === 'function', 'a RecordLog'),
  transport: z.custom<CoordinatorTransport>((v) => typeof v === 'object' && v !== null && typeof (v as CoordinatorTransport).respond === 'function', 'a transport with respond()'),
  offsetsRetentionMs: positiveMs.optional(),
  offsetsRetentionCheckIntervalMs: positiveMs.optional(),
  topics: z.array(z.looseObject({ topicId: z.string().min(1), name: z.string().min(1), partitions: z.number().int().nonnegative() })).optional(),
});

/** Options with defaults filled in. */
export interface ResolvedGroupCoordinatorOptions extends Required<Omit<GroupCoordinatorOptions, 'clock' | 'timers'>> {
  readonly clock: Clock | undefined;
  readonly timers: TimerScheduler | undefined;
}

/** Checks the options (UsageError naming the bad one) and fills in defaults. */
export function resolveGroupCoordinatorOptions(options: GroupCoordinatorOptions): ResolvedGroupCoordinatorOptions {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) throw new UsageError(`invalid GroupCoordinator options: ${z.prettifyError(parsed.error)}`);
  return {
    log: options.log,
    transport: options.transport,
    // The machines' default ids are a counter that repeats after a restart; a broker needs ids
    // that are never reissued, so the runtime supplies random ones unless told otherwise.
    classic: { memberIdSource: (prefix: string) => `${prefix}-${randomUUID()}`, ...options.classic },
    consumer: { memberIdSource: () => randomUUID(), ...options.consumer },
    topics: options.topics ?? [],
    offsetsRetentionMs: options.offsetsRetentionMs ?? 7 * 24 * 60 * 60 * 1000,
    offsetsRetentionCheckIntervalMs: options.offsetsRetentionCheckIntervalMs ?? 600_000,
    clock: options.clock,
    timers: options.timers,
  };
}

const CLASSIC_APIS = ['JoinGroup', 'SyncGroup', 'Heartbeat', 'LeaveGroup', 'OffsetCommit', 'OffsetFetch'] as const;
const CONSUMER_APIS = ['ConsumerGroupHeartbeat', 'ConsumerGroupDescribe'] as const;

/** The envelope of a request (the driver's part); the body is the peer's and the machines check it. */
export const requestEnvelopeSchema = z.object({
  type: z.literal('request'),
  api: z.enum([...CLASSIC_APIS, ...CONSUMER_APIS]),
  requestId: z.union([z.string(), z.number().finite()]),
  apiVersion: z.number().int(),
  clientId: z.string().optional(),
  clientHost: z.string().optional(),
  body: z.unknown(),
});

const CLASSIC_API_SET: ReadonlySet<string> = new Set(CLASSIC_APIS);

/** True for the classic protocol's APIs. */
export function isClassicApi(api: string): boolean {
  return CLASSIC_API_SET.has(api);
}
