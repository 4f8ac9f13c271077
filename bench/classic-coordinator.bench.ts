/**
 * The classic group coordinator: a full join + sync round for 1,000 members, steady-state
 * heartbeats for groups of 100, 1,000 and 10,000 members, and the memory a member costs.
 * Each heartbeat case prints a floor measured in the same run: the cost of just writing out a
 * heartbeat's two outputs.
 *
 * Run: node --expose-gc --import tsx bench/classic-coordinator.bench.ts
 */
import { initialState, step } from '../src/classic/coordinator/index.js';
import type { ClassicCoordinatorInput, ClassicCoordinatorState } from '../src/classic/coordinator/index.js';
import { encodeSubscription } from '../src/protocol/consumer-protocol.js';
import { measure, printTable } from './harness.js';
import type { BenchResult } from './harness.js';

const METADATA = encodeSubscription({ topics: ['orders', 'payments', 'shipments'] });

function config() {
  return {
    groupId: 'bench',
    initialRebalanceDelayMs: 0,
    memberIdSource: (prefix: string, sequence: number) => `${prefix}-${sequence}`,
  };
}

function joinInput(i: number, memberId: string, apiVersion: number): ClassicCoordinatorInput {
  return {
    type: 'request',
    api: 'JoinGroup',
    requestId: i,
    apiVersion,
    clientId: 'consumer',
    clientHost: '/10.0.0.1',
    body: {
      groupId: 'bench',
      memberId,
      sessionTimeoutMs: 45_000,
      rebalanceTimeoutMs: 300_000,
      protocolType: 'consumer',
      protocols: [
        { name: 'range', metadata: METADATA },
        { name: 'cooperative-sticky', metadata: METADATA },
      ],
    },
  };
}

/** From nothing to Stable: every member joins (v4: twice), the join phase ends, everyone syncs. */
function fullRound(members: number, apiVersion: number): ClassicCoordinatorState {
  let s = initialState(config());
  let now = 0;
  const ids: string[] = [];
  for (let i = 0; i < members; i++) {
    const r = step(s, joinInput(i, '', apiVersion), now);
    s = r.state;
    if (apiVersion >= 4) {
      const out = r.outputs.find((o) => o.type === 'response');
      const id = out?.type === 'response' && out.api === 'JoinGroup' ? out.response.memberId : '';
      s = step(s, joinInput(members + i, id, apiVersion), now).state;
      ids.push(id);
    } else {
      ids.push(`consumer-${i + 1}`);
    }
  }
  now += 1;
  // The initial delay is extended once because members joined during it (KIP-134).
  for (let i = 0; i < 3 && s.group?.state === 'PreparingRebalance'; i++) s = step(s, { type: 'timer', key: 'join' }, now).state;
  const leader = s.group?.leaderId ?? '';
  const assignments = ids.map((memberId, i) => ({ memberId, assignment: new Uint8Array([i & 0xff, i >> 8]) }));
  for (const id of ids) {
    if (id === leader) continue;
    s = step(s, { type: 'request', api: 'SyncGroup', requestId: `s-${id}`, apiVersion: 3, body: { groupId: 'bench', memberId: id, generationId: 1, assignments: [] } }, now).state;
  }
  s = step(s, { type: 'request', api: 'SyncGroup', requestId: 's-leader', apiVersion: 3, body: { groupId: 'bench', memberId: leader, generationId: 1, assignments } }, now).state;
  if (s.group?.state !== 'Stable' || s.group.members.size !== members) throw new Error('the round did not reach Stable');
  return s;
}

function heartbeats(members: number, count: number): BenchResult {
  const stable = fullRound(members, 3);
  const inputs: ClassicCoordinatorInput[] = [];
  for (let i = 0; i < members; i++) {
    inputs.push({ type: 'request', api: 'Heartbeat', requestId: i, apiVersion: 4, body: { groupId: 'bench', memberId: `consumer-${i + 1}`, generationId: 1 } });
  }
  let sink = 0;
  const r = measure(`heartbeats, ${members.toLocaleString('en-US')} members (${count.toLocaleString('en-US')} per run)`, () => {
    let s = stable;
    for (let i = 0; i < count; i++) {
      const out = step(s, inputs[i % members] as ClassicCoordinatorInput, 1000 + i);
      s = out.state;
      sink += out.outputs.length;
    }
    if (s !== stable) throw new Error('a heartbeat changed the state');
  }, { runs: 7, warmup: 2 });
  const floor = measure('floor', () => {
    for (let i = 0; i < count; i++) {
      const outputs = [
        { type: 'schedule-timer', key: 'heartbeat-' + String(i % members), deadlineMs: i + 45_000 },
        { type: 'response', api: 'Heartbeat', requestId: i, apiVersion: 4, response: { errorCode: 0 } },
      ];
      sink += outputs.length;
    }
  }, { runs: 7, warmup: 2 });
  if (sink === 0) throw new Error('nothing ran');
  const perOpNs = (r.medianMs * 1e6) / count;
  r.extra = {
    'heartbeats/s': Math.round(count / (r.medianMs / 1000)).toLocaleString('en-US'),
    'ns/heartbeat': perOpNs.toFixed(0),
    'floor ns': ((floor.medianMs * 1e6) / count).toFixed(0),
  };
  return r;
}

function memoryPerMember(members: number): BenchResult {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('run with --expose-gc');
  gc();
  gc();
  const before = process.memoryUsage().heapUsed;
  const state = fullRound(members, 3);
  gc();
  gc();
  const after = process.memoryUsage().heapUsed;
  const bytes = (after - before) / members;
  // Keep the state alive until after the measurement.
  if (state.group === null) throw new Error('no group');
  return {
    name: `memory, ${members.toLocaleString('en-US')} Stable members`,
    medianMs: 0,
    minMs: 0,
    runs: 1,
    extra: { 'bytes/member': Math.round(bytes), 'MiB total': ((after - before) / 2 ** 20).toFixed(2), 'metadata bytes/member': METADATA.length * 2 + 2 },
  };
}

const rounds = [
  measure('join + sync round, 1,000 members (JoinGroup v3)', () => fullRound(1000, 3), { runs: 9, warmup: 3 }),
  measure('join + sync round, 1,000 members (JoinGroup v4: MEMBER_ID_REQUIRED first)', () => fullRound(1000, 4), { runs: 9, warmup: 3 }),
  measure('join + sync round, 10,000 members (JoinGroup v4)', () => fullRound(10_000, 4), { runs: 3, warmup: 1 }),
];
printTable('Classic coordinator: a full rebalance round (target: <= 50 ms for 1,000 members)', rounds);

const hb = [heartbeats(100, 200_000), heartbeats(1000, 200_000), heartbeats(10_000, 200_000)];
const ratio = (hb[2] as BenchResult).medianMs / (hb[0] as BenchResult).medianMs;
printTable(`Classic coordinator: steady-state heartbeats (target: >= 200,000/s; cost at 10,000 / cost at 100 = ${ratio.toFixed(2)}, target <= 1.5)`, hb);

printTable('Classic coordinator: memory', [memoryPerMember(10_000)]);
