/**
 * The KIP-848 group member (consumer side, Kafka 4.2 clients' ConsumerMembershipManager and
 * ConsumerHeartbeatRequestManager): one pure state machine per consumer, with heartbeat
 * scheduling, reconciliation through application callbacks, fencing, leaving and the poll timeout.
 * @packageDocumentation
 */
export { stepConsumerMember } from './step.js';
export { initialConsumerMemberState } from './initial.js';
export { consumerMemberNextDeadline } from './deadline.js';
export { describeConsumerMember, formatPartitions as formatConsumerMemberPartitions } from './describe.js';
export { CONSUMER_MEMBER_DEFAULTS, resolveConsumerMemberConfig } from './config.js';
export { NONE_ASSIGNMENT } from './assignment.js';
export { CONSUMER_GROUP_HEARTBEAT_VERSION } from './heartbeat.js';
export {
  CONSUMER_MEMBER_STATES,
  CONSUMER_MEMBER_TRANSITIONS,
  canHandleNewAssignment,
  consumerMemberStateDiagramMermaid,
  consumerMemberTransitionTableMarkdown,
  isNotInGroup as isConsumerMemberNotInGroup,
  isValidConsumerMemberTransition,
  shouldHeartbeatNow,
} from './states.js';
export type { ConsumerMemberStateName, ConsumerMemberTransition, HeartbeatPolicy } from './states.js';
export type * from './types.js';
