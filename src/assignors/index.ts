/**
 * `kgroup/assignors`: partition assignors for the classic protocol (range, roundrobin, sticky,
 * cooperative-sticky), the way to write your own, and the verifier.
 * @packageDocumentation
 */
export type { AssignInput, PartitionAssignor, SubscriptionUserDataContext } from './types.js';
