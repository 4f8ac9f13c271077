/** Helpers for the simulator's tests: small scenarios and instrumented machines. */
import { protocolKit, scenario } from '../../src/testing/index.js';
import type { CoordinatorAdapter, MemberAdapter, ProtocolKit, Scenario } from '../../src/testing/index.js';

/** A small cooperative group with one crash and its restart. */
export function smallScenario(protocol: 'eager' | 'cooperative' | 'consumer' = 'cooperative'): Scenario {
  return scenario('small')
    .protocol(protocol)
    .topic('orders', 12)
    .members(3)
    .settings({ sessionTimeoutMs: 10_000, heartbeatIntervalMs: 1_000, maxPollIntervalMs: 20_000, requestTimeoutMs: 5_000 })
    .network({ latencyMs: 2, jitterMs: 5 })
    .at(20_000)
    .crash('c2')
    .at(40_000)
    .start('c2')
    .duration(120_000)
    .livenessBound(60_000)
    .build();
}

/** The scenario's own machines, with members and the coordinator wrapped by `wrap`. */
export function instrumentedKit(
  s: Scenario,
  wrap: { member?: (name: string, m: MemberAdapter) => MemberAdapter; coordinator?: (c: CoordinatorAdapter) => CoordinatorAdapter },
): ProtocolKit {
  const kit = protocolKit(s);
  return {
    epochSurvivesFailover: kit.epochSurvivesFailover,
    exclusiveAcrossEpochs: kit.exclusiveAcrossEpochs,
    duplicateLosesAnswer: kit.duplicateLosesAnswer === true,
    coordinator: () => (wrap.coordinator ?? ((c) => c))(kit.coordinator()),
    member: (name) => (wrap.member ?? ((_, m) => m))(name, kit.member(name)),
  };
}

/** A member adapter that forwards everything to `inner` except what `override` replaces. */
export function overrideMember(inner: MemberAdapter, override: Partial<MemberAdapter>): MemberAdapter {
  return {
    start: (n) => inner.start(n),
    response: (r, n) => inner.response(r, n),
    requestFailed: (id, n) => inner.requestFailed(id, n),
    tick: (n) => inner.tick(n),
    poll: (p, n) => inner.poll(p, n),
    callbackDone: (id, n) => inner.callbackDone(id, n),
    close: (n) => inner.close(n),
    nextDeadlineMs: () => inner.nextDeadlineMs(),
    view: () => inner.view(),
    settledIn: (c) => inner.settledIn(c),
    isValidEpochChange: (a, b) => inner.isValidEpochChange(a, b),
    isValidTransition: (t) => inner.isValidTransition(t),
    ...override,
  };
}
