/**
 * One step of either machine behind one interface: the coordinator routes by group id and does
 * not care which protocol a group speaks, since both machines produce the same kinds of output.
 */
import {
  initialClassicGroupState,
  onClassicGroupLoaded,
  replayClassicGroupRecord,
  stepClassicGroup,
} from '../../classic/index.js';
import type { ClassicCoordinatorInput, ClassicCoordinatorOutput, ClassicGroupConfig, ClassicGroupRecord } from '../../classic/index.js';
import {
  initialConsumerGroupState,
  onConsumerGroupLoaded,
  replayConsumerGroupRecord,
  stepConsumerGroup,
} from '../../consumer/index.js';
import type {
  ConsumerGroupConfig,
  ConsumerGroupCoordinatorInput,
  ConsumerGroupCoordinatorOutput,
  ConsumerGroupRecord,
  TopicImage,
} from '../../consumer/index.js';
import type { GroupCoordinatorRecord, GroupSlot, GroupType } from './types.js';

/** An output of either machine. */
export type SlotOutput = ClassicCoordinatorOutput | ConsumerGroupCoordinatorOutput;

/** The settings new groups get (everything but the group id). */
export interface GroupDefaults {
  readonly classic: Omit<ClassicGroupConfig, 'groupId'>;
  readonly consumer: Omit<ConsumerGroupConfig, 'groupId'>;
}

const CLASSIC_RECORD_TYPES = new Set(['GroupMetadata', 'OffsetCommit']);

/** Which protocol a record belongs to. */
export function recordGroupType(record: GroupCoordinatorRecord): GroupType {
  return CLASSIC_RECORD_TYPES.has(record.type) ? 'classic' : 'consumer';
}

/** A group that does not exist yet. */
export function newSlot(type: GroupType, groupId: string, defaults: GroupDefaults, topics: readonly TopicImage[]): GroupSlot {
  return type === 'classic'
    ? { type, state: initialClassicGroupState({ ...defaults.classic, groupId }) }
    : { type, state: initialConsumerGroupState({ ...defaults.consumer, groupId }, topics) };
}

/** Steps the slot's machine. The input must be one its machine accepts (the router checks). */
export function stepSlot(slot: GroupSlot, input: ClassicCoordinatorInput | ConsumerGroupCoordinatorInput, nowMs: number): { slot: GroupSlot; outputs: readonly SlotOutput[] } {
  if (slot.type === 'classic') {
    const r = stepClassicGroup(slot.state, input as ClassicCoordinatorInput, nowMs);
    return { slot: { type: 'classic', state: r.state }, outputs: r.outputs };
  }
  const r = stepConsumerGroup(slot.state, input as ConsumerGroupCoordinatorInput, nowMs);
  return { slot: { type: 'consumer', state: r.state }, outputs: r.outputs };
}

/** Applies one record of the slot's protocol. */
export function replaySlotRecord(slot: GroupSlot, record: GroupCoordinatorRecord): GroupSlot {
  return slot.type === 'classic'
    ? { type: 'classic', state: replayClassicGroupRecord(slot.state, record as ClassicGroupRecord) }
    : { type: 'consumer', state: replayConsumerGroupRecord(slot.state, record as ConsumerGroupRecord) };
}

/** The step after loading: re-arms the group's timers. */
export function loadSlot(slot: GroupSlot, nowMs: number): { slot: GroupSlot; outputs: readonly SlotOutput[] } {
  if (slot.type === 'classic') {
    const r = onClassicGroupLoaded(slot.state, nowMs);
    return { slot: { type: 'classic', state: r.state }, outputs: r.outputs };
  }
  const r = onConsumerGroupLoaded(slot.state, nowMs);
  return { slot: { type: 'consumer', state: r.state }, outputs: r.outputs };
}

/** True when the slot holds nothing worth keeping: no group and (classic) no offsets. */
export function isVacant(slot: GroupSlot): boolean {
  return slot.state.group === null && (slot.type === 'consumer' || slot.state.offsets.size === 0);
}
