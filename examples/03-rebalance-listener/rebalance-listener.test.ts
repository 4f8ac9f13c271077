// Unit tests of an application's rebalance listener (commit on revoke, state hand-over, no commit
// on loss), in virtual time: a join, a crash and a GC pause longer than the session timeout.
import { describe, expect, it } from 'vitest';
import { VirtualGroup } from './group.js';

describe('OrderCounter rebalance listener', () => {
  it('commits and hands its state over on revoke, so the new owner continues the count', async () => {
    const g = await new VirtualGroup().start();
    g.add('a');
    await g.run(2_000);
    expect(g.consumers.get('a')?.app.owned()).toHaveLength(6);
    g.add('b');
    await g.run(5_000);
    const owners = g.owners();
    expect([...owners.values()].every((o) => o.length === 1)).toBe(true);
    expect(g.consumers.get('b')?.app.owned()).toHaveLength(3);
    // Every partition b took was committed by a first, at the offset a had reached.
    for (const tp of g.consumers.get('b')?.app.owned() ?? []) expect(g.stores.commitLog.some((l) => l.startsWith(`a ${tp}@`))).toBe(true);
    await g.stop();
  });

  it('after a crash, the survivor resumes from the last commit (at-least-once)', async () => {
    const g = await new VirtualGroup().start();
    g.add('a');
    g.add('b');
    await g.run(5_000);
    g.crash('b');
    await g.run(15_000);
    expect(g.consumers.get('a')?.app.owned()).toHaveLength(6);
    expect(g.stores.commitLog.filter((l) => l.startsWith('b '))).toEqual([]);
    await g.stop();
  });

  it('a GC pause longer than the session: the zombie loses its partitions and never commits them', async () => {
    const g = await new VirtualGroup().start();
    g.add('a');
    g.add('b');
    await g.run(5_000);
    const commitsBefore = g.stores.commitLog.length;
    g.pause('b');
    await g.run(15_000); // b's session (10 s) expires; a takes everything
    expect(g.consumers.get('a')?.app.owned()).toHaveLength(6);
    g.resume('b');
    await g.run(10_000);
    // b found out it was fenced: onPartitionsLost, no commit from the zombie, then it rejoined.
    expect(g.stores.commitLog.slice(commitsBefore).filter((l) => l.startsWith('b '))).toEqual([]);
    expect([...g.owners().values()].every((o) => o.length === 1)).toBe(true);
    expect(g.consumers.get('b')?.app.owned()).toHaveLength(3);
    await g.stop();
  });
});
