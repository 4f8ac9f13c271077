/**
 * `kgroup/protocol`: the shared vocabulary: error codes, topic-partition sets, subscriptions
 * and assignments, the ConsumerProtocol codec, assignor user data, and zod schemas.
 * @packageDocumentation
 */
export { DecodeError, InvariantError, KgroupError, UsageError } from '../errors.js';
export { ALL_ERRORS, ErrorCode, errorInfo, errorName } from './error-codes.js';
export type { ErrorInfo, ErrorName, MemberReaction } from './error-codes.js';
export { PackedTopicPartitions, TopicPartitionsBuilder, compareStrings } from './topic-partitions.js';
export type { TopicPartition, TopicPartitions } from './topic-partitions.js';
export {
  countPartitions,
  diffTopicPartitions,
  equalTopicPartitions,
  flattenTopicPartitions,
  normalizeTopicPartitions,
  subtractTopicPartitions,
  topicPartitions,
  unionTopicPartitions,
} from './topic-partitions-ops.js';
export type { TopicPartitionsDiff, TopicPartitionsInput } from './topic-partitions-ops.js';
export { REBALANCE_PROTOCOL_ID } from './types.js';
export type { Assignment, GroupMember, RebalanceCallbackName, RebalanceProtocol, Subscription, TopicMetadata } from './types.js';
export {
  CONSUMER_PROTOCOL_TYPE,
  CONSUMER_PROTOCOL_VERSION,
  decodeAssignment,
  decodeSubscription,
  encodeAssignment,
  encodeSubscription,
} from './consumer-protocol.js';
export type { DecodedAssignment, DecodedSubscription } from './consumer-protocol.js';
export {
  decodeCooperativeStickyUserData,
  decodeStickyUserData,
  encodeCooperativeStickyUserData,
  encodeStickyUserData,
} from './user-data.js';
export type { StickyUserData } from './user-data.js';
export {
  AssignmentSchema,
  GroupMemberSchema,
  Int32NonNegativeSchema,
  Int32Schema,
  RebalanceProtocolSchema,
  SubscriptionSchema,
  TopicMetadataSchema,
  TopicPartitionsSchema,
} from './schemas.js';
