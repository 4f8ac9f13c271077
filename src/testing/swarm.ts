/**
 * Swarm testing (TigerBeetle's `options_swarm`): one seed draws a whole scenario, a protocol,
 * an assignor, a group size, timeouts, network faults and a schedule of crashes, stalls, cut
 * links, restarts and failovers, then heals everything, so that each seed explores a
 * different corner and liveness can be demanded at the end.
 */
import { assignorsFor, CONSUMER_PROTOCOL_AVAILABLE } from './nodes/protocols.js';
import { SimRng } from './rng.js';
import { scenario } from './scenario/builder.js';
import type { ScenarioBuilder } from './scenario/builder.js';
import { lastActionEndMs } from './scenario/actions.js';
import { defaultLivenessBoundMs } from './scenario/defaults.js';
import type { Protocol, Scenario } from './scenario/types.js';

/** Which protocols a swarm draws from (default: every protocol this build can run). */
export interface SwarmOptions {
  readonly protocols?: readonly Protocol[];
}

/** The protocols this build can simulate. */
export function availableProtocols(): Protocol[] {
  return CONSUMER_PROTOCOL_AVAILABLE ? ['eager', 'cooperative', 'consumer'] : ['eager', 'cooperative'];
}

function drawFaults(b: ScenarioBuilder, rng: SimRng, members: number, settings: { sessionTimeoutMs: number }): number {
  let next = members + 1;
  let t = 20_000;
  const faults = rng.intBetween(1, 6);
  for (let i = 0; i < faults; i++) {
    t += rng.intBetween(500, 15_000);
    const who = `c${rng.intBetween(1, members)}`;
    const forMs = rng.intBetween(1_000, settings.sessionTimeoutMs * 2);
    switch (rng.int(8)) {
      case 0:
        b.at(t).crash(who).at(t + forMs).start(who);
        break;
      case 1:
        b.at(t).pause(who, forMs);
        break;
      case 2:
        b.at(t).partition(who, forMs);
        break;
      case 3:
        b.at(t).stop(who).at(t + forMs).start(who);
        break;
      case 4:
        b.at(t).add(1);
        next++;
        break;
      case 5:
        b.at(t).failover();
        break;
      case 6:
        b.at(t).start(`c${rng.intBetween(1, next - 1)}`);
        break;
      default:
        b.at(t).rollingDeploy({ intervalMs: rng.intBetween(1_000, 10_000), downMs: rng.intBetween(0, 5_000) });
    }
    t += forMs;
  }
  return t;
}

/** The scenario seed `seed` draws. */
export function swarmScenario(seed: number, options: SwarmOptions = {}): Scenario {
  const rng = new SimRng(seed);
  const protocol = rng.pick(options.protocols ?? availableProtocols());
  const members = rng.intBetween(1, 8);
  const sessionTimeoutMs = rng.intBetween(6, 20) * 1_000;
  const settings = {
    sessionTimeoutMs,
    heartbeatIntervalMs: Math.floor(sessionTimeoutMs / rng.intBetween(3, 6)),
    maxPollIntervalMs: rng.intBetween(15, 40) * 1_000,
    requestTimeoutMs: rng.intBetween(5, 15) * 1_000,
    pollIntervalMs: rng.intBetween(200, 2_000),
    callbackMs: rng.intBetween(0, 200),
    static: rng.chance(0.4),
    autoCommit: rng.chance(0.5),
  };
  const b = scenario(`swarm-${seed}`)
    .protocol(protocol)
    .assignor(rng.pick(assignorsFor(protocol)))
    .topic('orders', rng.intBetween(1, 24), { ratePerSec: 50 })
    .members(members)
    .settings(settings)
    .network({
      latencyMs: rng.intBetween(0, 5),
      jitterMs: rng.chance(0.5) ? rng.intBetween(1, 20) : 0,
      dropRate: rng.chance(0.3) ? rng.float() * 0.05 : 0,
      duplicateRate: rng.chance(0.3) ? rng.float() * 0.05 : 0,
    })
    .initialRebalanceDelay(rng.intBetween(0, 3_000));
  if (rng.chance(0.3)) b.topic('payments', rng.intBetween(1, 8), { ratePerSec: 20 });
  const healAt = drawFaults(b, rng, members, settings);
  b.at(healAt).heal();
  const draft = b.duration(healAt + 1).build();
  // A rolling deploy may still be under way at the heal; liveness counts from its end.
  return { ...draft, durationMs: Math.max(healAt, lastActionEndMs(draft)) + defaultLivenessBoundMs(draft) + 10_000 };
}
