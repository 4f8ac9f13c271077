/** The member's settings: Kafka 4.2's consumer defaults and their validation. */
import { UsageError } from '../../errors.js';
import type { ConsumerMemberConfig, ResolvedConsumerMemberConfig } from './types.js';

/** Kafka 4.2's consumer defaults for the settings the member uses. */
export const CONSUMER_MEMBER_DEFAULTS = Object.freeze({
  maxPollIntervalMs: 300_000,
  retryBackoffMs: 100,
  retryBackoffMaxMs: 1_000,
  requestTimeoutMs: 30_000,
  enableAutoCommit: true,
  retryBackoffJitter: 0,
});

const MAX_INT32 = 0x7fffffff;

function positiveInt(name: string, value: number): number {
  if (!Number.isInteger(value) || value <= 0 || value > MAX_INT32) throw new UsageError(`${name} must be an int32 > 0, got ${String(value)}`);
  return value;
}

/** A non-blank string or null; the coordinator refuses blank instance and rack ids. */
function optionalString(name: string, value: string | null | undefined): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`${name} must be a non-blank string or null`);
  return value;
}

function jitter(value: number): number {
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) throw new UsageError(`retryBackoffJitter must be within [0, 1], got ${String(value)}`);
  return value;
}

/** Fills in defaults and checks the settings (the member id is checked by the initial state). */
export function resolveConsumerMemberConfig(config: ConsumerMemberConfig): ResolvedConsumerMemberConfig {
  if (typeof config !== 'object' || config === null) throw new UsageError('config must be an object');
  if (typeof config.groupId !== 'string' || config.groupId.trim() === '') throw new UsageError('groupId must be a non-blank string');
  const d = CONSUMER_MEMBER_DEFAULTS;
  return Object.freeze({
    groupId: config.groupId,
    groupInstanceId: optionalString('groupInstanceId', config.groupInstanceId),
    rackId: optionalString('rackId', config.rackId),
    serverAssignor: optionalString('serverAssignor', config.serverAssignor),
    maxPollIntervalMs: positiveInt('maxPollIntervalMs', config.maxPollIntervalMs ?? d.maxPollIntervalMs),
    retryBackoffMs: positiveInt('retryBackoffMs', config.retryBackoffMs ?? d.retryBackoffMs),
    retryBackoffMaxMs: positiveInt('retryBackoffMaxMs', config.retryBackoffMaxMs ?? d.retryBackoffMaxMs),
    requestTimeoutMs: positiveInt('requestTimeoutMs', config.requestTimeoutMs ?? d.requestTimeoutMs),
    enableAutoCommit: config.enableAutoCommit ?? d.enableAutoCommit,
    retryBackoffJitter: jitter(config.retryBackoffJitter ?? d.retryBackoffJitter),
  });
}

/** The member id: the configured one, or one from the source (Kafka makes a random UUID). */
export function resolveMemberId(config: ConsumerMemberConfig): string {
  const id = config.memberId ?? config.memberIdSource?.();
  if (id === undefined) throw new UsageError('give memberId or memberIdSource: the member id is chosen by the consumer');
  if (typeof id !== 'string' || id.trim() === '') throw new UsageError('the member id must be a non-blank string');
  return id;
}
