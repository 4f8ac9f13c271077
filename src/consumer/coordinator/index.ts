/**
 * The KIP-848 consumer group coordinator (broker side, Kafka 4.2): one pure state machine per group.
 * @packageDocumentation
 */
export { stepConsumerGroup } from './step.js';
export { initialConsumerGroupState, onConsumerGroupLoaded, replayConsumerGroup, replayConsumerGroupRecord } from './replay.js';
export { consumerGroupPersistedView, consumerGroupOffsetsView, describeConsumerGroup, formatTopicPartitions, recordsOf } from './view.js';
export { groupStateOf as consumerGroupStateOf } from './view-state.js';
export { CONSUMER_GROUP_DEFAULTS, resolveConsumerGroupConfig, sequentialConsumerMemberIdSource } from './config.js';
export { CONSUMER_GROUP_API_VERSIONS } from './schemas.js';
export { CONSUMER_GROUP_STATES, CONSUMER_GROUP_STATE_RULES, MEMBER_STATES, consumerGroupStateTableMarkdown, deriveGroupState } from './states.js';
export type { ConsumerGroupStateName, ConsumerGroupStateRule } from './states.js';
export { REGEX_REFRESH_TIMER_KEY, parseTimerKey, rebalanceTimerKey, sessionTimerKey } from './timer-keys.js';
export type { TimerTarget } from './timer-keys.js';
export { reconcileMember, ownsRevokedPartitions } from './current-assignment.js';
export type { ReconcileInput, ReconcileResult } from './current-assignment.js';
export { buildTargetAssignment } from './target-assignment.js';
export type { TargetAssignmentInput, TargetAssignmentResult } from './target-assignment.js';
export { subscriptionTypeOfGroup } from './subscription-type.js';
export { buildMetadataImage } from './metadata.js';
export type * from './types.js';
