// Properties of the classic coordinator over random request schedules (fast-check): no
// exception escapes for any peer input, generations never go backwards (except across a
// failover, which restores the last recorded one), the leader is a member in
// CompletingRebalance and Stable, every Stable member holds the assignment recorded for the
// current generation, the derived counters agree with the member table, each request is
// answered at most once, replay reproduces the group after every step (the harness checks it),
// and the same schedule gives the same transcript.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClassicCoordinatorInput, ClassicCoordinatorOutput, ClassicGroupRecord } from '../../../src/classic/coordinator/index.js';
import { CoordinatorHarness, subscriptionBytes } from './harness.js';

type Cmd =
  | { kind: 'join'; who: number; version: number; instance: number; protocols: number; session: number; rebalance: number }
  | { kind: 'sync'; who: number; instance: number; genDelta: number; assign: number[]; version: number }
  | { kind: 'heartbeat'; who: number; instance: number; genDelta: number }
  | { kind: 'leave'; who: number[]; instance: number; version: number }
  | { kind: 'commit'; who: number; genDelta: number }
  | { kind: 'fetch' }
  | { kind: 'advance'; ms: number }
  | { kind: 'garbage'; api: number; version: number; body: unknown }
  | { kind: 'leader-sync'; skip: number }
  | { kind: 'member-step'; who: number; api: number }
  | { kind: 'reload' }
  | { kind: 'unload' };

const PROTOCOL_SETS = [['range'], ['range', 'roundrobin'], ['roundrobin', 'range'], ['roundrobin'], ['sticky', 'range']];
const INSTANCES = [null, 'i1', 'i2', '__proto__'];
const APIS = ['JoinGroup', 'SyncGroup', 'Heartbeat', 'LeaveGroup', 'OffsetCommit', 'OffsetFetch'] as const;

const who = fc.integer({ min: 0, max: 9 });
const cmd: fc.Arbitrary<Cmd> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('join' as const), who, version: fc.constantFrom(1, 3, 4, 5, 8, 9), instance: fc.nat(3), protocols: fc.nat(4), session: fc.constantFrom(5, 1000, 5000, 5000), rebalance: fc.constantFrom(50, 500, 2000) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('sync' as const), who, instance: fc.nat(3), genDelta: fc.constantFrom(0, 0, 0, -1, 1), assign: fc.array(fc.nat(9), { maxLength: 4 }), version: fc.constantFrom(3, 5) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('heartbeat' as const), who, instance: fc.nat(3), genDelta: fc.constantFrom(0, 0, -1, 1) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('leave' as const), who: fc.array(who, { minLength: 1, maxLength: 3 }), instance: fc.nat(3), version: fc.constantFrom(1, 3, 5) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('commit' as const), who, genDelta: fc.constantFrom(0, -1, 1, -99) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'fetch' as const }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('advance' as const), ms: fc.constantFrom(1, 10, 50, 120, 600, 3000) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('garbage' as const), api: fc.nat(5), version: fc.integer({ min: -1, max: 11 }), body: fc.anything() }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('leader-sync' as const), skip: fc.nat(5) }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('member-step' as const), who, api: fc.nat(2) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'reload' as const }) },
);

/** PROPERTY_RUNS=n runs more (or fewer) schedules. */
const RUNS = Number(process.env['PROPERTY_RUNS'] ?? 300);

/** How often each state was seen, so that the test can show its schedules reach them all. */
const reached = new Map<string, number>();

/** Runs a schedule, checking invariants after every step; returns the transcript. */
function runSchedule(cmds: readonly Cmd[]): string[] {
  const h = new CoordinatorHarness({
    groupId: 'group',
    initialRebalanceDelayMs: 100,
    newMemberJoinTimeoutMs: 3000,
    minSessionTimeoutMs: 10,
    maxSessionTimeoutMs: 600_000,
    maxSize: 4,
    memberIdSource: (prefix, sequence) => `${prefix}-${sequence}`,
  });
  const ids: string[] = ['', 'unknown', '__proto__'];
  const answered = new Set<string>();
  const transcript: string[] = [];
  let minGeneration = 0;
  let lastGroupRecord: ClassicGroupRecord | undefined;
  let req = 0;

  const memberId = (i: number) => ids[i % ids.length] as string;
  const generation = (delta: number) => (h.state.group?.generationId ?? 0) + delta;
  const observe = (outputs: readonly ClassicCoordinatorOutput[]) => {
    for (const o of outputs) {
      transcript.push(JSON.stringify(o, (_k, v: unknown) => (v instanceof Uint8Array ? [...v] : v)));
      if (o.type === 'response') {
        const key = String(o.requestId);
        expect(answered.has(key), `request ${key} answered twice`).toBe(false);
        answered.add(key);
        if (o.api === 'JoinGroup' && o.response.memberId !== '' && !ids.includes(o.response.memberId)) ids.push(o.response.memberId);
      }
      if (o.type === 'record' && o.record.type === 'GroupMetadata') lastGroupRecord = o.record;
    }
    checkInvariants();
  };
  const checkInvariants = () => {
    const g = h.state.group;
    if (g === null) return;
    reached.set(g.state, (reached.get(g.state) ?? 0) + 1);
    expect(g.generationId).toBeGreaterThanOrEqual(minGeneration);
    minGeneration = g.generationId;
    let awaiting = 0;
    const counts = new Map<string, number>();
    g.members.forEach((m, id) => {
      expect(m.memberId).toBe(id);
      if (m.awaitingJoin !== null) awaiting++;
      for (const p of m.protocols) counts.set(p.name, (counts.get(p.name) ?? 0) + 1);
      if (m.groupInstanceId !== null) expect(g.staticMembers.get(m.groupInstanceId)).toBe(id);
    });
    if (g.state !== 'Dead') expect(g.awaitingJoinCount).toBe(awaiting);
    expect(new Map([...g.supportedProtocols].filter(([, n]) => n > 0))).toEqual(counts);
    expect(g.staticMembers.size).toBe([...g.members.values()].filter((m) => m.groupInstanceId !== null).length);
    if (g.state === 'CompletingRebalance' || g.state === 'Stable') {
      expect(g.leaderId !== null && g.members.has(g.leaderId), `leader ${String(g.leaderId)} is a member`).toBe(true);
    }
    if (g.state === 'Stable') {
      // Every member holds what the GroupMetadata record of this generation assigned it.
      const value = lastGroupRecord?.type === 'GroupMetadata' ? lastGroupRecord.value : null;
      expect(value?.generation).toBe(g.generationId);
      const recorded = new Map((value?.members ?? []).map((m) => [m.memberId, [...m.assignment]]));
      g.members.forEach((m, id) => expect(recorded.get(id), `assignment of ${id}`).toEqual([...m.assignment]));
    }
  };
  const request = (api: (typeof APIS)[number], apiVersion: number, body: unknown) => {
    req += 1;
    const input = { type: 'request', api, requestId: `r${req}`, apiVersion, clientId: 'c', body } as ClassicCoordinatorInput;
    observe(h.apply(input));
  };

  for (const c of cmds) {
    switch (c.kind) {
      case 'join':
        request('JoinGroup', c.version, {
          groupId: 'group',
          memberId: memberId(c.who),
          groupInstanceId: c.version >= 5 ? INSTANCES[c.instance] : null,
          sessionTimeoutMs: c.session,
          rebalanceTimeoutMs: c.rebalance,
          protocolType: 'consumer',
          protocols: (PROTOCOL_SETS[c.protocols] as string[]).map((name) => ({ name, metadata: subscriptionBytes(['foo']) })),
        });
        break;
      case 'sync':
        request('SyncGroup', c.version, {
          groupId: 'group',
          memberId: memberId(c.who),
          groupInstanceId: INSTANCES[c.instance],
          generationId: generation(c.genDelta),
          protocolType: c.version >= 5 ? 'consumer' : null,
          protocolName: c.version >= 5 ? (h.state.group?.protocolName ?? 'range') : null,
          assignments: c.assign.map((i) => ({ memberId: memberId(i), assignment: new Uint8Array([i]) })),
        });
        break;
      case 'heartbeat':
        request('Heartbeat', 4, { groupId: 'group', memberId: memberId(c.who), groupInstanceId: INSTANCES[c.instance], generationId: generation(c.genDelta) });
        break;
      case 'leave':
        if (c.version < 3) request('LeaveGroup', c.version, { groupId: 'group', memberId: memberId(c.who[0] ?? 0) });
        else request('LeaveGroup', c.version, { groupId: 'group', members: c.who.map((w, k) => ({ memberId: memberId(w), groupInstanceId: k === 0 ? INSTANCES[c.instance] : null })) });
        break;
      case 'commit':
        request('OffsetCommit', 9, {
          groupId: 'group',
          memberId: c.genDelta === -99 ? '' : memberId(c.who),
          generationIdOrMemberEpoch: c.genDelta === -99 ? -1 : generation(c.genDelta),
          topics: [{ name: 'foo', partitions: [{ partitionIndex: c.who % 3, committedOffset: req }] }],
        });
        break;
      case 'fetch':
        request('OffsetFetch', 9, { groupId: 'group', topics: null });
        break;
      case 'advance':
        for (const f of h.advance(c.ms)) observe(f.outputs);
        break;
      case 'garbage':
        request(APIS[c.api] as (typeof APIS)[number], c.version, c.body);
        break;
      case 'leader-sync': {
        // The leader's sync with the right generation, assigning every member but one byte each.
        const g = h.state.group;
        const members = g === null ? [] : [...g.members.keys()].sort();
        const assignments = members.filter((_, k) => k !== c.skip).map((m, k) => ({ memberId: m, assignment: new Uint8Array([k + 1]) }));
        request('SyncGroup', 3, { groupId: 'group', memberId: g?.leaderId ?? '', generationId: generation(0), assignments });
        break;
      }
      case 'member-step': {
        // A current member does the right thing: rejoin, sync or heartbeat at the right generation.
        const g = h.state.group;
        const members = g === null ? [] : [...g.members.values()].sort((a, b) => (a.memberId < b.memberId ? -1 : 1));
        const m = members[c.who % Math.max(members.length, 1)];
        if (m === undefined) break;
        const base = { groupId: 'group', memberId: m.memberId, groupInstanceId: m.groupInstanceId };
        if (c.api === 0) {
          request('JoinGroup', 9, { ...base, sessionTimeoutMs: m.sessionTimeoutMs, rebalanceTimeoutMs: m.rebalanceTimeoutMs, protocolType: 'consumer', protocols: m.protocols });
        } else if (c.api === 1) {
          request('SyncGroup', 3, { ...base, generationId: generation(0), assignments: [] });
        } else {
          request('Heartbeat', 4, { ...base, generationId: generation(0) });
        }
        break;
      }
      case 'reload':
        // A failover restores the last recorded generation, which may be older than the live one.
        minGeneration = 0;
        observe(h.load(h.records));
        break;
      case 'unload':
        observe(h.apply({ type: 'unload' }));
        break;
    }
  }
  // Every schedule ends with the coordinator giving the group up: parked requests are answered.
  observe(h.apply({ type: 'unload' }));
  const g = h.state.group;
  if (g !== null) g.members.forEach((m) => expect(m.awaitingJoin === null && m.awaitingSync === null).toBe(true));
  return transcript;
}

describe('classic coordinator properties', () => {
  it('keeps its invariants, and replay agrees, over random schedules', () => {
    fc.assert(
      fc.property(fc.array(cmd, { minLength: 20, maxLength: 100, size: 'max' }), (cmds) => {
        runSchedule(cmds);
      }),
      { numRuns: RUNS },
    );
    // The schedules must exercise every state, or the invariants above prove little.
    for (const state of ['Empty', 'PreparingRebalance', 'CompletingRebalance', 'Stable', 'Dead']) {
      expect(reached.get(state) ?? 0, `steps seen in ${state}`).toBeGreaterThan(20);
    }
  });

  it('gives the same transcript for the same schedule', () => {
    fc.assert(
      fc.property(fc.array(cmd, { minLength: 10, maxLength: 60, size: 'max' }), (cmds) => {
        expect(runSchedule(cmds)).toEqual(runSchedule(cmds));
      }),
      { numRuns: 50 },
    );
  });
});
