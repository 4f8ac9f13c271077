/**
 * The classic group member (consumer side): one pure state machine per consumer, eager and
 * cooperative (KIP-429), with the leader's assignment, static membership and auto-commit
 * before revocation. Kafka 4.0 clients' AbstractCoordinator and ConsumerCoordinator.
 * @packageDocumentation
 */
export { stepClassicMember } from './step.js';
export { initialClassicMemberState } from './initial.js';
export { classicMemberNextDeadline } from './deadline.js';
export { describeClassicMember, formatTopicPartitions } from './describe.js';
export { CLASSIC_MEMBER_DEFAULTS, resolveClassicMemberConfig, selectRebalanceProtocol } from './config.js';
export { NO_GENERATION } from './generation.js';
export { COOPERATIVE_STICKY_ASSIGNOR_NAME } from './leader.js';
export {
  CLASSIC_MEMBER_STATES,
  CLASSIC_MEMBER_TRANSITIONS,
  classicMemberTransitionTableMarkdown,
  hasNotJoinedGroup,
  isValidClassicMemberTransition,
} from './states.js';
export type { ClassicMemberStateName, ClassicMemberTransition } from './states.js';
export type * from './types.js';
