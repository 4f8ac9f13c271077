/**
 * What happens when a timer fires: a member's session expires or its rebalance timeout passes
 * (both fence it), or the regular-expression resolution runs. Firings that no longer apply are
 * ignored, as in Kafka.
 */
import { UsageError } from '../../errors.js';
import { compareStrings } from '../../protocol/topic-partitions.js';
import type { StepContext } from './context.js';
import { fenceMember } from './fence.js';
import { bumpGroupEpoch } from './group-epoch.js';
import { computeMetadataHash } from './metadata-hash.js';
import { regexRecord } from './records.js';
import { resolveRegex } from './regex.js';
import { parseTimerKey } from './timer-keys.js';
import type { ConsumerGroup } from './types.js';

/** Handles the firing of timer `key`. */
export function handleTimer(ctx: StepContext, key: string): void {
  const target = parseTimerKey(key);
  if (target === undefined) throw new UsageError(`unknown timer key ${JSON.stringify(key)}`);
  if (target.kind === 'regex-refresh') return refreshRegularExpressions(ctx);
  const member = ctx.group?.members.get(target.memberId);
  if (target.kind === 'session') {
    if (member !== undefined) fenceMember(ctx, member, 'session-expired');
    return;
  }
  const armedFor = ctx.soft.rebalanceTimeoutEpochs.get(target.memberId);
  if (armedFor === undefined) return;
  ctx.setSoft({ rebalanceTimeoutEpochs: ctx.soft.rebalanceTimeoutEpochs.delete(target.memberId) });
  // Keyed by the epoch it was armed for: a member that moved on since is left alone.
  if (member !== undefined && member.memberEpoch === armedFor) fenceMember(ctx, member, 'rebalance-expired');
}

/**
 * Resolves every subscribed regular expression against the metadata (Kafka's asynchronous
 * regex task): writes each resolution, and bumps the group epoch when a resolution's topics or
 * the metadata hash changed. The new target is computed by the next heartbeat.
 */
function refreshRegularExpressions(ctx: StepContext): void {
  ctx.setSoft({ regexRefreshInFlight: false, lastRegexRefreshMs: ctx.nowMs });
  const g = ctx.group;
  if (g === null) return;
  let changed = false;
  for (const regex of [...g.subscribedRegularExpressions.keys()].sort(compareStrings)) {
    const topics = resolveRegex(regex, ctx.metadata);
    const previous = g.resolvedRegularExpressions.get(regex);
    if (previous === undefined || previous.topics.join('\u0000') !== topics.join('\u0000')) changed = true;
    ctx.record(regexRecord(g.groupId, regex, { topics, version: ctx.metadata.version, timestampMs: ctx.nowMs }));
  }
  const hash = computeMetadataHash(ctx.group as ConsumerGroup, ctx.metadata);
  if (changed || hash !== g.metadataHash) bumpGroupEpoch(ctx, hash);
}
