// The scenario language: the builder and the text form describe the same scenarios, the text
// form round-trips, and bad input gets a message that names the line and the problem.
import { describe, expect, it } from 'vitest';
import { formatScenario, parseDuration, parseScenario, PRESET_NAMES, presetScenario, scenario, swarmScenario } from '../../src/testing/index.js';

describe('text form', () => {
  it.each(PRESET_NAMES)('round-trips preset %s', (name) => {
    const s = presetScenario(name, { protocol: 'cooperative', static: true, members: 5, partitions: 20 });
    expect(parseScenario(formatScenario(s))).toEqual(s);
  });

  it('round-trips swarm scenarios, fault probabilities included', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const s = swarmScenario(seed);
      expect(parseScenario(formatScenario(s))).toEqual(s);
    }
  });

  it('reads what the builder writes', () => {
    const text = `
# a deploy with a crash in the middle
scenario deploy
protocol eager
topic orders partitions=24 rate=50
topic payments partitions=6
members 4
settings session-timeout=10s heartbeat-interval=1s static=true
network latency=2ms jitter=3ms drop=0.01
duration 5m
at 30s rolling-deploy interval=15s down=2s
at 45s crash c2
at 50s partition c3 for=20s
`;
    const built = scenario('deploy')
      .protocol('eager')
      .topic('orders', 24, { ratePerSec: 50 })
      .topic('payments', 6)
      .members(4)
      .settings({ sessionTimeoutMs: 10_000, heartbeatIntervalMs: 1_000, static: true })
      .network({ latencyMs: 2, jitterMs: 3, dropRate: 0.01 })
      .duration(300_000)
      .at(30_000).rollingDeploy({ intervalMs: 15_000, downMs: 2_000 })
      .at(45_000).crash('c2')
      .at(50_000).partition('c3', 20_000)
      .build();
    expect(parseScenario(text)).toEqual(built);
    expect(built.assignor).toBe('range');
  });

  it.each([
    ['members 0', /members=0 must be an integer from 1/],
    ['members 99999999', /members=99999999 must be an integer from 1 to 20000/],
    ['topic orders partitions=4 rate=-5', /topic orders rate=-5 must be a number >= 0/],
    ['protocol lazy', /line 1: unknown protocol 'lazy'/],
    ['protocol eager\nassignor cooperative-sticky', /assignor 'cooperative-sticky' does not run the eager protocol/],
    ['at 10s explode c1', /line 1: unknown action 'explode'/],
    ['at 10s crash c9', /action crash names member 'c9', which the scenario never starts/],
    ['at 10s pause c1', /line 1: pause needs for=/],
    ['settings session-timeout=ten', /line 1: session-timeout 'ten' is not a duration/],
    ['settings colour=blue', /line 1: settings does not take colour=/],
    ['network drop=2', /network drop=2 must be a number from 0 to 1/],
    ['at 20s heal\nat 10s heal', /actions must be in time order/],
    ['flibble 3', /line 1: unknown statement 'flibble'/],
  ])('rejects %j with a clear message', (text, message) => {
    expect(() => parseScenario(text)).toThrow(message);
  });

  it('parses durations with units', () => {
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration('30s')).toBe(30_000);
    expect(parseDuration('5m')).toBe(300_000);
    expect(parseDuration('1500')).toBe(1_500);
    expect(() => parseDuration('-3s')).toThrow(/not a duration/);
  });
});
