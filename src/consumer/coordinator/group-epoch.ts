/**
 * When the group epoch moves (reference §3.6): a changed subscription, a changed regular
 * expression that is already resolved (or cleared), a changed metadata hash, a removed member.
 * Also the regular-expression bookkeeping of a heartbeat (Kafka's
 * `maybeUpdateRegularExpressions`) and the scheduling of their resolution.
 */
import { ErrorCode } from '../../protocol/error-codes.js';
import { compareStrings } from '../../protocol/topic-partitions.js';
import type { StepContext } from './context.js';
import { computeMetadataHash } from './metadata-hash.js';
import { groupMetadataRecord, regexRecord } from './records.js';
import { checkRegex } from './regex.js';
import { heartbeatError, type HeartbeatError } from './responses.js';
import { REGEX_REFRESH_TIMER_KEY } from './timer-keys.js';
import type { ConsumerGroup, ConsumerGroupMember, ConsumerGroupRecord } from './types.js';

const MAX_INT32 = 0x7fffffff;

/** What a heartbeat did to the member's regular expression. */
export type RegexUpdate = 'NO_CHANGE' | 'REGEX_UPDATED' | 'REGEX_UPDATED_AND_RESOLVED';

/**
 * Regex bookkeeping for a member moving from `before` to `after`, judged against the group as
 * it was before the heartbeat (`g`; a new member's old regex is "", and a replacing static
 * member's is the one its predecessor was counted with). Emits the tombstone of a regex the
 * member was the last to use.
 */
export function updateRegularExpressions(
  ctx: StepContext,
  g: ConsumerGroup | null,
  before: ConsumerGroupMember,
  after: ConsumerGroupMember,
): RegexUpdate | HeartbeatError {
  const oldRegex = before.subscribedTopicRegex;
  const newRegex = after.subscribedTopicRegex;
  if (oldRegex === newRegex) return 'NO_CHANGE';
  const users = (r: string) => g?.subscribedRegularExpressions.get(r) ?? 0;
  if (oldRegex !== '' && users(oldRegex) === 1) {
    ctx.record(regexRecord(ctx.group?.groupId ?? '', oldRegex, null));
  }
  if (newRegex === '') return 'REGEX_UPDATED_AND_RESOLVED';
  if (users(newRegex) === 0) {
    const message = checkRegex(newRegex);
    if (message !== undefined) return heartbeatError(ErrorCode.INVALID_REGULAR_EXPRESSION, message);
    return 'REGEX_UPDATED';
  }
  return g?.resolvedRegularExpressions.has(newRegex) === true ? 'REGEX_UPDATED_AND_RESOLVED' : 'REGEX_UPDATED';
}

/** Kafka's `metadataRefreshDeadline` check: a refresh was requested, or a failed write left G behind. */
function metadataExpired(ctx: StepContext, g: ConsumerGroup): boolean {
  return ctx.nowMs >= ctx.soft.metadataRefreshDeadlineMs || g.groupEpoch < ctx.soft.metadataRefreshEpoch;
}

/** Writes GroupMetadata(G + 1, hash) and the records that travel with it. */
export function bumpGroupEpoch(ctx: StepContext, hash: number): void {
  const g = ctx.group as ConsumerGroup;
  const epoch = g.groupEpoch + 1;
  ctx.record(groupMetadataRecord(g.groupId, epoch, hash));
  for (const r of partitionMetadataRecords(ctx, g)) ctx.record(r);
  ctx.event({ kind: 'epoch-bumped', groupEpoch: epoch });
}

/** 4.0 records the subscribed topics' metadata; 4.1+ tombstones a 4.0 record it finds. */
function partitionMetadataRecords(ctx: StepContext, g: ConsumerGroup): ConsumerGroupRecord[] {
  if (ctx.config.kafkaVersion !== '4.0') {
    return g.hasPartitionMetadataRecord ? [{ type: 'ConsumerGroupPartitionMetadata', groupId: g.groupId, value: null }] : [];
  }
  const names = [...g.subscribedTopicNames.keys(), ...[...g.subscribedRegularExpressions.keys()].flatMap((r) => g.resolvedRegularExpressions.get(r)?.topics ?? [])];
  const topics = [...new Set(names)]
    .sort(compareStrings)
    .flatMap((n) => {
      const t = ctx.metadata.byName.get(n);
      return t === undefined ? [] : [{ topicId: t.topicId, topicName: t.name, numPartitions: t.partitions }];
    });
  return [{ type: 'ConsumerGroupPartitionMetadata', groupId: g.groupId, value: { topics } }];
}

/**
 * Step 8 of the heartbeat: bump the group epoch when asked to (`bump`), or when the metadata
 * hash of the subscribed topics changed (evaluated only then, or after a refresh request).
 */
export function maybeBumpGroupEpoch(ctx: StepContext, bump: boolean): void {
  const g = ctx.group as ConsumerGroup;
  if (!bump && !metadataExpired(ctx, g)) return;
  const hash = computeMetadataHash(g, ctx.metadata);
  if (bump || hash !== g.metadataHash) bumpGroupEpoch(ctx, hash);
  ctx.setSoft({ metadataRefreshDeadlineMs: ctx.nowMs + MAX_INT32, metadataRefreshEpoch: (ctx.group as ConsumerGroup).groupEpoch });
}

/** Schedules a regex resolution when the group needs one and the batch interval allows (reference §3.11). */
export function maybeScheduleRegexRefresh(ctx: StepContext): void {
  const g = ctx.group;
  if (g === null || g.subscribedRegularExpressions.size === 0 || ctx.soft.regexRefreshInFlight) return;
  const sinceLast = ctx.nowMs - ctx.soft.lastRegexRefreshMs;
  if (sinceLast < ctx.config.regexBatchRefreshIntervalMs) return;
  let needed = sinceLast >= ctx.config.regexRefreshIntervalMs;
  for (const regex of g.subscribedRegularExpressions.keys()) {
    const r = g.resolvedRegularExpressions.get(regex);
    if (r === undefined || r.version < ctx.metadata.version) needed = true;
  }
  if (!needed) return;
  ctx.setSoft({ regexRefreshInFlight: true });
  ctx.schedule(REGEX_REFRESH_TIMER_KEY, 0);
}
