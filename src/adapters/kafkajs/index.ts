/**
 * The KafkaJS adapter: kgroup's client-side assignors as KafkaJS PartitionAssigners. The pure
 * core is `createKafkaJsAssigner` (bring your own byte constructor); `toKafkaJsAssigner` in
 * `kgroup/runtime` binds it to Node's Buffer, which KafkaJS requires.
 * @packageDocumentation
 */
export { createKafkaJsAssigner, decodeKafkaJsAssignment } from './assigner.js';
export type {
  KafkaJsAssigner,
  KafkaJsAssignerContext,
  KafkaJsAssignerOptions,
  KafkaJsCluster,
  KafkaJsGroupMember,
  KafkaJsGroupMemberAssignment,
  KafkaJsGroupState,
  KafkaJsPartitionAssigner,
} from './types.js';
