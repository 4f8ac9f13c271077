// The simulator's agenda must hand events back by time, ties in the order they were queued:
// the same seed giving the same run depends on it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue } from '../../src/testing/event-queue.js';

describe('EventQueue', () => {
  it('pops by time, then by insertion order, with pushes between pops', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.nat({ max: 20 }), fc.constant(-1)), { maxLength: 300 }), (ops) => {
        const q = new EventQueue<number>();
        const model: { atMs: number; id: number }[] = [];
        let id = 0;
        for (const op of ops) {
          if (op >= 0) {
            q.push(op, id);
            model.push({ atMs: op, id: id++ });
            continue;
          }
          // A stable sort keeps insertion order among equal times.
          model.sort((a, b) => a.atMs - b.atMs);
          const want = model.shift();
          const got = q.pop();
          expect(got === undefined ? undefined : { atMs: got.atMs, id: got.event }).toEqual(want);
          expect(q.size).toBe(model.length);
          expect(q.peekMs()).toBe(model.length === 0 ? Infinity : Math.min(...model.map((m) => m.atMs)));
        }
      }),
      { numRuns: 300 },
    );
  });
});
