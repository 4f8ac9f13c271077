// The KIP-848 pair in the simulator: a seed gives the same run byte for byte, the presets pass
// every check and settle, static membership (group.instance.id, leave with epoch -2) keeps a
// rolling deploy from moving partitions, a restarted static member refused while its crashed
// predecessor still holds the instance id gets in once the session timer removes it, and
// duplicated heartbeats (whose answers the client never hears) do not leave partitions unowned;
// and the checkers hold the pair to what KIP-848 promises.
import { describe, expect, it } from 'vitest';
import { PackedTopicPartitions } from '../../src/protocol/topic-partitions.js';
import { PRESET_NAMES, presetScenario, scenario, simulate, swarmScenario } from '../../src/testing/index.js';
import { instrumentedKit, overrideMember, smallScenario } from './support.js';

describe('KIP-848 in the simulator', () => {
  it('gives the same run, trace line for trace line, for the same seed', () => {
    const s = swarmScenario(11, { protocols: ['consumer'] });
    expect(s.protocol).toBe('consumer');
    const a = simulate(s, { seed: 11, fullTrace: true });
    const b = simulate(s, { seed: 11, fullTrace: true });
    expect(a.failure).toBeNull();
    expect(a.trace?.join('\n')).toMatch(/ConsumerGroupHeartbeat/);
    expect(a.trace?.length).toBeGreaterThan(100);
    expect(b.trace).toEqual(a.trace);
    expect(b.digest).toBe(a.digest);
    expect(JSON.stringify(b.metrics)).toBe(JSON.stringify(a.metrics));
    expect(JSON.stringify(b.series)).toBe(JSON.stringify(a.series));
    expect(simulate(s, { seed: 12 }).digest).not.toBe(a.digest);
  });

  it.each(PRESET_NAMES.flatMap((name) => (['uniform', 'range'] as const).map((a) => [name, a] as const)))('%s under KIP-848 %s passes every check and settles', (name, assignor) => {
    const r = simulate(presetScenario(name, { protocol: 'consumer', assignor, members: 4, partitions: 16 }), { seed: 5 });
    expect(r.failure, r.failure?.message).toBeNull();
    expect(r.livenessChecked).toBe(true);
    expect(r.unsettledAtEnd).toEqual([]);
    expect(r.metrics.finalLag).toBe(0);
  });

  it('keeps partitions in place through a rolling deploy of static members, and moves them without', () => {
    const run = (isStatic: boolean) =>
      simulate(presetScenario('rolling-deploy', { protocol: 'consumer', assignor: 'uniform', members: 6, partitions: 48, static: isStatic }), { seed: 1 });
    const dynamic = run(false);
    const fixed = run(true);
    expect(dynamic.failure).toBeNull();
    expect(fixed.failure).toBeNull();
    expect(fixed.metrics.rebalances).toBe(0);
    expect(fixed.metrics.partitionsMoved).toBe(0);
    expect(dynamic.metrics.rebalances).toBeGreaterThan(0);
    expect(dynamic.metrics.partitionsMoved).toBeGreaterThan(0);
    // A static member leaves with epoch -2: the coordinator keeps its partitions, unowned meanwhile.
    expect(fixed.metrics.unownedPartitionSeconds).toBeGreaterThan(0);
  });

  it('lets a restarted static member in once its crashed predecessor is gone', () => {
    const s = scenario('static-crash')
      .protocol('consumer')
      .topic('orders', 8)
      .members(2)
      .settings({ static: true, sessionTimeoutMs: 10_000, heartbeatIntervalMs: 1_000 })
      .at(20_000)
      .crash('c2')
      .at(21_000)
      .start('c2')
      .duration(90_000)
      .livenessBound(40_000)
      .build();
    const r = simulate(s, { seed: 2, fullTrace: true });
    expect(r.failure, r.failure?.message).toBeNull();
    const trace = (r.trace ?? []).join('\n');
    expect(trace).toMatch(/error=111/);
    expect(trace).toMatch(/makes a new consumer/);
    expect(r.unsettledAtEnd).toEqual([]);
  });

  it('settles when heartbeats are duplicated and their answers lost', () => {
    const s = scenario('dup')
      .protocol('consumer')
      .topic('orders', 12)
      .members(4)
      .network({ latencyMs: 2, duplicateRate: 0.3 })
      .at(20_000)
      .add(2)
      .duration(120_000)
      .livenessBound(60_000)
      .build();
    const r = simulate(s, { seed: 4, fullTrace: true });
    expect(r.failure, r.failure?.message).toBeNull();
    expect((r.trace ?? []).some((l) => l.includes('nobody waits for it'))).toBe(true);
    expect(r.unsettledAtEnd).toEqual([]);
  });
});

describe('checkers on the KIP-848 pair', () => {
  const s = smallScenario('consumer');

  it('runs the small scenario clean', () => {
    const r = simulate(s, { seed: 4 });
    expect(r.failure, r.failure?.message).toBeNull();
    expect(r.unsettledAtEnd).toEqual([]);
  });

  it('catch two owners of a partition whatever their epochs (exclusive ownership across epochs)', () => {
    // c3 claims every partition once it has joined: KIP-848 forbids any overlap among members.
    const kit = instrumentedKit(s, {
      member: (name, m) =>
        name !== 'c3'
          ? m
          : overrideMember(m, {
              view: () => {
                const v = m.view();
                return v.epoch > 0 ? { ...v, owned: PackedTopicPartitions.from([['orders', [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]]]) } : v;
              },
            }),
    });
    const r = simulate(s, { seed: 4, kit });
    expect(r.failure?.kind).toBe('safety');
    expect(r.failure?.message).toMatch(/orders-\d+ owned by (c\d and c3|c3 and c\d)/);
  });

  it('catch a member epoch that goes backwards without fencing or a rejoin', () => {
    const kit = instrumentedKit(s, {
      member: (name, m) => (name !== 'c1' ? m : overrideMember(m, { view: () => { const v = m.view(); return v.epoch >= 3 ? { ...v, epoch: 1 } : v; } })),
    });
    const r = simulate(s, { seed: 4, kit });
    expect(r.failure?.message).toMatch(/c1#1 went from epoch \d+ back to 1/);
  });

  it('catch a member transition outside CONSUMER_MEMBER_TRANSITIONS', () => {
    const kit = instrumentedKit(s, { member: (_n, m) => overrideMember(m, { isValidTransition: (t) => !(t.from === 'ACKNOWLEDGING' && t.to === 'STABLE') }) });
    const r = simulate(s, { seed: 4, kit });
    expect(r.failure?.message).toMatch(/ACKNOWLEDGING -> STABLE/);
  });
});
