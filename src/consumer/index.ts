/**
 * `kgroup/consumer`: the KIP-848 ("consumer") group protocol: the broker side (the group
 * coordinator, one pure state machine per group, and the server-side assignors it runs) and the
 * member side (the state machine a consumer runs).
 * @packageDocumentation
 */
export {
  stepConsumerGroup,
  initialConsumerGroupState,
  onConsumerGroupLoaded,
  replayConsumerGroup,
  replayConsumerGroupRecord,
  consumerGroupPersistedView,
  describeConsumerGroup,
  formatTopicPartitions,
  recordsOf as consumerGroupRecordsOf,
  consumerGroupStateOf,
  CONSUMER_GROUP_DEFAULTS,
  resolveConsumerGroupConfig,
  sequentialConsumerMemberIdSource,
  CONSUMER_GROUP_API_VERSIONS,
  CONSUMER_GROUP_STATES,
  CONSUMER_GROUP_STATE_RULES,
  MEMBER_STATES,
  consumerGroupStateTableMarkdown,
  deriveGroupState as deriveConsumerGroupState,
  REGEX_REFRESH_TIMER_KEY,
  parseTimerKey as parseConsumerGroupTimerKey,
  rebalanceTimerKey,
  sessionTimerKey,
  reconcileMember,
  ownsRevokedPartitions,
  buildTargetAssignment,
  subscriptionTypeOfGroup,
  buildMetadataImage,
} from './coordinator/index.js';
export type { ConsumerGroupStateName, ConsumerGroupStateRule, TimerTarget, ReconcileInput, ReconcileResult, TargetAssignmentInput, TargetAssignmentResult } from './coordinator/index.js';
export type * from './coordinator/types.js';
export {
  uniformAssignor,
  serverRangeAssignor,
  createUniformAssignor,
  PartitionAssignorError,
  createGroupSpec,
  createTopicDescriber,
  UNIFORM_ASSIGNOR_NAME,
  RANGE_ASSIGNOR_NAME,
} from '../assignors/server/index.js';
export type {
  GroupAssignment,
  GroupSpec,
  GroupSpecMember,
  MemberSubscription,
  ServerAssignor,
  SubscribedTopicDescriber,
  SubscriptionType,
  TopicDescription,
  TopicOrder,
  UniformAssignorOptions,
} from '../assignors/server/index.js';
// Types from the shared vocabulary that the machines' signatures use, so that this entry point
// alone is enough to drive them.
export type { KgroupError } from '../errors.js';
export type { ErrorCode, ErrorName } from '../protocol/error-codes.js';
export type { PackedTopicPartitions, TopicPartitions } from '../protocol/topic-partitions.js';
export type { PMap } from '../internal/pmap.js';
// The member side: the state machine a consumer runs in a KIP-848 group.
export {
  stepConsumerMember,
  initialConsumerMemberState,
  consumerMemberNextDeadline,
  describeConsumerMember,
  formatConsumerMemberPartitions,
  CONSUMER_MEMBER_DEFAULTS,
  resolveConsumerMemberConfig,
  NONE_ASSIGNMENT,
  CONSUMER_GROUP_HEARTBEAT_VERSION,
  CONSUMER_MEMBER_STATES,
  CONSUMER_MEMBER_TRANSITIONS,
  canHandleNewAssignment,
  consumerMemberStateDiagramMermaid,
  consumerMemberTransitionTableMarkdown,
  isConsumerMemberNotInGroup,
  isValidConsumerMemberTransition,
  shouldHeartbeatNow,
} from './member/index.js';
export type { ConsumerMemberStateName, ConsumerMemberTransition, HeartbeatPolicy } from './member/index.js';
export type * from './member/types.js';
export type { ApiTypes, CoordinatorEffect, RequestEnvelope, ResponseEnvelope, TimerFired } from '../internal/envelope.js';
export { consumerGroupOffsetsView } from './coordinator/index.js';
export type { OffsetCommitRequestPartition, OffsetFetchRequest, OffsetFetchResponsePartition } from '../classic/coordinator/types.js';
