// The member's contract with its caller: purity, time, the callback hand-shake, UsageErrors
// for misuse, deadlines, and stale answers ignored.
import { describe, expect, it } from 'vitest';
import { rangeAssignor } from '../../../src/assignors/index.js';
import { UsageError } from '../../../src/errors.js';
import {
  classicMemberNextDeadline,
  initialClassicMemberState,
  stepClassicMember,
  type ClassicMemberInput,
  type ClassicMemberState,
} from '../../../src/classic/index.js';

function run(state: ClassicMemberState, inputs: readonly ClassicMemberInput[], nowMs = 0) {
  let s = state;
  const outputs = [];
  for (const i of inputs) {
    const r = stepClassicMember(s, i, nowMs);
    s = r.state;
    outputs.push(...r.outputs);
  }
  return { state: s, outputs };
}

const fresh = () => initialClassicMemberState({ groupId: 'g', assignors: [rangeAssignor], sessionTimeoutMs: 10_000 });

function joinedWithCallback(): ClassicMemberState {
  const { state } = run(fresh(), [{ type: 'subscribe', topics: ['t'] }, { type: 'poll' }]);
  const join = state.join?.requestId as number;
  const r = run(state, [
    {
      type: 'response',
      api: 'JoinGroup',
      requestId: join,
      response: { errorCode: 0, generationId: 1, protocolType: 'consumer', protocolName: 'range', leader: 'x', skipAssignment: false, memberId: 'm', members: [] },
    },
  ]);
  const sync = r.state.sync?.requestId as number;
  const assignment = Uint8Array.of(0, 3, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff);
  return run(r.state, [{ type: 'response', api: 'SyncGroup', requestId: sync, response: { errorCode: 0, protocolType: 'consumer', protocolName: 'range', assignment } }]).state;
}

describe('stepClassicMember', () => {
  it('does nothing before the first poll', () => {
    const { outputs, state } = run(fresh(), [{ type: 'subscribe', topics: ['t'] }, { type: 'tick' }]);
    expect(outputs.filter((o) => o.type === 'send')).toEqual([]);
    expect(state.state).toBe('UNJOINED');
  });

  it('is pure: the same state and input give the same result, and the input state is untouched', () => {
    const s = run(fresh(), [{ type: 'subscribe', topics: ['t'] }]).state;
    const before = JSON.stringify(s, (_k, v) => (v instanceof Map ? [...v] : v));
    const a = stepClassicMember(s, { type: 'poll' }, 5);
    const b = stepClassicMember(s, { type: 'poll' }, 5);
    expect(JSON.stringify(a.outputs)).toBe(JSON.stringify(b.outputs));
    expect(JSON.stringify(s, (_k, v) => (v instanceof Map ? [...v] : v))).toBe(before);
    expect(Object.isFrozen(a.state)).toBe(true);
  });

  it('refuses time going backwards', () => {
    const s = stepClassicMember(fresh(), { type: 'tick' }, 100).state;
    expect(() => stepClassicMember(s, { type: 'tick' }, 99)).toThrow(UsageError);
    expect(() => stepClassicMember(s, { type: 'tick' }, Number.NaN)).toThrow(UsageError);
  });

  it('waits for the outstanding callback and refuses poll, close and unsubscribe meanwhile', () => {
    const s = joinedWithCallback();
    expect(s.callback?.callback).toBe('onPartitionsAssigned');
    for (const type of ['poll', 'close', 'unsubscribe'] as const) expect(() => stepClassicMember(s, { type }, 0)).toThrow(/outstanding/);
    expect(() => stepClassicMember(s, { type: 'callback-done', callbackId: 99 }, 0)).toThrow(UsageError);
    const done = stepClassicMember(s, { type: 'callback-done', callbackId: s.callback?.callbackId as number }, 0);
    expect(done.state.callback).toBeNull();
    expect(done.state.state).toBe('STABLE');
  });

  it('reports a callback that threw, and goes on', () => {
    const s = joinedWithCallback();
    const r = stepClassicMember(s, { type: 'callback-done', callbackId: s.callback?.callbackId as number, error: 'boom' }, 0);
    expect(r.outputs).toContainEqual({ type: 'error', error: { kind: 'callback-failed', fatal: false, callback: 'onPartitionsAssigned', message: 'boom' } });
    expect(r.state.state).toBe('STABLE');
  });

  it('refuses calls after close, but accepts ticks and answers', () => {
    const closed = run(fresh(), [{ type: 'close' }]).state;
    expect(closed.closed).toBe(true);
    expect(() => stepClassicMember(closed, { type: 'poll' }, 0)).toThrow(/after close/);
    expect(() => stepClassicMember(closed, { type: 'subscribe', topics: ['t'] }, 0)).toThrow(/after close/);
    expect(stepClassicMember(closed, { type: 'tick' }, 0).outputs).toEqual([]);
    expect(stepClassicMember(closed, { type: 'close' }, 0).outputs).toEqual([]);
  });

  it('rejects malformed application input', () => {
    const s = fresh();
    expect(() => stepClassicMember(s, { type: 'subscribe', topics: [''] }, 0)).toThrow(UsageError);
    expect(() => stepClassicMember(s, { type: 'positions', positions: [{ topic: 't', partition: 0, offset: -1 }] }, 0)).toThrow(/bad offset/);
    expect(() => stepClassicMember(s, { type: 'bogus' } as unknown as ClassicMemberInput, 0)).toThrow(/unknown input/);
  });

  it('ignores an answer to a request it does not wait for', () => {
    const s = run(fresh(), [{ type: 'subscribe', topics: ['t'] }, { type: 'poll' }]).state;
    const r = stepClassicMember(s, { type: 'response', api: 'Heartbeat', requestId: 42, response: { errorCode: 27 } }, 0);
    expect(r.outputs).toEqual([]);
    expect(r.state).toEqual(s);
  });

  it('exposes its next deadline: the JoinGroup timeout, then the heartbeat', () => {
    const s = run(fresh(), [{ type: 'subscribe', topics: ['t'] }, { type: 'poll' }]).state;
    // max(request timeout, rebalance timeout + 5 s)
    expect(classicMemberNextDeadline(s)).toBe(305_000);
    expect(classicMemberNextDeadline(fresh())).toBeNull();
    const stable = joinedWithCallback();
    expect(classicMemberNextDeadline(stable)).toBe(3_000);
  });
});
