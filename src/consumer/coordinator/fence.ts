/**
 * Removing members (Kafka's `consumerGroupFenceMember`): used by a leave with epoch -1, the
 * session timeout and the rebalance timeout. It writes the member's tombstones (and those of
 * regular expressions only it used), bumps the group epoch unconditionally with the recomputed
 * metadata hash, and disarms the member's timers. The new target is computed lazily by the next
 * heartbeat (the group is Assigning meanwhile).
 */
import type { StepContext } from './context.js';
import { bumpGroupEpoch } from './group-epoch.js';
import { computeMetadataHash } from './metadata-hash.js';
import { memberTombstones, regexRecord } from './records.js';
import { rebalanceTimerKey, sessionTimerKey } from './timer-keys.js';
import type { ConsumerGroup, ConsumerGroupMember, ConsumerMemberRemovalReason } from './types.js';

/** Removes `member` from the group and bumps the group epoch. */
export function fenceMember(ctx: StepContext, member: ConsumerGroupMember, reason: ConsumerMemberRemovalReason): void {
  const before = ctx.group as ConsumerGroup;
  for (const r of memberTombstones(before.groupId, member.memberId)) ctx.record(r);
  const regex = member.subscribedTopicRegex;
  if (regex !== '' && before.subscribedRegularExpressions.get(regex) === 1) ctx.record(regexRecord(before.groupId, regex, null));
  bumpGroupEpoch(ctx, computeMetadataHash(ctx.group as ConsumerGroup, ctx.metadata));
  ctx.cancel(sessionTimerKey(member.memberId));
  ctx.cancel(rebalanceTimerKey(member.memberId));
  if (ctx.soft.rebalanceTimeoutEpochs.has(member.memberId)) ctx.setSoft({ rebalanceTimeoutEpochs: ctx.soft.rebalanceTimeoutEpochs.delete(member.memberId) });
  ctx.event({ kind: 'member-removed', memberId: member.memberId, reason });
}
