/**
 * `kgroup/classic`: the classic (JoinGroup/SyncGroup) protocol: the broker side (the group
 * coordinator, one pure state machine per group) and the consumer side (the member, one pure
 * state machine per consumer). Names say which machine they drive (`stepClassicGroup` for the
 * coordinator, `stepClassicMember` for the member), since both share this entry point.
 * @packageDocumentation
 */
export {
  step as stepClassicGroup,
  initialState as initialClassicGroupState,
  onLoaded as onClassicGroupLoaded,
  replay as replayClassicGroup,
  replayRecord as replayClassicGroupRecord,
  describeGroup as describeClassicGroup,
  isAtRest,
  persistedView as classicGroupPersistedView,
  recordsOf,
  toHex,
  CLASSIC_GROUP_DEFAULTS,
  resolveConfig as resolveClassicGroupConfig,
  sequentialMemberIdSource,
  CLASSIC_API_VERSIONS,
  CLASSIC_GROUP_STATES,
  CLASSIC_GROUP_TRANSITIONS,
  canRebalance,
  isValidTransition as isValidClassicGroupTransition,
  transitionTableMarkdown as classicGroupTransitionTableMarkdown,
  JOIN_TIMER_KEY,
  SYNC_TIMER_KEY,
  heartbeatTimerKey,
  memberIdOfTimerKey,
  PMap,
} from './coordinator/index.js';
export type { PersistedMemberView, PersistedView } from './coordinator/view.js';
export type { ClassicGroupStateName, ClassicGroupTransition } from './coordinator/states.js';
export type * from './coordinator/types.js';
// The member (consumer side).
export {
  stepClassicMember,
  initialClassicMemberState,
  classicMemberNextDeadline,
  describeClassicMember,
  formatTopicPartitions,
  CLASSIC_MEMBER_DEFAULTS,
  resolveClassicMemberConfig,
  selectRebalanceProtocol,
  NO_GENERATION,
  COOPERATIVE_STICKY_ASSIGNOR_NAME,
  CLASSIC_MEMBER_STATES,
  CLASSIC_MEMBER_TRANSITIONS,
  classicMemberTransitionTableMarkdown,
  hasNotJoinedGroup,
  isValidClassicMemberTransition,
} from './member/index.js';
export type { ClassicMemberStateName, ClassicMemberTransition } from './member/states.js';
export type * from './member/types.js';
// Types from the shared vocabulary that the machines' signatures use, so that this entry point
// alone is enough to drive them.
export type { ErrorCode, ErrorName } from '../protocol/error-codes.js';
export type { PackedTopicPartitions, TopicPartitions } from '../protocol/topic-partitions.js';
export type { Assignment, GroupMember, RebalanceProtocol, Subscription, TopicMetadata } from '../protocol/types.js';
export type { AssignInput, PartitionAssignor, SubscriptionUserDataContext } from '../assignors/types.js';
export type { AssignmentViolation } from '../assignors/verify.js';
export type { ApiTypes, CoordinatorEffect, RequestEnvelope, ResponseEnvelope, TimerFired } from '../internal/envelope.js';
