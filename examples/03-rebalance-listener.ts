/**
 * Unit-test rebalance logic in isolation: the application in examples/03-rebalance-listener/
 * (a consumer that commits and hands its state over on revoke) plugged into the deterministic
 * simulator (`kgroup/testing`) in virtual time, with a consumer joining, a crash and a long GC
 * pause; its vitest tests are in the same folder.
 *
 * Run: npx tsx examples/03-rebalance-listener.ts
 */
import { scenario, simulate, formatFailure, formatScenario } from '../src/testing/index.js';
import { orderCounter, Stores } from './03-rebalance-listener/order-counter.js';

const stores = new Stores();
const listener = orderCounter(stores);
const s = scenario('rebalance-listener')
  .protocol('cooperative')
  .topic('orders', 6, { ratePerSec: 50 })
  .members(2)
  .settings({ sessionTimeoutMs: 10_000, heartbeatIntervalMs: 1_000 })
  .at(20_000).add(1)              // c3 joins
  .at(40_000).pause('c2', 15_000) // a GC pause past the session timeout: c2 becomes a zombie
  .at(70_000).crash('c3')         // c3's process dies
  .duration(120_000)
  .build();
const r = simulate(s, { seed: 7, listeners: new Map(['c1', 'c2', 'c3'].map((m) => [m, listener])) });
if (r.failure) throw new Error(formatFailure(r.failure, formatScenario(s)));
for (const e of stores.events) if (e.atMs > 0) console.log(`${String(e.atMs).padStart(6)} ms  ${e.member} ${e.kind.padEnd(8)} ${e.partition} position=${e.position} committed=${e.committed}`);
console.log(`commits: ${stores.commitLog.join(', ')}`);
if (!stores.events.some((e) => e.kind === 'lost' && e.member === 'c2')) throw new Error('the zombie did not report its partitions lost');
