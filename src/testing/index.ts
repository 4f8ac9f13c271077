/**
 * `kgroup/testing`: the deterministic simulator and its parts. A seeded RNG, a virtual clock
 * and an in-memory network (latency, jitter, drops, duplicates, partitions) run a coordinator
 * and any number of members, each a pure machine, through a scenario of membership changes and
 * faults, with invariant checkers after every step and a workload model (per-partition lag).
 * The same scenario and seed give the same run, byte for byte.
 * @packageDocumentation
 */
export { SimRng, parseSeed, MAX_SEED } from './rng.js';
export { VirtualClock } from './clock.js';
export { EventQueue } from './event-queue.js';
export { SimNetwork, DEFAULT_NETWORK, validateNetwork } from './network.js';
export type { NetworkConfig, NetworkStats, Direction } from './network.js';
export { Simulation, simulate } from './simulation.js';
export type { MemberDelivery, MemberHost } from './hosts.js';
export type { SimulationOptions, SimulationResult } from './simulation.js';
export type { ListenerCallback, ListenerContext, SimulationListener } from './listener.js';
export { formatFailure } from './failure.js';
export type { FailureKind, SimulationFailure } from './failure.js';
export type { SimulationMetrics, SimulationSeries } from './metrics.js';
export { Workload } from './workload.js';
export type { Consumer } from './workload.js';
export { PartitionLayout } from './layout.js';
export { OwnershipIndex } from './ownership.js';
export { Trace } from './trace.js';
export { EpochTracker, checkClassicReplay, checkConsumerReplay, findOwnershipOverlaps, indexOverlaps, invalidTransitions, unsettledReasons } from './checkers/index.js';
export type { OwnershipClaim, SettledMember } from './checkers/index.js';
export { scenario, ScenarioBuilder } from './scenario/builder.js';
export { parseScenario, formatScenario, parseDuration } from './scenario/text.js';
export { PRESETS, PRESET_NAMES, presetScenario } from './scenario/presets.js';
export type { PresetParams } from './scenario/presets.js';
export { validateScenario } from './scenario/validate.js';
export { actionLabel, formatDuration, lastActionEndMs } from './scenario/actions.js';
export {
  baseScenario,
  defaultLivenessBoundMs,
  DEFAULT_MEMBER_SETTINGS,
  DEFAULT_INITIAL_REBALANCE_DELAY_MS,
  MAX_MEMBERS,
  MAX_PARTITIONS,
  MAX_DURATION_MS,
} from './scenario/defaults.js';
export { PROTOCOLS } from './scenario/types.js';
export type { Protocol, Scenario, ScenarioAction, TimedAction, TopicSpec, MemberSettings } from './scenario/types.js';
export { swarmScenario, availableProtocols } from './swarm.js';
export type { SwarmOptions } from './swarm.js';
export {
  CLASSIC_ASSIGNORS,
  CONSUMER_ASSIGNORS,
  CONSUMER_PROTOCOL_AVAILABLE,
  DEFAULT_ASSIGNOR,
  assignorsFor,
  checkAssignor,
  protocolKit,
  simTopicId,
} from './nodes/protocols.js';
export type { ProtocolKit } from './nodes/protocols.js';
export { ClassicCoordinatorNode, SIM_GROUP_ID } from './nodes/classic-coordinator.js';
export type { ClassicCoordinatorSettings } from './nodes/classic-coordinator.js';
export { ClassicMemberNode } from './nodes/classic-member.js';
export type { ClassicMemberSettings } from './nodes/classic-member.js';
export { ConsumerCoordinatorNode } from './nodes/consumer-coordinator.js';
export type { ConsumerCoordinatorSettings } from './nodes/consumer-coordinator.js';
export { ConsumerMemberNode } from './nodes/consumer-member.js';
export { FATAL_RESTART_MS } from './nodes/fatal-restart.js';
export type { ConsumerMemberSettings } from './nodes/consumer-member.js';
export { ReplayComparator, sameData } from './nodes/consumer-replay.js';
export type { ReplayedGroup } from './nodes/consumer-replay.js';
export { ClassicReplayComparator } from './nodes/classic-replay.js';
export { MemberEffectsBuilder, NO_MEMBER_EFFECTS } from './nodes/adapter.js';
export type {
  CallbackRequest,
  CoordinatorAdapter,
  CoordinatorEffects,
  CoordinatorView,
  MemberAdapter,
  MemberEffects,
  MemberView,
  Position,
  Transition,
  WireRequest,
  WireResponse,
} from './nodes/adapter.js';

// Types of the machines and the vocabulary that this entry point's signatures use, so that it
// alone is enough to drive them.
export type {
  Assignment,
  GroupMember,
  PackedTopicPartitions,
  RebalanceProtocol,
  Subscription,
  TopicMetadata,
  TopicPartitions,
} from '../protocol/index.js';
export type {
  AssignInput,
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
  CLASSIC_GROUP_STATES,
  ClassicCoordinatorState,
  ClassicGroup,
  ClassicGroupConfig,
  ClassicGroupMember,
  ClassicGroupRecord,
  ClassicGroupStateName,
  GroupMetadataMember,
  GroupMetadataValue,
  JoinGroupRequestProtocol,
  JoinTimer,
  MemberIdSource,
  OffsetAndMetadata,
  OffsetCommitValue,
  PMap,
  ParkedRequest,
  RequestId,
  ResolvedClassicGroupConfig,
} from '../classic/index.js';
export type {
  ConsumerGroup,
  ConsumerGroupConfig,
  ConsumerGroupCoordinatorState,
  ConsumerGroupCurrentMemberAssignmentValue,
  ConsumerGroupMember,
  ConsumerGroupMemberMetadataValue,
  ConsumerGroupMetadataValue,
  ConsumerGroupPartitionMetadataValue,
  ConsumerGroupRecord,
  ConsumerGroupSoftState,
  KafkaVersion,
  MemberState,
  MetadataImage,
  ResolvedConsumerGroupConfig,
  ResolvedRegularExpression,
  TopicImage,
} from '../consumer/index.js';
