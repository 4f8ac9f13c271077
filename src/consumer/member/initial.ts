/** The state of a member that has just been created: not subscribed, not in any group. */
import { UsageError } from '../../errors.js';
import { PackedTopicPartitions } from '../../protocol/topic-partitions.js';
import { NONE_ASSIGNMENT } from './assignment.js';
import { seedRandomState } from './backoff.js';
import { resolveConsumerMemberConfig, resolveMemberId } from './config.js';
import { EMPTY_SENT_FIELDS } from './request.js';
import type { ConsumerMemberConfig, ConsumerMemberState } from './types.js';

/**
 * A new member (UNSUBSCRIBED, epoch 0). Throws UsageError for bad settings or a missing member
 * id. Nothing happens until it is subscribed and polled.
 */
export function initialConsumerMemberState(config: ConsumerMemberConfig): ConsumerMemberState {
  const resolved = resolveConsumerMemberConfig(config);
  const seed = config.jitterSeed ?? 1;
  if (!Number.isInteger(seed)) throw new UsageError('jitterSeed must be an integer');
  const state: ConsumerMemberState = {
    config: resolved,
    state: 'UNSUBSCRIBED',
    memberId: resolveMemberId(config),
    memberEpoch: 0,
    subscription: { kind: 'none' } as const,
    subscriptionUpdated: false,
    currentAssignment: NONE_ASSIGNMENT,
    targetAssignment: NONE_ASSIGNMENT,
    owned: PackedTopicPartitions.EMPTY,
    topicNames: new Map(),
    assignedTopicNames: new Map(),
    reconciliation: null,
    callbacks: [],
    commit: null,
    sentFields: EMPTY_SENT_FIELDS,
    heartbeat: {
      intervalMs: 0,
      timerDeadlineMs: 0,
      lastSentMs: -1,
      lastReceivedMs: -1,
      backoffMs: resolved.retryBackoffMs,
      attempts: 0,
      inFlight: [],
    },
    pollDeadlineMs: 0,
    pollTimerExpired: false,
    staleReleased: false,
    stalePolled: false,
    leaveInProgress: false,
    leaveGroupOperation: 'DEFAULT',
    closing: false,
    closed: false,
    rngState: seedRandomState(seed),
    coordinator: 'assumed',
    nextRequestId: 1,
    nextCallbackId: 1,
    nextCommitId: 1,
    nextReconciliationId: 1,
    lastNowMs: 0,
  };
  return Object.freeze(state);
}
