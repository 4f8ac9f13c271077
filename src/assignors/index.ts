/**
 * `kgroup/assignors`: partition assignors for the classic protocol (range, roundrobin, sticky,
 * cooperative-sticky), the way to write your own, and the verifier.
 * @packageDocumentation
 */
export type { AssignInput, PartitionAssignor, SubscriptionUserDataContext } from './types.js';
// The vocabulary an assignor speaks, so that `kgroup/assignors` alone is enough to write one.
export type { Assignment, GroupMember, RebalanceProtocol, Subscription, TopicMetadata } from '../protocol/types.js';
export type { TopicPartition, TopicPartitions } from '../protocol/topic-partitions.js';
export type { TopicPartitionsInput } from '../protocol/topic-partitions-ops.js';
export { PackedTopicPartitions, TopicPartitionsBuilder } from '../protocol/topic-partitions.js';
export { KgroupError, UsageError } from '../errors.js';
// range, roundrobin, the verifier and custom assignors.
export { createRangeAssignor, rangeAssignor } from './client/range.js';
export type { RangeAssignorOptions } from './client/range.js';
export { createRoundRobinAssignor, roundRobinAssignor } from './client/roundrobin.js';
export type { RoundRobinAssignorOptions } from './client/roundrobin.js';
export { AssignmentError, assertValidAssignment, assignmentStats, describeViolation, verifyAssignment } from './verify.js';
export type { AssignmentStats, AssignmentViolation, VerifyOptions } from './verify.js';
export { defineAssignor } from './define.js';
export type { AssignmentInput, AssignorDefinition, AssignorResult, PreparedGroup, PreparedTopic } from './define.js';
export {
  cooperativeStickyAssignor,
  createCooperativeStickyAssignor,
  createStickyAssignor,
  stickyAssignor,
} from './client/sticky/index.js';
export type { StickyAssignorOptions } from './client/sticky/index.js';
// Server-side (KIP-848) assignors: the contract the consumer group coordinator runs, uniform and range.
export {
  PartitionAssignorError,
  RANGE_ASSIGNOR_NAME,
  UNIFORM_ASSIGNOR_NAME,
  compareTopicIds,
  createGroupSpec,
  createTopicDescriber,
  createUniformAssignor,
  serverRangeAssignor,
  subscriptionTypeOf,
  uniformAssignor,
} from './server/index.js';
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
} from './server/index.js';
