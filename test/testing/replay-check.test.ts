// The replay checks are structural and incremental (they compare only what changed since the
// last check that passed), and still catch a divergence: a lost record, or a record replayed
// with a different value after any number of passing checks.
import { describe, expect, it } from 'vitest';
import { initialClassicGroupState, stepClassicGroup } from '../../src/classic/index.js';
import type { ClassicCoordinatorState } from '../../src/classic/index.js';
import { initialConsumerGroupState, replayConsumerGroupRecord, stepConsumerGroup } from '../../src/consumer/index.js';
import type { ConsumerGroupCoordinatorState, ConsumerGroupRecord } from '../../src/consumer/index.js';
import { checkConsumerReplay, ClassicReplayComparator, ReplayComparator } from '../../src/testing/index.js';

const TOPICS = [{ topicId: 'id:t', name: 't', partitions: 64 }];

function heartbeat(state: ConsumerGroupCoordinatorState, memberId: string, memberEpoch: number, nowMs: number) {
  const body = { groupId: 'g', memberId, memberEpoch, rebalanceTimeoutMs: 30_000, subscribedTopicNames: ['t'], topicPartitions: memberEpoch === 0 ? [] : null };
  const r = stepConsumerGroup(state, { type: 'request', api: 'ConsumerGroupHeartbeat', requestId: nowMs, apiVersion: 1, body }, nowMs);
  const records = r.outputs.flatMap((o) => (o.type === 'record' ? [o.record as ConsumerGroupRecord] : []));
  return { state: r.state, records };
}

/** A group that 20 members join one by one, with the records of each step. */
function joins(): { states: ConsumerGroupCoordinatorState[]; records: ConsumerGroupRecord[][] } {
  let state = initialConsumerGroupState({ groupId: 'g' }, TOPICS);
  const states = [state];
  const records: ConsumerGroupRecord[][] = [[]];
  for (let i = 1; i <= 20; i++) {
    const r = heartbeat(state, `m${i}`, 0, i * 10);
    state = r.state;
    states.push(state);
    records.push(r.records);
  }
  return { states, records };
}

describe('the KIP-848 replay check', () => {
  it('passes on the replay of every record and fails on a lost one', () => {
    const { states, records } = joins();
    const last = states[states.length - 1] as ConsumerGroupCoordinatorState;
    const all = records.flat();
    expect(all.length).toBeGreaterThan(20);
    expect(checkConsumerReplay(last, all)).toBeNull();
    const lost = all.filter((r) => r.type !== 'ConsumerGroupCurrentMemberAssignment' || r.memberId !== 'm7');
    expect(checkConsumerReplay(last, lost)).toMatch(/replayed records give the group/);
  });

  it('catches a divergence introduced after many passing incremental checks', () => {
    const { states, records } = joins();
    const cmp = new ReplayComparator();
    let shadow = (states[0] as ConsumerGroupCoordinatorState).group;
    const base = states[0] as ConsumerGroupCoordinatorState;
    for (let i = 1; i < states.length - 1; i++) {
      for (const r of records[i] as ConsumerGroupRecord[]) shadow = replayConsumerGroupRecord({ ...base, group: shadow }, r).group;
      expect(cmp.mismatch((states[i] as ConsumerGroupCoordinatorState).group, shadow)).toBeNull();
    }
    // The last step's records, one of them altered: a member's epoch is replayed one too high.
    const tampered = (records[states.length - 1] as ConsumerGroupRecord[]).map((r) =>
      r.type === 'ConsumerGroupCurrentMemberAssignment' && r.value !== null && r.memberId === 'm20' ? { ...r, value: { ...r.value, memberEpoch: r.value.memberEpoch + 1 } } : r,
    );
    expect(tampered).not.toEqual(records[states.length - 1]);
    for (const r of tampered) shadow = replayConsumerGroupRecord({ ...base, group: shadow }, r).group;
    expect(cmp.mismatch((states[states.length - 1] as ConsumerGroupCoordinatorState).group, shadow)).toMatch(/replayed records give the group/);
  });
});

describe('the classic replay check', () => {
  function offsetCommit(state: ClassicCoordinatorState, partition: number, offset: number, nowMs: number): ClassicCoordinatorState {
    return stepClassicGroup(state, {
      type: 'request', api: 'OffsetCommit', requestId: nowMs, apiVersion: 9,
      body: { groupId: 'g', generationIdOrMemberEpoch: -1, memberId: '', topics: [{ name: 't', partitions: [{ partitionIndex: partition, committedOffset: offset }] }] },
    }, nowMs).state;
  }

  it('compares only what changed, and still catches a divergence after passing checks', () => {
    const cmp = new ClassicReplayComparator();
    let live = initialClassicGroupState({ groupId: 'g' });
    let shadow = live;
    for (let i = 0; i < 10; i++) {
      live = offsetCommit(live, i, 100 + i, i);
      shadow = offsetCommit(shadow, i, 100 + i, i);
      expect(cmp.mismatch(live, shadow)).toBeNull();
    }
    live = offsetCommit(live, 3, 500, 20);
    shadow = offsetCommit(shadow, 3, 501, 20);
    expect(cmp.mismatch(live, shadow)).toMatch(/replayed records give the offsets/);
  });
});
