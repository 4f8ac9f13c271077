// The e2e checkers can fail: a paused member whose session expires is a zombie that still owns
// partitions the group gave to others (the overlap checker sees it, as Kafka's zombie problem
// is real), and a partition handed from its owner to another member within one generation is
// reported as a cooperative violation.
import { describe, expect, it } from 'vitest';
import { rangeAssignor } from '../../../src/assignors/index.js';
import { topicPartitions } from '../../../src/protocol/topic-partitions-ops.js';
import { GroupNetwork } from './network.js';

function network(): GroupNetwork {
  return new GroupNetwork({
    member: { assignors: [rangeAssignor], sessionTimeoutMs: 10_000, heartbeatIntervalMs: 1_000, maxPollIntervalMs: 60_000 },
    topics: new Map([['t', { partitions: 4 }]]),
  });
}

describe('e2e checkers', () => {
  it('see a zombie: a paused member past its session overlaps with the new owners until it learns', () => {
    const net = network();
    net.join('a');
    net.join('b');
    net.advance(20_000);
    expect(net.unsettled()).toEqual([]);
    net.pause('b');
    net.advance(20_000);
    expect(net.overlaps.length).toBeGreaterThan(0);
    net.resume('b');
    // On waking, b's heartbeat is answered UNKNOWN_MEMBER_ID: it loses its partitions and rejoins.
    expect(net.members.get('b')?.callbacks.some((c) => c.callback === 'onPartitionsLost')).toBe(true);
    net.overlaps.length = 0;
    net.advance(30_000);
    expect(net.unsettled(), net.dump()).toEqual([]);
    expect(net.overlaps).toEqual([]);
  });

  it('report a partition moved between members within one generation', () => {
    const net = network();
    net.generations.set(7, {
      claimed: new Map([['a', topicPartitions({ t: [0, 1] })], ['b', topicPartitions({ t: [] })]]),
      assigned: new Map([['a', topicPartitions({ t: [0] })], ['b', topicPartitions({ t: [1] })]]),
    });
    expect(net.cooperativeViolations()).toEqual(['generation 7: t-1 from a to b']);
  });
});
