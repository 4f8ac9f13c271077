/**
 * Unit-test rebalance logic in isolation: the application in examples/03-rebalance-listener/
 * (a consumer that commits and hands its state over on revoke) runs here in virtual time, with a
 * consumer joining, a crash and a long GC pause; its vitest tests are in the same folder.
 *
 * Run: npx tsx examples/03-rebalance-listener.ts
 */
import { VirtualGroup } from './03-rebalance-listener/group.js';

const g = await new VirtualGroup().start();
const show = (label: string) => console.log(`${label.padEnd(28)} ${[...g.owners()].map(([tp, o]) => `${tp}:${o.join('+')}`).join(' ')}`);
g.add('a');
await g.run(2_000);
show('a alone');
g.add('b');
await g.run(5_000);
show('b joined');
g.pause('b');
await g.run(15_000);
show('b paused (a zombie: frozen)');
g.resume('b');
await g.run(10_000);
show('b resumed and rejoined');
console.log(`commits: ${g.stores.commitLog.join(', ')}`);
if ([...g.owners().values()].some((o) => o.length !== 1)) throw new Error('a partition has two owners');
await g.stop();
