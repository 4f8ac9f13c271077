/**
 * `kgroup/runtime`: the impure part of kgroup, for Node. Drivers that run the pure machines on
 * the real clock and timers; event-emitter facades for members (`ClassicMember`) and for a
 * broker's coordinator of many groups (`GroupCoordinator`); record logs (in memory, and a
 * checksummed append-only file); an in-process transport; and the KafkaJS assignor adapter.
 * @packageDocumentation
 */
export { systemClock, systemTimers } from './clock.js';
export type { Clock, TimerScheduler } from './clock.js';
export { KeyedTimers } from './keyed-timers.js';
// Record logs.
export type { RecordLog } from './log/record-log.js';
export { InMemoryRecordLog } from './log/memory-log.js';
export { FileRecordLog } from './log/file-log.js';
export type { FileRecordLogOptions, FileRecordLogRecovery } from './log/file-log.js';
export { CorruptLogError, encodeFrame, scanFrames, LOG_MAGIC, FRAME_HEADER_BYTES, MAX_FRAME_PAYLOAD_BYTES } from './log/frame.js';
export type { ScannedLog } from './log/frame.js';
export { jsonRecordSerializer } from './log/serializer.js';
export type { RecordSerializer } from './log/serializer.js';
export { crc32c } from './log/crc32c.js';
// The broker side.
export { GroupCoordinator } from './coordinator/group-coordinator.js';
export type { GroupCoordinatorEvents } from './coordinator/group-coordinator.js';
export type { GroupCoordinatorOptions } from './coordinator/options.js';
export { expiryRecords, expiredOffsetRecords, consumerGroupTombstones } from './coordinator/expiry.js';
export type {
  CoordinatorApi,
  CoordinatorRequest,
  CoordinatorResponse,
  CoordinatorTransport,
  DescribedClassicGroup,
  DescribedClassicMember,
  DescribedGroup,
  GroupCoordinatorRecord,
  GroupEvent,
  GroupSlot,
  GroupType,
  ListedGroup,
} from './coordinator/types.js';
// The member side.
export { ClassicMember } from './member/classic-member.js';
export type { ClassicMemberEvents, ClassicMemberOptions, ClassicMemberTransport } from './member/classic-member.js';
export type { RebalanceListener, RebalanceCallback } from './member/listener.js';
export { MemberDriver } from './member/driver.js';
export type { MemberMachine } from './member/driver.js';
export { InProcessTransport, IN_PROCESS_API_VERSIONS } from './in-process.js';
// The KafkaJS adapter (bound to Buffer, which KafkaJS requires).
export { toKafkaJsAssigner } from './kafkajs.js';
export { createKafkaJsAssigner, decodeKafkaJsAssignment } from '../adapters/kafkajs/index.js';
export type { KafkaJsAssigner, KafkaJsAssignerContext, KafkaJsAssignerOptions, KafkaJsCluster, KafkaJsPartitionAssigner } from '../adapters/kafkajs/index.js';
export { VirtualClock } from './virtual-clock.js';
export { ConsumerMember } from './member/consumer-member.js';
export type { ConsumerMemberCommit, ConsumerMemberEvents, ConsumerMemberOptions, ConsumerMemberTransport } from './member/consumer-member.js';

// Types of the machines and the vocabulary that this entry point's signatures use, so that it
// alone is enough to drive them.
export type {
  Assignment,
  DecodeError,
  ErrorCode,
  ErrorName,
  GroupMember,
  KgroupError,
  PackedTopicPartitions,
  RebalanceProtocol,
  Subscription,
  TopicMetadata,
  TopicPartitions,
} from '../protocol/index.js';
export type {
  AssignInput,
  AssignmentViolation,
  GroupAssignment,
  GroupSpec,
  MemberSubscription,
  PartitionAssignor,
  ServerAssignor,
  SubscribedTopicDescriber,
  SubscriptionType,
  SubscriptionUserDataContext,
} from '../assignors/index.js';
export type {
  AfterCallback,
  ApiTypes,
  CLASSIC_GROUP_STATES,
  CLASSIC_MEMBER_STATES,
  ClassicApi,
  ClassicApiTypes,
  ClassicCoordinatorState,
  ClassicGroup,
  ClassicGroupConfig,
  ClassicGroupEvent,
  ClassicGroupMember,
  ClassicGroupRecord,
  ClassicGroupStateName,
  ClassicMemberApi,
  ClassicMemberConfig,
  ClassicMemberError,
  ClassicMemberEvent,
  ClassicMemberGeneration,
  ClassicMemberSendOutput,
  ClassicMemberState,
  ClassicMemberStateName,
  ClassicRequestInput,
  ClassicResponseOutput,
  ConsumedPosition,
  GroupMetadataMember,
  GroupMetadataValue,
  HeartbeatRequest,
  HeartbeatResponse,
  InFlightRequest,
  JoinGroupRequest,
  JoinGroupRequestProtocol,
  JoinGroupResponse,
  JoinGroupResponseMember,
  JoinTimer,
  LeaveGroupMemberIdentity,
  LeaveGroupRequest,
  LeaveGroupResponse,
  LeaveGroupResponseMember,
  MemberIdSource,
  MemberRemovalReason,
  OffsetAndMetadata,
  OffsetCommitRequest,
  OffsetCommitRequestPartition,
  OffsetCommitResponse,
  OffsetCommitValue,
  OffsetFetchRequest,
  OffsetFetchResponse,
  OffsetFetchResponsePartition,
  PMap,
  ParkedRequest,
  PendingCallback,
  PendingCommit,
  RebalanceCallbackName,
  RequestEnvelope,
  RequestId,
  ResolvedClassicGroupConfig,
  ResolvedClassicMemberConfig,
  ResponseEnvelope,
  SyncGroupRequest,
  SyncGroupRequestAssignment,
  SyncGroupResponse,
} from '../classic/index.js';
export type {
  CONSUMER_GROUP_STATES,
  CONSUMER_MEMBER_STATES,
  ConsumerGroup,
  ConsumerGroupApi,
  ConsumerGroupApiTypes,
  ConsumerGroupConfig,
  ConsumerGroupCoordinatorState,
  ConsumerGroupCurrentMemberAssignmentValue,
  ConsumerGroupDescribeRequest,
  ConsumerGroupDescribeResponse,
  ConsumerGroupEvent,
  ConsumerGroupHeartbeatRequest,
  ConsumerGroupHeartbeatResponse,
  ConsumerGroupMember,
  ConsumerGroupMemberMetadataValue,
  ConsumerGroupMetadataValue,
  ConsumerGroupPartitionMetadataValue,
  ConsumerGroupRecord,
  ConsumerGroupRequestInput,
  ConsumerGroupResponseOutput,
  ConsumerGroupSoftState,
  ConsumerGroupStateName,
  ConsumerMemberConfig,
  ConsumerMemberError,
  ConsumerMemberEvent,
  ConsumerMemberRemovalReason,
  ConsumerMemberSendOutput,
  ConsumerMemberState,
  ConsumerMemberStateName,
  ConsumerSubscription,
  DescribedConsumerGroup,
  DescribedConsumerGroupMember,
  GroupMembershipOperation,
  HeartbeatSchedule,
  InFlightHeartbeat,
  KafkaVersion,
  LocalAssignment,
  MemberState,
  MetadataImage,
  Reconciliation,
  ResolvedConsumerGroupConfig,
  ResolvedConsumerMemberConfig,
  ResolvedRegularExpression,
  SentFields,
  TopicIdPartitions,
  TopicImage,
} from '../consumer/index.js';
// The KIP-848 member's own names for what the classic member also has, renamed here.
export type {
  AfterCallback as ConsumerAfterCallback,
  PendingCallback as ConsumerPendingCallback,
  PendingCommit as ConsumerPendingCommit,
  ConsumerOffsetFetchRequest,
} from '../consumer/index.js';
export type { KafkaJsGroupMember, KafkaJsGroupMemberAssignment, KafkaJsGroupState } from '../adapters/kafkajs/types.js';
export type { CoordinatorStatus } from '../consumer/index.js';
