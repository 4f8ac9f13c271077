/**
 * The server-side (KIP-848) assignors: target assignment for 10,000 members over 100 and 1,000
 * topics with 10 partitions per member (100,000 partitions), uniform and range, homogeneous and
 * heterogeneous, fresh (nobody holds anything) and incremental (one member joins a balanced
 * group). The incremental homogeneous uniform case is also measured through the whole
 * TargetAssignmentBuilder (spec, assignor, diff and records), as Kafka publishes both figures
 * (about 2 ms and 3.4 ms). Each case prints a floor: the cost of just building the output sets.
 *
 * Run: node --expose-gc --import tsx bench/server-assignors.bench.ts
 */
import { createGroupSpec, createTopicDescriber } from '../src/assignors/server/group-spec.js';
import type { GroupSpecMember } from '../src/assignors/server/group-spec.js';
import { serverRangeAssignor } from '../src/assignors/server/range.js';
import type { GroupAssignment, ServerAssignor, SubscriptionType } from '../src/assignors/server/types.js';
import { uniformAssignor } from '../src/assignors/server/uniform.js';
import { applyRecord, newMember } from '../src/consumer/coordinator/group.js';
import { buildMetadataImage } from '../src/consumer/coordinator/metadata.js';
import { memberMetadataRecord, targetAssignmentRecord } from '../src/consumer/coordinator/records.js';
import { buildTargetAssignment } from '../src/consumer/coordinator/target-assignment.js';
import type { ConsumerGroup } from '../src/consumer/coordinator/types.js';
import { PackedTopicPartitions, TopicPartitionsBuilder, type TopicPartitions } from '../src/protocol/topic-partitions.js';
import { measure, printTable } from './harness.js';
import type { BenchResult } from './harness.js';

const MEMBERS = 10_000;
const PARTITIONS_PER_MEMBER = 10;

interface Case {
  readonly topics: number;
  readonly type: SubscriptionType;
}

function topicIds(n: number): string[] {
  return Array.from({ length: n }, (_, t) => `topic-${String(t).padStart(4, '0')}`);
}

function memberId(i: number): string {
  return `member-${String(i).padStart(6, '0')}`;
}

/** Heterogeneous: four member cohorts, each subscribed to a different three quarters of the topics. */
function subscription(c: Case, i: number, ids: readonly string[]): Set<string> {
  if (c.type === 'HOMOGENEOUS') return new Set(ids);
  const cohort = i % 4;
  return new Set(ids.filter((_, t) => t % 4 !== cohort));
}

function members(c: Case, count: number, current?: GroupAssignment): Map<string, GroupSpecMember> {
  const ids = topicIds(c.topics);
  const subs = [0, 1, 2, 3].map((k) => subscription(c, k, ids));
  const out = new Map<string, GroupSpecMember>();
  for (let i = 0; i < count; i++) {
    const id = memberId(i);
    const assignment = current?.get(id);
    out.set(id, { subscription: { rackId: null, instanceId: null, subscribedTopicIds: subs[c.type === 'HOMOGENEOUS' ? 0 : i % 4] as Set<string> }, ...(assignment === undefined ? {} : { assignment }) });
  }
  return out;
}

function describer(c: Case) {
  const perTopic = (MEMBERS * PARTITIONS_PER_MEMBER) / c.topics;
  return createTopicDescriber(new Map(topicIds(c.topics).map((id) => [id, { partitions: perTopic }])));
}

function floorFor(out: GroupAssignment): () => unknown {
  const sets = [...out.values()].map((tp) => [...tp].map(([t, ps]) => [t, [...ps]] as const));
  return () => sets.map((entries) => {
    const b = new TopicPartitionsBuilder();
    for (const [t, ps] of entries) for (const p of ps) b.add(t, p);
    return b.build();
  });
}

function assignorCases(name: string, assignor: ServerAssignor, c: Case): BenchResult[] {
  const d = describer(c);
  const freshSpec = createGroupSpec(members(c, MEMBERS), { subscriptionType: c.type });
  const label = `${name} ${c.type.toLowerCase()} ${c.topics} topics`;
  let out: GroupAssignment = new Map();
  const fresh = measure(`${label}, fresh`, () => (out = assignor.assign(freshSpec, d)), { runs: 3, warmup: 1 });
  const floor = measure('floor', floorFor(out), { runs: 3 });
  const grown = members(c, MEMBERS + 1, out);
  const incSpec = createGroupSpec(grown, { subscriptionType: c.type });
  // Millisecond cases get a longer warm-up (the JIT is still tiering up after two runs), as
  // Kafka's JMH figures do; cases of a second or so are stable after one.
  const quick = fresh.medianMs < 100;
  const inc = measure(`${label}, one member joins`, () => assignor.assign(incSpec, d), quick ? { runs: 15, warmup: 10 } : { runs: 5, warmup: 1 });
  return [
    { ...fresh, extra: { 'floor ms': floor.medianMs.toFixed(2) } },
    { ...inc, extra: { 'floor ms': floor.medianMs.toFixed(2) } },
  ];
}

/** The whole TargetAssignmentBuilder for the incremental homogeneous uniform case. */
function builderCase(topics: number): BenchResult {
  const c: Case = { topics, type: 'HOMOGENEOUS' };
  const first = uniformAssignor.assign(createGroupSpec(members(c, MEMBERS), { subscriptionType: 'HOMOGENEOUS' }), describer(c));
  const names = topicIds(topics);
  const metadata = buildMetadataImage(names.map((id) => ({ topicId: id, name: id, partitions: (MEMBERS * PARTITIONS_PER_MEMBER) / topics })));
  let g: ConsumerGroup | null = null;
  for (let i = 0; i <= MEMBERS; i++) {
    const id = memberId(i);
    g = applyRecord(g, memberMetadataRecord('bench', { ...newMember(id), subscribedTopicNames: names }));
    const tp = first.get(id);
    if (tp !== undefined && tp.size > 0) g = applyRecord(g, targetAssignmentRecord('bench', id, PackedTopicPartitions.from(tp as TopicPartitions)));
  }
  const group = g as ConsumerGroup;
  let records = 0;
  const r = measure(`TargetAssignmentBuilder, uniform homogeneous ${topics} topics, one member joins`, () => {
    const res = buildTargetAssignment({ group, targetEpoch: 2, assignor: uniformAssignor, subscriptionType: 'HOMOGENEOUS', metadata, trusted: true });
    records = res.ok ? res.records.length : -1;
  }, { runs: 15, warmup: 10 });
  return { ...r, extra: { records } };
}

const results: BenchResult[] = [];
// BENCH_ONLY=builder runs only the TargetAssignmentBuilder cases.
const builderOnly = process.env['BENCH_ONLY'] === 'builder';
for (const topics of builderOnly ? [] : [100, 1000]) {
  for (const type of ['HOMOGENEOUS', 'HETEROGENEOUS'] as const) {
    results.push(...assignorCases('uniform', uniformAssignor, { topics, type }));
    results.push(...assignorCases('range', serverRangeAssignor, { topics, type }));
  }
}
results.push(builderCase(100), builderCase(1000));
printTable(`server assignors, ${MEMBERS.toLocaleString('en-US')} members, ${PARTITIONS_PER_MEMBER} partitions per member`, results);
