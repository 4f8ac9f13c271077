/**
 * Kafka's `sticky` and `cooperative-sticky` assignors (Kafka 3.8/3.9 semantics): balanced
 * assignments that move as few partitions as possible from one rebalance to the next, with
 * KIP-881 rack awareness. See docs/sticky.md for where kgroup's output can differ from Kafka's.
 */
import { UsageError } from '../../../errors.js';
import type { Assignment } from '../../../protocol/types.js';
import type { AssignInput, PartitionAssignor } from '../../types.js';
import { runSticky } from './assign.js';
import { cooperativeStickySubscriptionUserData, stickySubscriptionUserData } from './user-data.js';

/** Options of {@link createStickyAssignor} and {@link createCooperativeStickyAssignor}. */
export interface StickyAssignorOptions {
  /**
   * Kafka's test hook `preferRackAwareLogic`: use the rack-aware algorithm whenever a member's
   * rack holds some replica, even when every partition has a replica on every rack. Default
   * false, as in production Kafka.
   */
  readonly preferRackAwareLogic?: boolean;
}

function checkOptions(factory: string, options: StickyAssignorOptions): boolean {
  if (typeof options !== 'object' || options === null) throw new UsageError(`${factory}: options must be an object`);
  const prefer = options.preferRackAwareLogic ?? false;
  if (typeof prefer !== 'boolean') throw new UsageError(`${factory}: preferRackAwareLogic must be a boolean`);
  return prefer;
}

/**
 * Creates Kafka's `sticky` assignor (EAGER). Previous ownership comes from each member's sticky
 * user data; its subscription's owned partitions are ignored, as in Kafka. Stateless, unlike
 * Kafka's (which remembers the highest generation it has seen across calls).
 */
export function createStickyAssignor(options: StickyAssignorOptions = {}): PartitionAssignor {
  const preferRackAwareLogic = checkOptions('createStickyAssignor', options);
  const run = { cooperative: false, preferRackAwareLogic };
  return Object.freeze({
    name: 'sticky',
    supportedProtocols: Object.freeze(['EAGER'] as const),
    subscriptionUserData: stickySubscriptionUserData,
    assign: (input: AssignInput): Map<string, Assignment> => runSticky(input, 'sticky', run).assignments,
  });
}

/**
 * Creates Kafka's `cooperative-sticky` assignor (COOPERATIVE and EAGER). Previous ownership comes
 * from owned partitions and generations; a partition that changes owner is withheld for one
 * round, so the group settles after one follow-up rebalance.
 */
export function createCooperativeStickyAssignor(options: StickyAssignorOptions = {}): PartitionAssignor {
  const preferRackAwareLogic = checkOptions('createCooperativeStickyAssignor', options);
  const run = { cooperative: true, preferRackAwareLogic };
  return Object.freeze({
    name: 'cooperative-sticky',
    supportedProtocols: Object.freeze(['COOPERATIVE', 'EAGER'] as const),
    subscriptionUserData: cooperativeStickySubscriptionUserData,
    assign: (input: AssignInput): Map<string, Assignment> => runSticky(input, 'cooperative-sticky', run).assignments,
  });
}

/** Kafka's `sticky` assignor; see {@link createStickyAssignor}. */
export const stickyAssignor: PartitionAssignor = createStickyAssignor();

/** Kafka's `cooperative-sticky` assignor; see {@link createCooperativeStickyAssignor}. */
export const cooperativeStickyAssignor: PartitionAssignor = createCooperativeStickyAssignor();
