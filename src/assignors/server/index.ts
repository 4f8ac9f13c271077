/**
 * Server-side (KIP-848) assignors: the contract the consumer group coordinator runs, and the
 * `uniform` and `range` assignors.
 * @packageDocumentation
 */
export type {
  GroupAssignment,
  GroupSpec,
  MemberSubscription,
  ServerAssignor,
  SubscribedTopicDescriber,
  SubscriptionType,
} from './types.js';
export { PartitionAssignorError } from './types.js';
export { createGroupSpec, createTopicDescriber, subscriptionTypeOf } from './group-spec.js';
export type { GroupSpecMember, TopicDescription } from './group-spec.js';
export { UNIFORM_ASSIGNOR_NAME, createUniformAssignor, uniformAssignor } from './uniform.js';
export type { UniformAssignorOptions } from './uniform.js';
export type { TopicOrder } from './uniform-homogeneous.js';
export { RANGE_ASSIGNOR_NAME, serverRangeAssignor } from './range.js';
export { compareTopicIds } from './topic-id-order.js';
