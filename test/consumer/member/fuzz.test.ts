// Any sequence of application calls and coordinator answers (any error code, any assignment,
// answers to any request) either throws UsageError for a misuse or leaves the member in a state
// reached only through the transition table, with at most one regular heartbeat in flight
// (the leave heartbeat goes out regardless, as in Kafka), and whose deadline never asks for
// ticks that change nothing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALL_ERRORS } from '../../../src/protocol/error-codes.js';
import { consumerMemberNextDeadline, initialConsumerMemberState, isValidConsumerMemberTransition, stepConsumerMember } from '../../../src/consumer/member/index.js';
import type { ConsumerMemberInput, ConsumerMemberState } from '../../../src/consumer/member/index.js';
import { fuzzMachine } from '../../support/machine-contract.js';

type Action =
  | { kind: 'call'; input: ConsumerMemberInput }
  | { kind: 'answer'; errorCode: number; epoch: number; assign: [string, number][] | null }
  | { kind: 'fail'; reason: 'disconnected' | 'timeout' }
  | { kind: 'confirm'; error: boolean }
  | { kind: 'commit'; error: boolean }
  | { kind: 'advance'; ms: number };

const topicIds = ['id1', 'id2', '__proto__'];
const action: fc.Arbitrary<Action> = fc.oneof(
  fc.constantFrom<ConsumerMemberInput>(
    { type: 'subscribe', topics: ['t1', 't2'] },
    { type: 'subscribe', pattern: 't.*' },
    { type: 'unsubscribe' },
    { type: 'poll' },
    { type: 'poll' },
    { type: 'tick' },
    { type: 'close' },
    { type: 'metadata', topicNames: new Map([['id1', 't1'], ['__proto__', '__proto__']]) },
  ).map((input) => ({ kind: 'call' as const, input })),
  fc.record({
    kind: fc.constant('answer' as const),
    errorCode: fc.oneof(fc.constant(0), fc.constant(0), fc.constantFrom(...ALL_ERRORS.map((e) => e.code))),
    epoch: fc.integer({ min: -2, max: 6 }),
    assign: fc.option(fc.array(fc.tuple(fc.constantFrom(...topicIds), fc.integer({ min: 0, max: 3 })), { maxLength: 5 })),
  }),
  fc.record({ kind: fc.constant('fail' as const), reason: fc.constantFrom('disconnected' as const, 'timeout' as const) }),
  fc.record({ kind: fc.constant('confirm' as const), error: fc.boolean() }),
  fc.record({ kind: fc.constant('commit' as const), error: fc.boolean() }),
  fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 400_000 }) }),
);

function toInput(s: ConsumerMemberState, a: Action): ConsumerMemberInput | null {
  switch (a.kind) {
    case 'call':
      return a.input;
    case 'answer': {
      const f = s.heartbeat.inFlight[0];
      if (f === undefined) return null;
      const topicPartitions = a.assign === null ? null : a.assign.map(([topicId, p]) => ({ topicId, partitions: [p] }));
      const ok = a.errorCode === 0;
      return {
        type: 'response',
        api: 'ConsumerGroupHeartbeat',
        requestId: f.requestId,
        response: { errorCode: a.errorCode as 0, errorMessage: null, memberId: 'm', memberEpoch: ok ? a.epoch : -1, heartbeatIntervalMs: ok ? 1000 : 0, assignment: ok && topicPartitions !== null ? { topicPartitions } : null },
      };
    }
    case 'fail': {
      const f = s.heartbeat.inFlight[0];
      return f === undefined ? null : { type: 'request-failed', requestId: f.requestId, reason: a.reason };
    }
    case 'confirm': {
      const cb = s.callbacks[0];
      if (cb === undefined) return null;
      return a.error ? { type: 'callback-done', callbackId: cb.callbackId, error: 'boom' } : { type: 'callback-done', callbackId: cb.callbackId };
    }
    case 'commit':
      if (s.commit === null) return null;
      return a.error ? { type: 'commit-done', commitId: s.commit.commitId, error: 'x' } : { type: 'commit-done', commitId: s.commit.commitId };
    case 'advance':
      return { type: 'tick' };
  }
}

const CONSUMER_MEMBER = {
  step: stepConsumerMember,
  nextDeadline: consumerMemberNextDeadline,
  isValidTransition: isValidConsumerMemberTransition,
  tick: { type: 'tick' } as ConsumerMemberInput,
};

describe('the member under arbitrary inputs', () => {
  it('only throws UsageError and only moves along the table', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.array(action, { maxLength: 80 }), (autoCommit, actions) => {
        const initial = initialConsumerMemberState({ groupId: 'g', memberId: 'm', enableAutoCommit: autoCommit, groupInstanceId: autoCommit ? 'i' : null });
        const epochOf = new Map<number, number>();
        fuzzMachine(CONSUMER_MEMBER, initial, actions, toInput, (after, outputs) => {
          for (const o of outputs) if (o.type === 'send') epochOf.set(o.requestId, o.request.memberEpoch);
          // At most one regular heartbeat in flight; only the leave heartbeat may go out beside it.
          const regular = after.heartbeat.inFlight.filter((f) => !f.ignoreResponse && (epochOf.get(f.requestId) ?? 0) >= 0);
          expect(regular.length).toBeLessThanOrEqual(1);
        });
      }),
      { numRuns: 2000 },
    );
  });
});
