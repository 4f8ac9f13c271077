/**
 * Building a coordinator state: the initial one, a replay of the log (Kafka's `replay` for
 * consumer group records), and the step after loading (Kafka's `onLoaded`), which re-arms every
 * member's session timer and the rebalance timers of members that must revoke.
 */
import { UsageError } from '../../errors.js';
import { PMap } from '../../internal/pmap.js';
import { resolveConsumerGroupConfig } from './config.js';
import { StepContext } from './context.js';
import { applyOffsetRecord, applyRecord } from './group.js';
import { updateRebalanceTimer } from './heartbeat.js';
import { sortedMemberIds } from './member-order.js';
import { buildMetadataImage, EMPTY_METADATA } from './metadata.js';
import { sessionTimerKey } from './timer-keys.js';
import type {
  ConsumerGroupConfig,
  ConsumerGroupCoordinatorState,
  ConsumerGroupMember,
  ConsumerGroupRecord,
  ConsumerGroupSoftState,
  ConsumerGroupStepResult,
  TopicImage,
} from './types.js';

/** The soft state of a freshly loaded group: the metadata hash is due for a check. */
export const INITIAL_SOFT_STATE: ConsumerGroupSoftState = {
  metadataRefreshDeadlineMs: 0,
  metadataRefreshEpoch: 0,
  rebalanceTimeoutEpochs: PMap.empty(),
  regexRefreshInFlight: false,
  lastRegexRefreshMs: Number.NEGATIVE_INFINITY,
  memberIdSequence: 0,
};

/** The state of a coordinator whose group does not exist yet, with `topics` as its metadata image. */
export function initialConsumerGroupState(config: ConsumerGroupConfig, topics: readonly TopicImage[] = []): ConsumerGroupCoordinatorState {
  return {
    config: resolveConsumerGroupConfig(config),
    metadata: topics.length === 0 ? EMPTY_METADATA : buildMetadataImage(topics),
    group: null,
    soft: INITIAL_SOFT_STATE,
  };
}

/** Applies one record (it must belong to the state's group). */
export function replayConsumerGroupRecord(state: ConsumerGroupCoordinatorState, record: ConsumerGroupRecord): ConsumerGroupCoordinatorState {
  if (record.groupId !== state.config.groupId) {
    throw new UsageError(`record of group ${JSON.stringify(record.groupId)} replayed into group ${JSON.stringify(state.config.groupId)}`);
  }
  if (record.type === 'OffsetCommit') return { ...state, offsets: applyOffsetRecord(state.offsets ?? PMap.empty(), record) };
  return { ...state, group: applyRecord(state.group, record) };
}

/** Rebuilds the coordinator state of `config.groupId` from its records, oldest first. */
export function replayConsumerGroup(
  config: ConsumerGroupConfig,
  records: Iterable<ConsumerGroupRecord>,
  topics: readonly TopicImage[] = [],
): ConsumerGroupCoordinatorState {
  let state = initialConsumerGroupState(config, topics);
  for (const record of records) state = replayConsumerGroupRecord(state, record);
  return state;
}

/** The step after a replay: session timers for every member, rebalance timers for members that must revoke. */
export function onConsumerGroupLoaded(state: ConsumerGroupCoordinatorState, nowMs: number): ConsumerGroupStepResult {
  const ctx = new StepContext(state, nowMs);
  const g = ctx.group;
  if (g !== null) {
    for (const id of sortedMemberIds(g.members)) {
      const m = g.members.get(id) as ConsumerGroupMember;
      ctx.schedule(sessionTimerKey(id), ctx.config.sessionTimeoutMs);
      if (m.state === 'UNREVOKED_PARTITIONS') updateRebalanceTimer(ctx, m);
    }
  }
  return ctx.finish();
}
