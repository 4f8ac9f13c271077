// Any sequence of application calls and coordinator answers (errors and successes for whatever
// is in flight, failed connections, confirmed and failed callbacks, time passing), eager or
// cooperative, either throws UsageError for a misuse or leaves the classic member in a state
// reached only through its transition table, and its deadline never asks for ticks that change nothing (a simulator seed
// once spun at one instant: a join backoff reported while a callback held the join loop back).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cooperativeStickyAssignor, rangeAssignor } from '../../../src/assignors/index.js';
import { classicMemberNextDeadline, initialClassicMemberState, isValidClassicMemberTransition, stepClassicMember } from '../../../src/classic/member/index.js';
import type { ClassicMemberInput, ClassicMemberState } from '../../../src/classic/member/index.js';
import { ErrorCode } from '../../../src/protocol/error-codes.js';
import { encodeAssignment, encodeSubscription } from '../../../src/protocol/index.js';
import { topicPartitions } from '../../../src/protocol/topic-partitions-ops.js';
import { expectDeadlineProgress, fuzzMachine } from '../../support/machine-contract.js';

type Action =
  | { kind: 'call'; input: ClassicMemberInput }
  | { kind: 'answer'; slot: number; errorCode: number }
  | { kind: 'fail'; slot: number; reason: 'disconnected' | 'timeout' }
  | { kind: 'confirm'; error: boolean }
  | { kind: 'advance'; ms: number };

const METADATA = new Map([
  ['t1', { partitions: 2 }],
  ['__proto__', { partitions: 1 }],
]);

const CODES = [
  ErrorCode.NONE,
  ErrorCode.NONE,
  ErrorCode.NONE,
  ErrorCode.REBALANCE_IN_PROGRESS,
  ErrorCode.UNKNOWN_MEMBER_ID,
  ErrorCode.ILLEGAL_GENERATION,
  ErrorCode.COORDINATOR_NOT_AVAILABLE,
  ErrorCode.NOT_COORDINATOR,
  ErrorCode.MEMBER_ID_REQUIRED,
  ErrorCode.FENCED_INSTANCE_ID,
  ErrorCode.UNKNOWN_SERVER_ERROR,
];

const action: fc.Arbitrary<Action> = fc.oneof(
  fc
    .constantFrom<ClassicMemberInput>(
      { type: 'subscribe', topics: ['t1', '__proto__'] },
      { type: 'unsubscribe' },
      { type: 'poll' },
      { type: 'poll' },
      { type: 'tick' },
      { type: 'close' },
      { type: 'metadata', topics: METADATA },
    )
    .map((input) => ({ kind: 'call' as const, input })),
  fc.record({ kind: fc.constant('answer' as const), slot: fc.nat(4), errorCode: fc.constantFrom(...CODES) }),
  fc.record({ kind: fc.constant('fail' as const), slot: fc.nat(4), reason: fc.constantFrom('disconnected' as const, 'timeout' as const) }),
  fc.record({ kind: fc.constant('confirm' as const), error: fc.boolean() }),
  fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 120_000 }) }),
);

const SLOTS = ['join', 'sync', 'heartbeat', 'leave', 'commit'] as const;

/** The `slot`-th of the requests in flight (modulo their number), so that most answers hit one. */
function inFlight(s: ClassicMemberState, slot: number): { api: (typeof SLOTS)[number]; requestId: number } | null {
  const open = SLOTS.flatMap((api) => {
    const r = api === 'commit' ? (s.commit?.request ?? null) : s[api];
    return r === null ? [] : [{ api, requestId: r.requestId }];
  });
  return open.length === 0 ? null : (open[slot % open.length] ?? null);
}

/** A well-formed answer with `code` to the request in `slot`; successes make the member leader of a group of one. */
function answer(s: ClassicMemberState, slot: number, code: number): ClassicMemberInput | null {
  const f = inFlight(s, slot);
  if (f === null) return null;
  const ok = code === ErrorCode.NONE;
  const errorCode = code as ErrorCode;
  switch (f.api) {
    case 'join': {
      const memberId = s.generation.memberId === '' ? 'm-1' : s.generation.memberId;
      const members = ok ? [{ memberId, groupInstanceId: null, metadata: encodeSubscription({ topics: [...s.subscription] }) }] : [];
      const response = { errorCode, generationId: ok ? s.generation.generationId + 1 : -1, protocolType: 'consumer', protocolName: ok ? (s.config.assignors[0]?.name ?? null) : null, leader: ok ? memberId : '', skipAssignment: false, memberId, members };
      return { type: 'response', api: 'JoinGroup', requestId: f.requestId, response };
    }
    case 'sync': {
      const assignment = ok ? encodeAssignment({ partitions: topicPartitions({ t1: [0, 1] }) }) : new Uint8Array(0);
      return { type: 'response', api: 'SyncGroup', requestId: f.requestId, response: { errorCode, protocolType: 'consumer', protocolName: s.config.assignors[0]?.name ?? null, assignment } };
    }
    case 'heartbeat':
      return { type: 'response', api: 'Heartbeat', requestId: f.requestId, response: { errorCode } };
    case 'leave':
      return { type: 'response', api: 'LeaveGroup', requestId: f.requestId, response: { errorCode, members: [] } };
    case 'commit':
      return { type: 'response', api: 'OffsetCommit', requestId: f.requestId, response: { topics: [{ name: 't1', partitions: [{ partitionIndex: 0, errorCode }] }] } };
  }
}

function toInput(s: ClassicMemberState, a: Action): ClassicMemberInput | null {
  switch (a.kind) {
    case 'call':
      return a.input;
    case 'answer':
      return answer(s, a.slot, a.errorCode);
    case 'fail': {
      const f = inFlight(s, a.slot);
      return f === null ? null : { type: 'request-failed', requestId: f.requestId, reason: a.reason };
    }
    case 'confirm':
      if (s.callback === null) return null;
      return a.error ? { type: 'callback-done', callbackId: s.callback.callbackId, error: 'boom' } : { type: 'callback-done', callbackId: s.callback.callbackId };
    case 'advance':
      return { type: 'tick' };
  }
}

const CLASSIC_MEMBER = {
  step: stepClassicMember,
  nextDeadline: classicMemberNextDeadline,
  isValidTransition: isValidClassicMemberTransition,
  tick: { type: 'tick' } as ClassicMemberInput,
};

describe('the classic member under arbitrary inputs', () => {
  it('only throws UsageError, only moves along the table, and its deadline always makes progress', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.boolean(), fc.array(action, { maxLength: 80 }), (autoCommit, cooperative, actions) => {
        const assignors = [cooperative ? cooperativeStickyAssignor : rangeAssignor];
        const initial = initialClassicMemberState({ groupId: 'g', assignors, enableAutoCommit: autoCommit, groupInstanceId: autoCommit ? 'i' : null });
        fuzzMachine(CLASSIC_MEMBER, initial, actions, toInput);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('the classic member deadline', () => {
  it('does not report a join backoff while a callback holds the join loop back (simulator seed 1714)', () => {
    let s = initialClassicMemberState({ groupId: 'g', assignors: [cooperativeStickyAssignor] });
    let now = 0;
    const step = (input: ClassicMemberInput): void => {
      s = stepClassicMember(s, input, now).state;
    };
    const requestId = (r: { requestId: number } | null): number => (r as { requestId: number }).requestId;
    step({ type: 'subscribe', topics: ['t1'] });
    step({ type: 'metadata', topics: new Map([['t1', { partitions: 2 }]]) });
    step({ type: 'poll' });
    const members = [{ memberId: 'm', groupInstanceId: null, metadata: encodeSubscription({ topics: ['t1'] }) }];
    step({ type: 'response', api: 'JoinGroup', requestId: requestId(s.join), response: { errorCode: ErrorCode.NONE, generationId: 1, protocolType: 'consumer', protocolName: 'cooperative-sticky', leader: 'm', skipAssignment: false, memberId: 'm', members } });
    const assignment = encodeAssignment({ partitions: topicPartitions({ t1: [0, 1] }) });
    step({ type: 'response', api: 'SyncGroup', requestId: requestId(s.sync), response: { errorCode: ErrorCode.NONE, protocolType: 'consumer', protocolName: 'cooperative-sticky', assignment } });
    step({ type: 'callback-done', callbackId: (s.callback as { callbackId: number }).callbackId });
    now = 3_000;
    step({ type: 'tick' });
    step({ type: 'response', api: 'Heartbeat', requestId: requestId(s.heartbeat), response: { errorCode: ErrorCode.REBALANCE_IN_PROGRESS } });
    // The rejoin fails (a failover), so the member backs off; then the application closes it,
    // which runs onPartitionsLost: the backoff expires while that callback is still running.
    step({ type: 'request-failed', requestId: requestId(s.join), reason: 'disconnected' });
    expect(s.retryAtMs).not.toBeNull();
    step({ type: 'close' });
    expect(s.callback?.callback).toBe('onPartitionsLost');
    now = (s.retryAtMs as number) + 500;
    step({ type: 'tick' });
    expectDeadlineProgress(s, now, (x, t) => stepClassicMember(x, { type: 'tick' }, t).state, classicMemberNextDeadline);
  });

  it('does not report the commit before revocation while a poll holds the join loop back (simulator seed 8215)', () => {
    let s = initialClassicMemberState({ groupId: 'g', assignors: [rangeAssignor], enableAutoCommit: true, maxPollIntervalMs: 10_000 });
    let now = 0;
    const step = (input: ClassicMemberInput): void => {
      s = stepClassicMember(s, input, now).state;
    };
    const requestId = (r: { requestId: number } | null | undefined): number => (r as { requestId: number }).requestId;
    step({ type: 'subscribe', topics: ['t1'] });
    step({ type: 'metadata', topics: new Map([['t1', { partitions: 2 }]]) });
    step({ type: 'poll' });
    const members = [{ memberId: 'm', groupInstanceId: null, metadata: encodeSubscription({ topics: ['t1'] }) }];
    step({ type: 'response', api: 'JoinGroup', requestId: requestId(s.join), response: { errorCode: ErrorCode.NONE, generationId: 1, protocolType: 'consumer', protocolName: 'range', leader: 'm', skipAssignment: false, memberId: 'm', members } });
    const assignment = encodeAssignment({ partitions: topicPartitions({ t1: [0, 1] }) });
    step({ type: 'response', api: 'SyncGroup', requestId: requestId(s.sync), response: { errorCode: ErrorCode.NONE, protocolType: 'consumer', protocolName: 'range', assignment } });
    step({ type: 'callback-done', callbackId: (s.callback as { callbackId: number }).callbackId });
    step({ type: 'positions', positions: [{ topic: 't1', partition: 0, offset: 5 }] });
    now = 3_000;
    step({ type: 'tick' });
    step({ type: 'response', api: 'Heartbeat', requestId: requestId(s.heartbeat), response: { errorCode: ErrorCode.REBALANCE_IN_PROGRESS } });
    // The commit before revocation fails retriably and waits for its backoff...
    const commit = { name: 't1', partitions: [{ partitionIndex: 0, errorCode: ErrorCode.COORDINATOR_LOAD_IN_PROGRESS }] };
    step({ type: 'response', api: 'OffsetCommit', requestId: requestId(s.commit?.request), response: { topics: [commit] } });
    expect(s.commit?.retryAtMs).not.toBeNull();
    // ...then the application stops polling (a GC pause): the poll timer leaves the group, and
    // the join loop waits for the next poll with the commit's backoff and give-up time past.
    now = 14_000;
    step({ type: 'tick' });
    expect(s.awaitingPoll).toBe(true);
    expect(s.commit?.giveUpAtMs).toBeLessThan(now);
    expectDeadlineProgress(s, now, (x, t) => stepClassicMember(x, { type: 'tick' }, t).state, classicMemberNextDeadline);
  });
});
