/**
 * Expiry, as Kafka's coordinator runs it every `offsets.retention.check.interval.ms`: committed
 * offsets past `offsets.retention.ms`, then groups left with nothing. Pure: it returns the
 * tombstones to append, and the coordinator replays them into the group like any record.
 *
 * Offsets of a group with a protocol type expire only once the group is Empty, counting from
 * when it became Empty (KIP-211); offsets of a simple group (no protocol type) count from their
 * commit; an explicit expiry timestamp (OffsetCommit v2-v4) wins over both.
 */
import type { ClassicCoordinatorState, ClassicGroupRecord, OffsetAndMetadata } from '../../classic/index.js';
import type { ConsumerGroupCoordinatorState, ConsumerGroupRecord } from '../../consumer/index.js';
import { compareStrings } from '../../protocol/topic-partitions.js';
import type { GroupCoordinatorRecord, GroupSlot } from './types.js';

function offsetExpired(state: ClassicCoordinatorState, offset: OffsetAndMetadata, nowMs: number, retentionMs: number): boolean {
  if (offset.expireTimestampMs !== null) return nowMs >= offset.expireTimestampMs;
  const g = state.group;
  if (g !== null && g.protocolType !== null) {
    // Members may still need these offsets: they expire only once the group has been empty for the retention.
    return g.state === 'Empty' && g.stateTimestampMs >= 0 && nowMs >= g.stateTimestampMs + retentionMs;
  }
  return nowMs >= offset.commitTimestampMs + retentionMs;
}

/** OffsetCommit tombstones for the classic group's expired offsets, sorted by topic then partition. */
export function expiredOffsetRecords(state: ClassicCoordinatorState, nowMs: number, retentionMs: number): ClassicGroupRecord[] {
  const groupId = state.config.groupId;
  const out: ClassicGroupRecord[] = [];
  for (const topic of [...state.offsets.keys()].sort(compareStrings)) {
    const partitions = state.offsets.get(topic) as ReadonlyMap<number, OffsetAndMetadata>;
    for (const partition of [...partitions.keys()].sort((a, b) => a - b)) {
      if (offsetExpired(state, partitions.get(partition) as OffsetAndMetadata, nowMs, retentionMs)) {
        out.push({ type: 'OffsetCommit', groupId, topic, partition, value: null });
      }
    }
  }
  return out;
}

/** The tombstone of a classic group that is Empty and has no offsets left (after `expiredCount` expire). */
function classicGroupTombstone(state: ClassicCoordinatorState, expiredCount: number): ClassicGroupRecord[] {
  const g = state.group;
  if (g === null || g.state !== 'Empty') return [];
  let remaining = 0;
  for (const partitions of state.offsets.values()) remaining += partitions.size;
  return remaining === expiredCount ? [{ type: 'GroupMetadata', groupId: g.groupId, value: null }] : [];
}

/**
 * The tombstones of a KIP-848 group without members (Kafka's group tombstones: the target
 * assignment metadata, resolved regular expressions, then the group metadata last, since a
 * replay deletes the group at that one).
 */
export function consumerGroupTombstones(state: ConsumerGroupCoordinatorState): ConsumerGroupRecord[] {
  const g = state.group;
  if (g === null || g.members.size > 0) return [];
  const groupId = g.groupId;
  const regexes = [...g.resolvedRegularExpressions.keys()].sort(compareStrings);
  return [
    { type: 'ConsumerGroupTargetAssignmentMetadata', groupId, value: null },
    ...regexes.map((regex): ConsumerGroupRecord => ({ type: 'ConsumerGroupRegularExpression', groupId, regex, value: null })),
    { type: 'ConsumerGroupMetadata', groupId, value: null },
  ];
}

/** Every tombstone the group's expiry writes now, in the order to append them (empty when nothing expires). */
export function expiryRecords(slot: GroupSlot, nowMs: number, retentionMs: number): GroupCoordinatorRecord[] {
  if (slot.type === 'consumer') return consumerGroupTombstones(slot.state);
  const offsets = expiredOffsetRecords(slot.state, nowMs, retentionMs);
  return [...offsets, ...classicGroupTombstone(slot.state, offsets.length)];
}
