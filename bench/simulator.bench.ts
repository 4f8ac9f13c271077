/**
 * The simulator's speed: simulated seconds per wall second for a 100-member group of a
 * 1,000-partition topic through a rolling deploy (10 minutes of virtual time), with the
 * checkers on and off, and a 1,000-member group, under the classic cooperative pair
 * (cooperative-sticky) and the KIP-848 pair (uniform). Auto-commit is off (the KIP-848 pair
 * commits outside its coordinator); a case of its own shows the classic pair's cost of it. The
 * floor is the same group for the same time with no membership change (heartbeats and polls
 * only).
 */
import { measure, printTable } from './harness.js';
import type { BenchResult } from './harness.js';
import { scenario, simulate } from '../src/testing/index.js';
import type { Protocol, Scenario } from '../src/testing/index.js';

function group(members: number, partitions: number, durationMs: number, opts: { deploy: boolean; autoCommit?: boolean; intervalMs?: number; protocol?: Protocol }): Scenario {
  const b = scenario(opts.deploy ? 'rolling-deploy' : 'steady')
    .protocol(opts.protocol ?? 'cooperative')
    .topic('orders', partitions, { ratePerSec: 10 })
    .members(members)
    .settings({ autoCommit: opts.autoCommit ?? false, capacityPerSec: 1_000 })
    .duration(durationMs);
  if (opts.deploy) b.at(30_000).rollingDeploy({ intervalMs: opts.intervalMs ?? 5_000, downMs: 2_000 });
  return b.build();
}

/**
 * Times `runs` runs after one warm-up run, and reports the warm-up run too: the first run in a
 * process also pays for compiling the machines' code (the cost of a one-off `kgroup simulate`).
 */
function run(name: string, s: Scenario, checks: boolean, runs = 3): BenchResult {
  let last: ReturnType<typeof simulate> | undefined;
  const go = () => (last = simulate(s, { seed: 1, checks, traceLines: 0, memberSeries: false }));
  const t0 = performance.now();
  go();
  const firstMs = performance.now() - t0;
  const r = measure(name, go, { runs, warmup: 0 });
  const m = last?.metrics;
  r.extra = {
    'first run ms': firstMs.toFixed(0),
    'virtual s': s.durationMs / 1000,
    'virtual s / wall s': Math.round(s.durationMs / r.medianMs),
    events: last?.events ?? 0,
    rebalances: m?.rebalances ?? 0,
    'partitions moved': m?.partitionsMoved ?? 0,
    failure: last?.failure?.kind ?? 'none',
  };
  return r;
}

const TEN_MINUTES = 600_000;
const TWO_MINUTES = 120_000;
// The KIP-848 rolling deploy goes first, so that its first run is a fresh process's first run.
const results: BenchResult[] = [
  run('KIP-848: 100 members, 1,000 partitions: rolling deploy, checks on', group(100, 1_000, TEN_MINUTES, { deploy: true, protocol: 'consumer' }), true),
  run('KIP-848: 100 members, 1,000 partitions: rolling deploy, checks off', group(100, 1_000, TEN_MINUTES, { deploy: true, protocol: 'consumer' }), false),
  run('KIP-848 floor: 100 members, 1,000 partitions, no change', group(100, 1_000, TEN_MINUTES, { deploy: false, protocol: 'consumer' }), false),
  run('KIP-848: 1,000 members, 2,000 partitions: 1 min, 3 restarts, checks on', group(1_000, 2_000, 60_000, { deploy: true, intervalMs: 10_000, protocol: 'consumer' }), true, 1),
  run('100 members, 1,000 partitions: rolling deploy, checks on', group(100, 1_000, TEN_MINUTES, { deploy: true }), true),
  run('100 members, 1,000 partitions: rolling deploy, checks off', group(100, 1_000, TEN_MINUTES, { deploy: true }), false),
  run('floor: 100 members, 1,000 partitions, no change', group(100, 1_000, TEN_MINUTES, { deploy: false }), false),
  run('100 members, 1,000 partitions: 2 min of rolling deploy, auto-commit on', group(100, 1_000, TWO_MINUTES, { deploy: true, autoCommit: true }), false, 1),
  run('1,000 members, 2,000 partitions: 1 min, 3 restarts, checks on', group(1_000, 2_000, 60_000, { deploy: true, intervalMs: 10_000 }), true, 1),
];
printTable('simulator: KIP-848 pair (uniform) and classic cooperative pair (cooperative-sticky)', results);
