/** The state of a member that has just been created: not subscribed, not in any group. */
import { PackedTopicPartitions } from '../../protocol/topic-partitions.js';
import { resolveClassicMemberConfig, selectRebalanceProtocol } from './config.js';
import { NO_GENERATION } from './generation.js';
import type { ClassicMemberConfig, ClassicMemberState } from './types.js';

/**
 * A new member. Throws UsageError for bad settings, including assignors that share no
 * rebalance protocol. Nothing happens until it is subscribed and polled.
 */
export function initialClassicMemberState(config: ClassicMemberConfig): ClassicMemberState {
  const resolved = resolveClassicMemberConfig(config);
  return Object.freeze({
    config: resolved,
    protocol: selectRebalanceProtocol(resolved.assignors),
    state: 'UNJOINED',
    generation: NO_GENERATION,
    subscription: [],
    joinedSubscription: null,
    owned: PackedTopicPartitions.EMPTY,
    lastAssignment: { partitions: PackedTopicPartitions.EMPTY, generationId: -1 },
    // Kafka's coordinator starts out needing a join.
    rejoinNeeded: true,
    rejoinReason: '',
    needsJoinPrepare: true,
    awaitingPoll: true,
    isLeader: false,
    groupSubscription: [],
    metadata: new Map(),
    assignmentSnapshot: null,
    join: null,
    sync: null,
    heartbeat: null,
    leave: null,
    commit: null,
    callback: null,
    retryAtMs: null,
    heartbeatDueMs: 0,
    sessionDeadlineMs: 0,
    pollDeadlineMs: 0,
    heartbeatAttempts: 0,
    positions: new Map(),
    failed: null,
    closed: false,
    nextRequestId: 1,
    nextCallbackId: 1,
    lastNowMs: 0,
  });
}
