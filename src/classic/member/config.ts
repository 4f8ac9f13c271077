/**
 * The member's settings: Kafka 4.0's consumer defaults, validation, and the choice of the
 * rebalance protocol from the configured assignors (KIP-429).
 */
import type { PartitionAssignor } from '../../assignors/types.js';
import { UsageError } from '../../errors.js';
import { REBALANCE_PROTOCOL_ID, type RebalanceProtocol } from '../../protocol/types.js';
import type { ClassicMemberConfig, ResolvedClassicMemberConfig } from './types.js';

/** Kafka 4.0's consumer defaults for the settings the member uses. */
export const CLASSIC_MEMBER_DEFAULTS = Object.freeze({
  sessionTimeoutMs: 45_000,
  heartbeatIntervalMs: 3_000,
  maxPollIntervalMs: 300_000,
  retryBackoffMs: 100,
  retryBackoffMaxMs: 1_000,
  requestTimeoutMs: 30_000,
  enableAutoCommit: true,
});

const MAX_INT32 = 0x7fffffff;

function positiveInt(name: string, value: number): number {
  if (!Number.isInteger(value) || value <= 0 || value > MAX_INT32) throw new UsageError(`${name} must be an int32 > 0, got ${String(value)}`);
  return value;
}

function optionalString(name: string, value: string | null | undefined): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || value === '') throw new UsageError(`${name} must be a non-empty string or null`);
  return value;
}

/**
 * Kafka's choice of rebalance protocol: the highest protocol that every assignor supports.
 * Throws UsageError when there are no assignors or they share no protocol.
 */
export function selectRebalanceProtocol(assignors: readonly PartitionAssignor[]): RebalanceProtocol {
  if (assignors.length === 0) throw new UsageError('assignors must list at least one assignor');
  const [first, ...rest] = assignors as [PartitionAssignor, ...PartitionAssignor[]];
  const common = first.supportedProtocols.filter((p) => rest.every((a) => a.supportedProtocols.includes(p)));
  if (common.length === 0) {
    const names = assignors.map((a) => a.name).join(', ');
    throw new UsageError(`assignors [${names}] do not have a commonly supported rebalance protocol`);
  }
  return common.reduce((best, p) => (REBALANCE_PROTOCOL_ID[p] > REBALANCE_PROTOCOL_ID[best] ? p : best));
}

function checkAssignors(assignors: readonly PartitionAssignor[]): readonly PartitionAssignor[] {
  if (!Array.isArray(assignors)) throw new UsageError('assignors must be an array');
  const names = new Set<string>();
  for (const a of assignors) {
    if (typeof a?.name !== 'string' || a.name === '') throw new UsageError('every assignor needs a non-empty name');
    if (names.has(a.name)) throw new UsageError(`assignor ${JSON.stringify(a.name)} is listed twice`);
    names.add(a.name);
  }
  return Object.freeze([...assignors]);
}

/** Fills in defaults and checks the settings. Throws UsageError for a bad value. */
export function resolveClassicMemberConfig(config: ClassicMemberConfig): ResolvedClassicMemberConfig {
  if (typeof config.groupId !== 'string' || config.groupId === '') throw new UsageError('groupId must be a non-empty string');
  const d = CLASSIC_MEMBER_DEFAULTS;
  const resolved: ResolvedClassicMemberConfig = {
    groupId: config.groupId,
    groupInstanceId: optionalString('groupInstanceId', config.groupInstanceId),
    assignors: checkAssignors(config.assignors),
    sessionTimeoutMs: positiveInt('sessionTimeoutMs', config.sessionTimeoutMs ?? d.sessionTimeoutMs),
    heartbeatIntervalMs: positiveInt('heartbeatIntervalMs', config.heartbeatIntervalMs ?? d.heartbeatIntervalMs),
    maxPollIntervalMs: positiveInt('maxPollIntervalMs', config.maxPollIntervalMs ?? d.maxPollIntervalMs),
    retryBackoffMs: positiveInt('retryBackoffMs', config.retryBackoffMs ?? d.retryBackoffMs),
    retryBackoffMaxMs: positiveInt('retryBackoffMaxMs', config.retryBackoffMaxMs ?? d.retryBackoffMaxMs),
    requestTimeoutMs: positiveInt('requestTimeoutMs', config.requestTimeoutMs ?? d.requestTimeoutMs),
    rackId: optionalString('rackId', config.rackId),
    enableAutoCommit: config.enableAutoCommit ?? d.enableAutoCommit,
  };
  // Kafka's Heartbeat refuses the same combination.
  if (resolved.heartbeatIntervalMs >= resolved.sessionTimeoutMs) throw new UsageError('heartbeatIntervalMs must be lower than sessionTimeoutMs');
  return Object.freeze(resolved);
}
