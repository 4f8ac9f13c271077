/**
 * One sticky assignment, from a group's subscriptions to every member's partitions: Kafka's
 * AbstractStickyAssignor.assignPartitions, plus CooperativeStickyAssignor's adjustment.
 * Pure: nothing is kept from one call to the next.
 */
import type { Assignment } from '../../../protocol/types.js';
import type { AssignInput } from '../../types.js';
import { prepareInput } from '../prepare.js';
import { constrainedAssign, type BuildResult } from './constrained.js';
import { withhold, withholdTransfers } from './cooperative.js';
import { generalAssign } from './general/index.js';
import { stickyLayout, type StickyLayout } from './layout.js';
import { cooperativeClaims, stickyClaims } from './member-data.js';
import { buildAssignments } from './output.js';
import { deriveOwnership } from './ownership.js';
import { rackInfo } from './racks.js';
import { allSubscriptionsEqual } from './uniform.js';

/** How to run the shared algorithm. */
export interface StickyRunOptions {
  /** cooperative-sticky: previous ownership from owned partitions, and withhold transfers. */
  readonly cooperative: boolean;
  /** Kafka's test hook: use rack-aware logic whenever racks could match at all. */
  readonly preferRackAwareLogic: boolean;
  /** Internal tuning, for tests: see CLASS_SCAN_LIMIT in general/reassign.ts. */
  readonly classScanLimit?: number;
}

/** An assignment with what Kafka's tests look at besides it. */
export interface StickyRun {
  readonly assignments: Map<string, Assignment>;
  /** Which builder ran. */
  readonly path: 'constrained' | 'general';
  /**
   * Kafka's partitionsTransferringOwnership (topic -> partition -> new owner's member id) as
   * computed by the constrained builder; null on the general path, as in Kafka.
   */
  readonly partitionsTransferringOwnership: Map<string, Map<number, string>> | null;
}

/** Runs a sticky assignment and reports its path and transfers (for tests and diagnostics). */
export function runSticky(input: AssignInput, name: string, options: StickyRunOptions): StickyRun {
  const prepared = prepareInput(input, name);
  if (prepared.members.length === 0) return { assignments: new Map(), path: 'constrained', partitionsTransferringOwnership: new Map() };
  const layout = stickyLayout(prepared);
  const claims = options.cooperative ? cooperativeClaims(layout) : stickyClaims(layout);
  const ownership = deriveOwnership(layout, claims);
  const racks = rackInfo(layout, options.preferRackAwareLogic);
  const uniform = allSubscriptionsEqual(layout.members);
  const result = uniform ? constrainedAssign(layout, ownership, racks) : generalAssign(layout, claims, ownership, racks, options.classScanLimit);
  const transfers = result.transferring === null ? null : describeTransfers(layout, result);
  if (options.cooperative) {
    if (result.transferring !== null) withhold(result.owner, result.transferring);
    else withholdTransfers(result.owner, claims);
  }
  return { assignments: buildAssignments(layout, result.owner), path: uniform ? 'constrained' : 'general', partitionsTransferringOwnership: transfers };
}

function describeTransfers(layout: StickyLayout, result: BuildResult): Map<string, Map<number, string>> {
  const out = new Map<string, Map<number, string>>();
  for (const g of result.transferring ?? []) {
    const t = layout.topicOf[g] as number;
    const topic = layout.topics[t] as string;
    let byPartition = out.get(topic);
    if (byPartition === undefined) out.set(topic, (byPartition = new Map()));
    byPartition.set(g - (layout.base[t] as number), layout.members[result.owner[g] as number]?.memberId as string);
  }
  return out;
}
