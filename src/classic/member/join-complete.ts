/**
 * Kafka's ConsumerCoordinator.onJoinComplete: apply the assignment SyncGroup delivered. Under
 * COOPERATIVE the member first revokes what it owns and was not given, then rejoins at once so
 * the revoked partitions can go to their new owners in the follow-up rebalance.
 */
import { DecodeError } from '../../errors.js';
import { decodeAssignment } from '../../protocol/consumer-protocol.js';
import { subtractTopicPartitions } from '../../protocol/topic-partitions-ops.js';
import type { PackedTopicPartitions } from '../../protocol/topic-partitions.js';
import type { MemberContext } from './context.js';
import { lookupAssignor } from './leader.js';
import { setOwned } from './owned.js';

function illegalState(ctx: MemberContext, message: string): void {
  ctx.error({ kind: 'illegal-state', fatal: true, message });
}

function decode(ctx: MemberContext, bytes: Uint8Array): PackedTopicPartitions | null {
  // Kafka needs at least the version: empty bytes mean the leader gave this member nothing.
  if (bytes.length < 2) {
    illegalState(ctx, `There are insufficient bytes available to read assignment from the sync-group response (actual byte size ${bytes.length}); the leader's assignor probably returned no assignment for this member`);
    return null;
  }
  try {
    return decodeAssignment(bytes).partitions;
  } catch (e) {
    if (!(e instanceof DecodeError)) throw e;
    illegalState(ctx, `unreadable assignment from the sync-group response: ${e.message}`);
    return null;
  }
}

/** Takes the assignment as owned and asks the application to start on the added partitions. */
export function takeAssignment(ctx: MemberContext, assigned: PackedTopicPartitions, added: PackedTopicPartitions, generationId: number): void {
  setOwned(ctx, assigned);
  ctx.s.lastAssignment = { partitions: assigned, generationId };
  // Kafka calls onPartitionsAssigned even when nothing was added.
  ctx.invokeCallback('onPartitionsAssigned', added, { kind: 'join-completed' });
}

/** Runs onJoinComplete with the assignment bytes of a successful SyncGroup. */
export function onJoinComplete(ctx: MemberContext, bytes: Uint8Array): void {
  const s = ctx.s;
  // Only the leader watches the group's metadata for changes.
  if (!s.isLeader) s.assignmentSnapshot = null;
  if (lookupAssignor(ctx, s.generation.protocolName) === undefined) {
    illegalState(ctx, `Coordinator selected invalid assignment protocol: ${String(s.generation.protocolName)}`);
    return;
  }
  const assigned = decode(ctx, bytes);
  if (assigned === null) return;
  const subscribed = new Set(s.subscription);
  if ([...assigned.keys()].some((topic) => !subscribed.has(topic))) {
    ctx.requestRejoin('received assignment does not match the current subscription');
    s.needsJoinPrepare = true;
    return;
  }
  const added = subtractTopicPartitions(assigned, s.owned);
  const generationId = s.generation.generationId;
  if (s.protocol === 'COOPERATIVE') {
    const revoked = subtractTopicPartitions(s.owned, assigned);
    if (revoked.partitionCount > 0) {
      ctx.invokeCallback('onPartitionsRevoked', revoked, { kind: 'assign', assigned, added, generationId });
      ctx.requestRejoin('need to revoke partitions and re-join');
      return;
    }
  }
  takeAssignment(ctx, assigned, added, generationId);
}
