// The multi-group coordinator: routing by group id across both protocols, responses held until
// their records are durable, replay at start (timers re-armed), expiry of offsets and of empty
// groups, listing and describing, and `__proto__` as a group, member and topic name.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { classicGroupPersistedView, type ClassicCoordinatorState } from '../../src/classic/index.js';
import { consumerGroupPersistedView, type ConsumerGroupCoordinatorState } from '../../src/consumer/index.js';
import { ErrorCode } from '../../src/protocol/error-codes.js';
import { decodeAssignment, encodeAssignment, topicPartitions } from '../../src/protocol/index.js';
import { UsageError } from '../../src/errors.js';
import type { GroupCoordinator } from '../../src/runtime/coordinator/group-coordinator.js';
import type { CoordinatorRequest, GroupCoordinatorRecord } from '../../src/runtime/coordinator/types.js';
import { InMemoryRecordLog } from '../../src/runtime/log/memory-log.js';
import type { RecordLog } from '../../src/runtime/log/record-log.js';
import { commit, consumerHeartbeat, heartbeat, join, openCoordinator, RecordingTransport, sync } from './support/coordinator.js';

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

/** Runs a two-step classic join for one member of `groupId`; returns its member id and generation. */
async function joinClassic(c: GroupCoordinator, t: RecordingTransport, groupId: string, tag: string): Promise<{ memberId: string; generationId: number }> {
  c.submit(join(`${tag}-j1`, groupId, ''));
  await vi.advanceTimersByTimeAsync(0);
  const memberId = t.body<{ memberId: string; errorCode: number }>(`${tag}-j1`).memberId;
  expect(t.body<{ errorCode: number }>(`${tag}-j1`).errorCode).toBe(ErrorCode.MEMBER_ID_REQUIRED);
  c.submit(join(`${tag}-j2`, groupId, memberId));
  await vi.advanceTimersByTimeAsync(10);
  const joined = t.body<{ errorCode: number; generationId: number; leader: string }>(`${tag}-j2`);
  expect(joined).toMatchObject({ errorCode: 0, leader: memberId });
  const assignment = encodeAssignment({ partitions: topicPartitions({ orders: [0, 1, 2, 3] }) });
  c.submit(sync(`${tag}-s`, groupId, memberId, joined.generationId, [{ memberId, assignment }]));
  await vi.advanceTimersByTimeAsync(0);
  expect(t.body<{ errorCode: number }>(`${tag}-s`).errorCode).toBe(0);
  return { memberId, generationId: joined.generationId };
}

function views(c: GroupCoordinator): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null);
  for (const id of c.groupIds()) {
    const slot = c.groupState(id);
    out[id] = slot?.type === 'classic' ? classicGroupPersistedView(slot.state as ClassicCoordinatorState) : consumerGroupPersistedView(slot?.state as ConsumerGroupCoordinatorState);
  }
  return out;
}

describe('GroupCoordinator', () => {
  it('routes classic and KIP-848 groups by id, __proto__ included, and lists and describes them', async () => {
    const log = new InMemoryRecordLog<GroupCoordinatorRecord>();
    const t = new RecordingTransport();
    const c = await openCoordinator(log, t);
    const created: string[] = [];
    c.on('groupCreated', (id, type) => created.push(`${id}:${type}`));
    const { memberId } = await joinClassic(c, t, '__proto__', 'a');
    c.submit(consumerHeartbeat('k1', 'constructor', '__proto__', 0));
    await vi.advanceTimersByTimeAsync(0);
    const k1 = t.body<{ errorCode: number; memberEpoch: number; assignment: { topicPartitions: { topicId: string; partitions: number[] }[] } }>('k1');
    expect(k1).toMatchObject({ errorCode: 0, memberEpoch: 1 });
    expect(k1.assignment.topicPartitions).toEqual([{ topicId: 'T-proto', partitions: [0, 1, 2] }]);

    expect(created).toEqual(['__proto__:classic', 'constructor:consumer']);
    expect(c.listGroups()).toEqual([
      { groupId: '__proto__', groupType: 'classic', protocolType: 'consumer', groupState: 'Stable' },
      { groupId: 'constructor', groupType: 'consumer', protocolType: 'consumer', groupState: 'Stable' },
    ]);
    expect(c.listGroups({ types: ['consumer'] }).map((g) => g.groupId)).toEqual(['constructor']);
    const classic = c.describeGroup('__proto__');
    expect(classic).toMatchObject({ groupType: 'classic', groupState: 'Stable', protocolData: 'range', leaderId: memberId });
    if (classic?.groupType !== 'classic') throw new Error('expected a classic group');
    expect(decodeAssignment(classic.members[0]?.memberAssignment as Uint8Array).partitions.get('orders')).toEqual([0, 1, 2, 3]);
    expect(c.describeGroup('constructor')).toMatchObject({ groupType: 'consumer', errorCode: 0, groupEpoch: 1, members: [{ memberId: '__proto__' }] });
    expect(c.describeGroup('toString')).toBeNull();
    expect(Object.getPrototypeOf(views(c))).toBeNull();
    await c.close();
  });

  it('answers a request of the other protocol with GROUP_ID_NOT_FOUND and leaves the group alone', async () => {
    const t = new RecordingTransport();
    const c = await openCoordinator(new InMemoryRecordLog(), t);
    await joinClassic(c, t, 'g', 'a');
    c.submit(consumerHeartbeat('k', 'g', 'm', 0));
    c.submit({ type: 'request', api: 'ConsumerGroupDescribe', requestId: 'd', apiVersion: 1, body: { groupIds: ['g', 'nope'] } });
    expect(t.body('k')).toMatchObject({ errorCode: ErrorCode.GROUP_ID_NOT_FOUND, errorMessage: 'Group g is not a consumer group.' });
    expect(t.body<{ groups: { errorCode: number }[] }>('d').groups.map((g) => g.errorCode)).toEqual([ErrorCode.GROUP_ID_NOT_FOUND, ErrorCode.GROUP_ID_NOT_FOUND]);
    expect(c.describeGroup('g')).toMatchObject({ groupType: 'classic', groupState: 'Stable' });
    await c.close();
  });

  it('answers malformed bodies and empty group ids with error codes, and throws for a malformed envelope', async () => {
    const t = new RecordingTransport();
    const c = await openCoordinator(new InMemoryRecordLog(), t);
    c.submit({ type: 'request', api: 'Heartbeat', requestId: 1, apiVersion: 4, body: { groupId: 7 } } as unknown as CoordinatorRequest);
    c.submit(heartbeat('2', '', 'm', 1));
    expect(t.body(1)).toEqual({ errorCode: ErrorCode.INVALID_REQUEST });
    expect(t.body('2')).toEqual({ errorCode: ErrorCode.INVALID_GROUP_ID });
    expect(() => c.submit({ type: 'request', api: 'Produce', requestId: 3, apiVersion: 0, body: {} } as unknown as CoordinatorRequest)).toThrow(UsageError);
    expect(c.groupIds()).toEqual([]);
    await c.close();
  });

  it('sends a response only once the records before it are durable', async () => {
    let release: () => void = () => undefined;
    const inner = new InMemoryRecordLog<GroupCoordinatorRecord>();
    const slow: RecordLog<GroupCoordinatorRecord> = {
      read: () => inner.read(),
      append: (batch) => new Promise<void>((resolve) => (release = () => void inner.append(batch).then(resolve))),
      close: () => inner.close(),
    };
    const t = new RecordingTransport();
    const c = await openCoordinator(slow, t);
    c.submit(join('j', 'g', ''));
    await vi.advanceTimersByTimeAsync(0);
    expect(t.responses.has('j')).toBe(false);
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.body('j')).toMatchObject({ errorCode: ErrorCode.MEMBER_ID_REQUIRED });
    expect(inner.records().map((r) => r.type)).toEqual(['GroupMetadata']);
    await c.close();
  });

  it('stops on an append failure: pending and later requests get NOT_COORDINATOR', async () => {
    const failing: RecordLog<GroupCoordinatorRecord> = {
      read: () => Promise.resolve([]),
      append: () => Promise.reject(new Error('disk full')),
      close: () => Promise.resolve(),
    };
    const t = new RecordingTransport();
    const c = await openCoordinator(failing, t);
    const errors: unknown[] = [];
    c.on('error', (e) => errors.push(e));
    c.submit(join('j', 'g', ''));
    await vi.advanceTimersByTimeAsync(0);
    expect(t.body('j')).toMatchObject({ errorCode: ErrorCode.NOT_COORDINATOR });
    c.submit(heartbeat('h', 'g', 'x', 1));
    expect(t.body('h')).toEqual({ errorCode: ErrorCode.NOT_COORDINATOR });
    expect(errors).toHaveLength(1);
    await c.close();
  });

  it('rebuilds every group from its log at start and re-arms session timers, which then expire members', async () => {
    const log = new InMemoryRecordLog<GroupCoordinatorRecord>();
    const t = new RecordingTransport();
    const first = await openCoordinator(log, t);
    const { memberId, generationId } = await joinClassic(first, t, '__proto__', 'a');
    first.submit(consumerHeartbeat('k1', 'kip848', '__proto__', 0));
    first.submit(commit('o', 'simple', '__proto__', 0, 42));
    await first.flush();
    const before = views(first);
    await first.close();

    const t2 = new RecordingTransport();
    const second = await openCoordinator(log, t2);
    expect(views(second)).toEqual(before);
    expect(second.timersOf('__proto__').map(([k]) => k)).toEqual([`heartbeat-${memberId}`]);
    second.submit(heartbeat('h', '__proto__', memberId, generationId));
    expect(t2.body('h')).toEqual({ errorCode: 0 });
    // No heartbeat for longer than the session: both members are expired and both groups empty out.
    await vi.advanceTimersByTimeAsync(25_000);
    expect(second.listGroups({ states: ['Empty'] }).map((g) => g.groupId)).toEqual(['__proto__', 'kip848', 'simple']);
    await second.close();
  });

  it('expires offsets past retention and deletes groups left with nothing, durably', async () => {
    const log = new InMemoryRecordLog<GroupCoordinatorRecord>();
    const t = new RecordingTransport();
    const c = await openCoordinator(log, t, { offsetsRetentionMs: 60_000, offsetsRetentionCheckIntervalMs: 10_000 });
    const deleted: string[] = [];
    c.on('groupDeleted', (id, type) => deleted.push(`${id}:${type}`));
    c.submit(commit('o1', '__proto__', 'orders', 0, 5));
    c.submit(consumerHeartbeat('k', 'kip848', 'm1', 0));
    c.submit(consumerHeartbeat('k-leave', 'kip848', 'm1', -1));
    await vi.advanceTimersByTimeAsync(30_000);
    c.submit(commit('o2', '__proto__', 'orders', 1, 6));
    // The consumer group emptied out at the first check; the first offset expires at 60 s, the second at 90 s.
    expect(deleted).toEqual(['kip848:consumer']);
    await vi.advanceTimersByTimeAsync(40_000);
    expect(c.groupIds()).toEqual(['__proto__']);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(deleted).toEqual(['kip848:consumer', '__proto__:classic']);
    await c.flush();
    const reopened = await openCoordinator(log, new RecordingTransport());
    expect(reopened.groupIds()).toEqual([]);
    await Promise.all([c.close(), reopened.close()]);
  });

  it('keeps the offsets of a classic group with members, and expires them once it has been empty long enough', async () => {
    const log = new InMemoryRecordLog<GroupCoordinatorRecord>();
    const t = new RecordingTransport();
    const c = await openCoordinator(log, t, { offsetsRetentionMs: 30_000, offsetsRetentionCheckIntervalMs: 5_000 });
    const { memberId, generationId } = await joinClassic(c, t, 'g', 'a');
    c.submit({ type: 'request', api: 'OffsetCommit', requestId: 'oc', apiVersion: 9, body: { groupId: 'g', generationIdOrMemberEpoch: generationId, memberId, topics: [{ name: 'orders', partitions: [{ partitionIndex: 0, committedOffset: 9 }] }] } });
    for (let i = 0; i < 8; i++) {
      await vi.advanceTimersByTimeAsync(5_000);
      c.submit(heartbeat(`h${i}`, 'g', memberId, generationId));
    }
    expect(c.groupState('g')?.state.group).not.toBeNull();
    expect(c.describeGroup('g')).toMatchObject({ groupState: 'Stable' });
    // The member goes silent: its session expires (10 s), the group is Empty, and 30 s later it is gone.
    await vi.advanceTimersByTimeAsync(20_000);
    expect(c.describeGroup('g')).toMatchObject({ groupState: 'Empty' });
    await vi.advanceTimersByTimeAsync(30_000);
    expect(c.groupIds()).toEqual([]);
    await c.close();
  });

  it('rejects invalid options with UsageError', async () => {
    await expect(openCoordinator(new InMemoryRecordLog(), new RecordingTransport(), { offsetsRetentionMs: -1 })).rejects.toBeInstanceOf(UsageError);
  });
});
