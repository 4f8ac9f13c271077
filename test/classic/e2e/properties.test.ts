// Properties of the two machines together over random schedules of joins, leaves (close),
// crashes, restarts, partition growth and waits:
//  - among live members, owned partitions never overlap;
//  - under COOPERATIVE, no partition is revoked from one member and assigned to another in
//    the same generation (Kafka's cooperative rule, seen from the outside);
//  - once the schedule stops changing membership, the group reaches Stable with every
//    subscribed partition owned exactly once by a live member.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cooperativeStickyAssignor, rangeAssignor, roundRobinAssignor } from '../../../src/assignors/index.js';
import type { TopicMetadata } from '../../../src/protocol/types.js';
import { GroupNetwork } from './network.js';

type Op =
  | { kind: 'join' | 'leave' | 'crash'; who: number }
  | { kind: 'grow'; by: number }
  | { kind: 'wait'; ms: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constantFrom('join' as const, 'leave' as const, 'crash' as const), who: fc.nat({ max: 7 }) }),
  fc.record({ kind: fc.constant('grow' as const), by: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 12_000 }) }),
);

const scheduleArb = fc.record({
  initial: fc.integer({ min: 1, max: 6 }),
  partitions: fc.integer({ min: 1, max: 12 }),
  ops: fc.array(opArb, { maxLength: 12 }),
});

const ASSIGNORS = { range: rangeAssignor, roundrobin: roundRobinAssignor, 'cooperative-sticky': cooperativeStickyAssignor } as const;

function topics(partitions: number): Map<string, TopicMetadata> {
  return new Map([
    ['t1', { partitions }],
    ['t2', { partitions: 1 + (partitions % 3) }],
  ]);
}

/** Applies one op if it makes sense now (joining a running member, say, does not). */
function apply(net: GroupNetwork, op: Op, partitions: { n: number }): void {
  const name = `m${'who' in op ? op.who : 0}`;
  const running = net.members.get(name)?.alive === true && net.members.get(name)?.state.closed === false;
  switch (op.kind) {
    case 'join':
      if (!running) net.join(name);
      break;
    case 'leave':
      if (running) net.leave(name);
      break;
    case 'crash':
      if (running) net.crash(name);
      break;
    case 'grow':
      partitions.n += op.by;
      net.setTopics(topics(partitions.n));
      break;
    case 'wait':
      net.advance(op.ms);
      break;
  }
  net.advance(200);
}

type Schedule = typeof scheduleArb extends fc.Arbitrary<infer T> ? T : never;

function runSchedule(assignor: keyof typeof ASSIGNORS, s: Schedule): GroupNetwork {
  const net = new GroupNetwork({
    member: { assignors: [ASSIGNORS[assignor]], sessionTimeoutMs: 10_000, heartbeatIntervalMs: 1_000, maxPollIntervalMs: 30_000 },
    topics: topics(s.partitions),
  });
  const partitions = { n: s.partitions };
  for (let i = 0; i < s.initial; i++) net.join(`m${i}`);
  for (const op of s.ops) apply(net, op, partitions);
  // Long enough for crashed members' sessions to expire and every follow-up rebalance to end.
  net.advance(80_000);
  return net;
}

describe.each(['range', 'roundrobin', 'cooperative-sticky'] as const)('classic group properties (%s)', (assignor) => {
  it('keeps ownership disjoint, moves partitions cooperatively, and settles', () => {
    fc.assert(
      fc.property(scheduleArb, (schedule) => {
        const net = runSchedule(assignor, schedule);
        expect(net.overlaps, net.dump()).toEqual([]);
        if (assignor === 'cooperative-sticky') expect(net.cooperativeViolations(), net.dump()).toEqual([]);
        expect(net.unsettled(), net.dump()).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });
});
