import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors.js';
import { ErrorCode } from '../../../src/protocol/error-codes.js';
import { MemberContext } from '../../../src/consumer/member/context.js';
import { onHeartbeatSuccess } from '../../../src/consumer/member/target.js';
import { initialConsumerMemberState, stepConsumerMember } from '../../../src/consumer/member/index.js';
import type { ConsumerMemberInput, ConsumerMemberState } from '../../../src/consumer/member/index.js';

function run(state: ConsumerMemberState, inputs: readonly ConsumerMemberInput[], nowMs = 0) {
  let s = state;
  const outputs = [];
  for (const input of inputs) {
    const r = stepConsumerMember(s, input, nowMs);
    s = r.state;
    outputs.push(...r.outputs);
  }
  return { state: s, outputs };
}

const base = initialConsumerMemberState({ groupId: 'g', memberId: 'm1', enableAutoCommit: false });

describe('stepConsumerMember', () => {
  it('refuses a member without a member id, and takes one from the source', () => {
    expect(() => initialConsumerMemberState({ groupId: 'g' })).toThrow(UsageError);
    expect(initialConsumerMemberState({ groupId: 'g', memberIdSource: () => 'uuid-1' }).memberId).toBe('uuid-1');
  });

  it('refuses bad settings', () => {
    expect(() => initialConsumerMemberState({ groupId: ' ', memberId: 'm' })).toThrow(UsageError);
    expect(() => initialConsumerMemberState({ groupId: 'g', memberId: 'm', maxPollIntervalMs: 0 })).toThrow(UsageError);
    expect(() => initialConsumerMemberState({ groupId: 'g', memberId: 'm', groupInstanceId: '' })).toThrow(UsageError);
    expect(() => initialConsumerMemberState({ groupId: 'g', memberId: 'm', retryBackoffJitter: 2 })).toThrow(UsageError);
  });

  it('refuses time going backwards, unknown inputs and unknown callbacks', () => {
    const s = stepConsumerMember(base, { type: 'tick' }, 10).state;
    expect(() => stepConsumerMember(s, { type: 'tick' }, 9)).toThrow(UsageError);
    expect(() => stepConsumerMember(s, { type: 'nope' } as unknown as ConsumerMemberInput, 10)).toThrow(UsageError);
    expect(() => stepConsumerMember(s, { type: 'callback-done', callbackId: 1 }, 10)).toThrow(UsageError);
    expect(() => stepConsumerMember(s, { type: 'commit-done', commitId: 1 }, 10)).toThrow(UsageError);
  });

  it('refuses calls after close, but a second close is a no-op', () => {
    const { state } = run(base, [{ type: 'close' }]);
    expect(state.closed).toBe(true);
    expect(() => stepConsumerMember(state, { type: 'poll' }, 0)).toThrow(UsageError);
    expect(() => stepConsumerMember(state, { type: 'subscribe', topics: ['t'] }, 0)).toThrow(UsageError);
    expect(stepConsumerMember(state, { type: 'close' }, 0).outputs).toEqual([]);
  });

  it('refuses metadata that is not a Map, so that `__proto__` stays a key', () => {
    expect(() => stepConsumerMember(base, { type: 'metadata', topicNames: { __proto__: 'x' } as unknown as Map<string, string> }, 0)).toThrow(UsageError);
  });

  it('CLI-25: an error response never reaches the success path', () => {
    const ctx = new MemberContext(run(base, [{ type: 'subscribe', topics: ['t'] }, { type: 'poll' }]).state, 0);
    const response = { errorCode: ErrorCode.UNKNOWN_MEMBER_ID, errorMessage: null, memberId: null, memberEpoch: -1, heartbeatIntervalMs: 0, assignment: null };
    expect(() => onHeartbeatSuccess(ctx, response)).toThrow(/Expected no error, but received: UNKNOWN_MEMBER_ID/);
  });

  it('ignores an answer to a request it did not send', () => {
    const { state } = run(base, [{ type: 'subscribe', topics: ['t'] }, { type: 'poll' }]);
    const r = stepConsumerMember(state, { type: 'response', api: 'ConsumerGroupHeartbeat', requestId: 99, response: { errorCode: 0, errorMessage: null, memberId: 'm1', memberEpoch: 5, heartbeatIntervalMs: 1, assignment: null } }, 0);
    expect(r.state.memberEpoch).toBe(0);
    expect(r.outputs).toEqual([]);
  });

  it('drops an answer that arrives after the membership ended (FATAL), whatever its error', () => {
    const answer = (requestId: number, errorCode: number): ConsumerMemberInput => ({
      type: 'response',
      api: 'ConsumerGroupHeartbeat',
      requestId,
      response: { errorCode: errorCode as 0, errorMessage: null, memberId: null, memberEpoch: -1, heartbeatIntervalMs: 0, assignment: null },
    });
    // HB#1 (join) is in flight when unsubscribe sends the leave, HB#2.
    const { state } = run(base, [{ type: 'subscribe', topics: ['t'] }, { type: 'poll' }, { type: 'unsubscribe' }]);
    expect(state.heartbeat.inFlight.map((f) => f.requestId)).toEqual([1, 2]);
    const fatal = stepConsumerMember(state, answer(1, ErrorCode.GROUP_AUTHORIZATION_FAILED), 0).state;
    expect(fatal.state).toBe('FATAL');
    const after = stepConsumerMember(fatal, answer(2, ErrorCode.FENCED_MEMBER_EPOCH), 0);
    expect(after.state.state).toBe('FATAL');
    expect(after.outputs).toEqual([]);
  });

  it('is deterministic and never modifies its input state', () => {
    const inputs: ConsumerMemberInput[] = [{ type: 'subscribe', topics: ['b', 'a', 'a'] }, { type: 'poll' }];
    const frozen = run(base, inputs).state;
    const again = run(base, inputs).state;
    expect(JSON.stringify(again, (_k, v: unknown) => (v instanceof Map ? [...v] : v))).toBe(JSON.stringify(frozen, (_k, v: unknown) => (v instanceof Map ? [...v] : v)));
    expect(Object.isFrozen(frozen)).toBe(true);
    expect(base.state).toBe('UNSUBSCRIBED');
  });

  it('applies jitter from its seeded generator, the same for the same seed', () => {
    const make = (seed: number) => {
      const s0 = initialConsumerMemberState({ groupId: 'g', memberId: 'm', enableAutoCommit: false, retryBackoffJitter: 0.2, jitterSeed: seed });
      const { state } = run(s0, [{ type: 'subscribe', topics: ['t'] }, { type: 'poll' }]);
      return stepConsumerMember(state, { type: 'request-failed', requestId: 1, reason: 'disconnected' }, 0).state.heartbeat.backoffMs;
    };
    expect(make(7)).toBe(make(7));
    const values = new Set([1, 2, 3, 4, 5, 6].map(make));
    expect(values.size).toBeGreaterThan(1);
    for (const v of values) expect(v >= 80 && v <= 120).toBe(true);
  });
});

describe('coordinator tracking', () => {
  it('starts assumed, follows the coordinator input, and rejects a malformed one', () => {
    const s0 = initialConsumerMemberState({ groupId: 'g', memberId: 'm' });
    expect(s0.coordinator).toBe('assumed');
    const off = stepConsumerMember(s0, { type: 'coordinator', known: false }, 0).state;
    expect(off.coordinator).toBe('unknown');
    const joining = stepConsumerMember(stepConsumerMember(off, { type: 'subscribe', topics: ['t'] }, 0).state, { type: 'poll' }, 0);
    expect(joining.outputs.some((o) => o.type === 'send')).toBe(false);
    const on = stepConsumerMember(joining.state, { type: 'coordinator', known: true }, 0);
    expect(on.state.coordinator).toBe('known');
    expect(on.outputs.some((o) => o.type === 'send')).toBe(true);
    expect(() => stepConsumerMember(s0, { type: 'coordinator', known: 'yes' } as unknown as ConsumerMemberInput, 0)).toThrow(UsageError);
  });
});
