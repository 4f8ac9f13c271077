// The step contract: pure (the input state is never changed; same input, same output), a
// steady-state heartbeat returns the very state it was given, caller misuse throws UsageError,
// and a peer's malformed body is answered, never thrown.
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors.js';
import { ErrorCode } from '../../../src/protocol/error-codes.js';
import { describeGroup, initialState, persistedView, step } from '../../../src/classic/coordinator/index.js';
import type { ClassicCoordinatorInput, ClassicCoordinatorState } from '../../../src/classic/coordinator/index.js';
import { CoordinatorHarness, SCENARIO_CONFIG, subscriptionBytes } from './harness.js';

function join(requestId: string, memberId: string, apiVersion = 3): ClassicCoordinatorInput {
  return {
    type: 'request',
    api: 'JoinGroup',
    requestId,
    apiVersion,
    clientId: 'c',
    body: {
      groupId: 'group',
      memberId,
      sessionTimeoutMs: 10_000,
      rebalanceTimeoutMs: 10_000,
      protocolType: 'consumer',
      protocols: [{ name: 'range', metadata: subscriptionBytes(['foo']) }],
    },
  };
}

function stableGroup(): CoordinatorHarness {
  const h = new CoordinatorHarness();
  h.apply(join('j1', ''));
  h.advance(3000);
  h.apply({ type: 'request', api: 'SyncGroup', requestId: 's1', apiVersion: 3, body: { groupId: 'group', memberId: 'c-1', generationId: 1, assignments: [] } });
  expect(h.state.group?.state).toBe('Stable');
  return h;
}

const heartbeat: ClassicCoordinatorInput = {
  type: 'request',
  api: 'Heartbeat',
  requestId: 'h',
  apiVersion: 4,
  body: { groupId: 'group', memberId: 'c-1', generationId: 1 },
};

describe('classic coordinator step', () => {
  it('returns the same state object for a steady-state heartbeat', () => {
    const h = stableGroup();
    const result = step(h.state, heartbeat, h.nowMs);
    expect(result.state).toBe(h.state);
    expect(result.outputs).toEqual([
      { type: 'schedule-timer', key: 'heartbeat-c-1', deadlineMs: h.nowMs + 10_000 },
      { type: 'response', api: 'Heartbeat', requestId: 'h', apiVersion: 4, response: { errorCode: ErrorCode.NONE } },
    ]);
  });

  it('never changes the state it is given and is deterministic', () => {
    const h = stableGroup();
    const before: ClassicCoordinatorState = h.state;
    const snapshot = [describeGroup(before), JSON.stringify(persistedView(before))];
    const a = step(before, join('j2', 'c-1'), h.nowMs);
    const b = step(before, join('j2', 'c-1'), h.nowMs);
    expect([describeGroup(before), JSON.stringify(persistedView(before))]).toEqual(snapshot);
    expect(JSON.stringify(a.outputs)).toBe(JSON.stringify(b.outputs));
    expect(describeGroup(a.state)).toBe(describeGroup(b.state));
    expect(a.state.group?.state).not.toBe(before.group?.state);
  });

  it('throws UsageError for caller misuse', () => {
    const s = initialState(SCENARIO_CONFIG);
    expect(() => step(s, { type: 'nope' } as unknown as ClassicCoordinatorInput, 0)).toThrow(UsageError);
    expect(() => step(s, heartbeat, Number.NaN)).toThrow(UsageError);
    expect(() => step(s, { ...heartbeat, api: 'Fetch' } as unknown as ClassicCoordinatorInput, 0)).toThrow(UsageError);
    expect(() => step(s, { type: 'timer', key: 'bogus' }, 0)).toThrow(UsageError);
    expect(() => step(s, { type: 'configure', config: { maxSize: 0 } }, 0)).toThrow(UsageError);
    expect(() => initialState({ groupId: '' })).toThrow(UsageError);
  });

  it.each([null, 42, 'x', [], {}, { groupId: 'group' }, { groupId: 'group', memberId: 7 }])('answers a malformed body %j with INVALID_REQUEST', (body) => {
    const s = initialState(SCENARIO_CONFIG);
    for (const api of ['JoinGroup', 'SyncGroup', 'Heartbeat', 'LeaveGroup', 'OffsetFetch'] as const) {
      const input = { type: 'request', api, requestId: 1, apiVersion: 3, body } as unknown as ClassicCoordinatorInput;
      const { state, outputs } = step(s, input, 0);
      expect(state).toBe(s);
      expect(outputs).toHaveLength(1);
      const out = outputs[0];
      expect(out?.type === 'response' && 'errorCode' in out.response ? out.response.errorCode : undefined).toBe(ErrorCode.INVALID_REQUEST);
    }
  });

  it('keeps member ids unique after a failover restarts the id sequence', () => {
    const h = stableGroup();
    h.load(h.records);
    const out = h.apply(join('j9', '', 3));
    expect(h.state.group?.members.has('c-2')).toBe(true);
    expect(out.some((o) => o.type === 'response')).toBe(false);
    expect(h.state.group?.members.size).toBe(2);
  });
});

describe('append-failed', () => {
  it('maps storage errors as Kafka does and rejects a step that wrote no record', () => {
    const mapped = (errorCode: ErrorCode): number => {
      const h = new CoordinatorHarness();
      h.failNextAppend = errorCode;
      const out = h.apply(join('j1', '', 3)); // below v4: parked, so the failure answers it
      const r = out.find((o) => o.type === 'response');
      if (r === undefined || r.api !== 'JoinGroup') throw new Error('no join response');
      expect(h.state.group).toBeNull();
      return r.response.errorCode;
    };
    expect(mapped(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION)).toBe(ErrorCode.COORDINATOR_NOT_AVAILABLE);
    expect(mapped(ErrorCode.NOT_ENOUGH_REPLICAS)).toBe(ErrorCode.COORDINATOR_NOT_AVAILABLE);
    expect(mapped(ErrorCode.REQUEST_TIMED_OUT)).toBe(ErrorCode.COORDINATOR_NOT_AVAILABLE);
    expect(mapped(ErrorCode.NOT_LEADER_OR_FOLLOWER)).toBe(ErrorCode.NOT_COORDINATOR);
    expect(mapped(ErrorCode.KAFKA_STORAGE_ERROR)).toBe(ErrorCode.NOT_COORDINATOR);
    expect(mapped(ErrorCode.MESSAGE_TOO_LARGE)).toBe(ErrorCode.UNKNOWN_SERVER_ERROR);
    expect(mapped(ErrorCode.RECORD_LIST_TOO_LARGE)).toBe(ErrorCode.UNKNOWN_SERVER_ERROR);
    expect(mapped(ErrorCode.INVALID_FETCH_SIZE)).toBe(ErrorCode.UNKNOWN_SERVER_ERROR);
    expect(mapped(ErrorCode.UNKNOWN_SERVER_ERROR)).toBe(ErrorCode.UNKNOWN_SERVER_ERROR);
    const h = stableGroup();
    const request = heartbeat as Extract<ClassicCoordinatorInput, { type: 'request' }>;
    expect(() => step(h.state, { type: 'append-failed', request, errorCode: ErrorCode.NOT_ENOUGH_REPLICAS }, 0)).toThrow(UsageError);
    expect(() => step(h.state, { type: 'append-failed', request, errorCode: ErrorCode.NONE }, 0)).toThrow(UsageError);
  });
});
