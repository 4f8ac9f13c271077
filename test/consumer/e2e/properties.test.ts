// Properties of members and coordinator together over random schedules of joins, closes,
// crashes, pauses past the timeouts and restarts: ownership never overlaps among members the
// coordinator considers alive, a partition is given out only after its previous owner reported
// releasing it, member state changes follow the table, and once membership stops changing the
// group converges to Stable with every partition owned once.
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { checkConverged, noOverlapObserver, RevocationBeforeAssignment, transitionsFollowTable } from './checks.js';
import { World } from './network.js';

const topics = [
  { topicId: 'id-a', name: 'a', partitions: 5 },
  { topicId: '__proto__', name: '__proto__', partitions: 3 },
  { topicId: 'id-c', name: 'c', partitions: 7 },
];
const partitions = new Map(topics.map((t) => [t.name, t.partitions]));

type Op =
  | { readonly atMs: number; readonly kind: 'join'; readonly member: number; readonly isStatic: boolean }
  | { readonly atMs: number; readonly kind: 'close' | 'crash' | 'restart'; readonly member: number }
  | { readonly atMs: number; readonly kind: 'pause'; readonly member: number; readonly ms: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ atMs: fc.integer({ min: 0, max: 60_000 }), kind: fc.constant('join' as const), member: fc.integer({ min: 0, max: 7 }), isStatic: fc.boolean() }),
  fc.record({ atMs: fc.integer({ min: 0, max: 60_000 }), kind: fc.constantFrom('close' as const, 'crash' as const, 'restart' as const), member: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ atMs: fc.integer({ min: 0, max: 60_000 }), kind: fc.constant('pause' as const), member: fc.integer({ min: 0, max: 7 }), ms: fc.integer({ min: 500, max: 40_000 }) }),
);

function apply(w: World, op: Op): void {
  const name = `m${op.member}`;
  const m = w.members.get(name);
  const subscribe = ['a', '__proto__', 'c'];
  switch (op.kind) {
    case 'join':
      if (m === undefined) w.addMember(name, subscribe, op.isStatic ? { groupInstanceId: `i${op.member}` } : {}, 700 + 300 * op.member);
      return;
    case 'close':
      w.close(name);
      return;
    case 'crash':
      w.crash(name);
      return;
    case 'restart':
      if (m !== undefined && (m.crashed || m.state.closed)) {
        m.crashed = true;
        w.restart(name, subscribe, m.state.config.groupInstanceId === null ? {} : { groupInstanceId: m.state.config.groupInstanceId });
      }
      return;
    case 'pause':
      w.pause(name, op.ms);
      return;
  }
}

describe('members and coordinator over random schedules', () => {
  it('keep ownership safe and converge once membership stops changing', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.array(opArb, { maxLength: 14 }), fc.integer({ min: 1, max: 5 }), (initial, ops, latencyMs) => {
        const w = new World({ topics, latencyMs, group: { sessionTimeoutMs: 10_000, heartbeatIntervalMs: 1_000 } });
        w.observers.push(noOverlapObserver, new RevocationBeforeAssignment(), transitionsFollowTable);
        for (let i = 0; i < initial; i++) apply(w, { atMs: 0, kind: 'join', member: i, isStatic: i % 3 === 2 });
        for (const op of [...ops].sort((a, b) => a.atMs - b.atMs)) {
          w.runUntil(op.atMs);
          apply(w, op);
        }
        // Membership no longer changes: pauses end, timeouts fire, the group settles.
        w.run(150_000);
        if (w.live().some((m) => !m.state.closing)) checkConverged(w, partitions);
      }),
      { numRuns: 60 },
    );
  });
});
