/**
 * range and roundrobin on Kafka's large uniform case (topics t000..t499 x 2,000 partitions =
 * 1,000,000 partitions, members c0000..c1999 all subscribed to all), next to KafkaJS's
 * round-robin assigner on the same group and a floor measured in the same run: the cost of
 * writing out an answer of that size (2,000 PackedTopicPartitions of 500 partitions each,
 * built with fromNormalized).
 *
 * Two more range rows show the cost of racks on the same group: members on racks r0..r2 (i mod
 * 3) with every partition replicated on all three racks (rack-aware logic stays off, as in
 * Kafka, but every topic's racks are examined), and with each partition on two of the three
 * racks (rack-aware logic runs, co-partitioned pass included).
 *
 * Memory: "retained" is what one call's result still holds after a full GC (JS heap plus array
 * buffers, where packed outputs keep their partitions); "peak" is the peak RSS of a fresh process
 * running that one case, minus the peak of a process that only builds the input (so the group
 * itself and Node are not counted).
 *
 * Run: node --expose-gc --import tsx bench/assignors-simple.bench.ts
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import kafkajs from 'kafkajs';
import { rangeAssignor, roundRobinAssignor, type PartitionAssignor } from '../src/assignors/index.js';
import { PackedTopicPartitions } from '../src/protocol/index.js';
import type { GroupMember, TopicMetadata } from '../src/protocol/types.js';
import { measure, printTable, type BenchResult } from './harness.js';

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const TOPICS = Array.from({ length: 500 }, (_, t) => `t${pad(t, 3)}`);
const PARTITIONS = 2000;
const MEMBERS = 2000;

interface Group {
  topics: Map<string, TopicMetadata>;
  members: GroupMember[];
}

const RACKS = ['r0', 'r1', 'r2'];

/**
 * Every member with its own copy of the topic list, as decoded subscriptions would have. With
 * `replicaRacks` (1..3), members get racks and partition p has replicas on that many racks
 * starting at rack p mod 3.
 */
function largeGroup(replicaRacks = 0): Group {
  const racksOf = (p: number) => Array.from({ length: replicaRacks }, (_, j) => RACKS[(p + j) % 3] as string);
  const topics = new Map(
    TOPICS.map((name): [string, TopicMetadata] => [
      name,
      replicaRacks === 0 ? { partitions: PARTITIONS } : { partitions: PARTITIONS, partitionRacks: Array.from({ length: PARTITIONS }, (_, p) => racksOf(p)) },
    ]),
  );
  const members = Array.from({ length: MEMBERS }, (_, i) => ({
    memberId: `c${pad(i, 4)}`,
    subscription: replicaRacks === 0 ? { topics: [...TOPICS] } : { topics: [...TOPICS], rackId: RACKS[i % 3] as string },
  }));
  return { topics, members };
}

/** The floor: 2,000 packed sets of 500 partitions each (one per topic), the size of the answer. */
function floor(): PackedTopicPartitions[] {
  const names = Object.freeze([...TOPICS]);
  const out: PackedTopicPartitions[] = [];
  for (let m = 0; m < MEMBERS; m++) {
    const starts = new Int32Array(TOPICS.length + 1);
    const partitions = new Int32Array(TOPICS.length);
    for (let t = 0; t < TOPICS.length; t++) {
      starts[t + 1] = t + 1;
      partitions[t] = m;
    }
    out.push(PackedTopicPartitions.fromNormalized(names, starts, partitions));
  }
  return out;
}

/** KafkaJS's round-robin assigner over the same group: it reads partitions from a cluster and returns encoded assignments. */
function kafkajsRoundRobin(): () => Promise<unknown> {
  const { AssignerProtocol, PartitionAssigners } = kafkajs;
  const partitionMetadata = Array.from({ length: PARTITIONS }, (_, partitionId) => ({ partitionId }));
  const cluster = { findTopicPartitionMetadata: () => partitionMetadata };
  const assigner = PartitionAssigners.roundRobin({ cluster } as unknown as Parameters<typeof PartitionAssigners.roundRobin>[0]);
  const members = Array.from({ length: MEMBERS }, (_, i) => ({
    memberId: `c${pad(i, 4)}`,
    memberMetadata: AssignerProtocol.MemberMetadata.encode({ version: 0, topics: [...TOPICS], userData: Buffer.alloc(0) }),
  }));
  return () => assigner.assign({ members, topics: [...TOPICS] });
}

/** Like the harness's measure, for an async case. */
async function measureAsync(name: string, fn: () => Promise<unknown>, runs: number, warmup: number): Promise<BenchResult> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { name, medianMs: times[Math.floor(times.length / 2)] as number, minMs: times[0] as number, runs };
}

/** MiB still held by what `fn` returns, after a full GC (JS heap plus array buffers). */
async function retainedMiB(fn: () => unknown): Promise<number> {
  const before = await settledUse();
  const result: unknown = await fn();
  const after = await settledUse();
  return result === undefined ? 0 : (after - before) / 2 ** 20;
}

/** Heap plus array buffers after full GCs, giving the sweeper of array buffer memory time to run. */
async function settledUse(): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

// --- peak memory, one fresh process per case ---------------------------------------------------

const PEAK_CASE = 'KGROUP_BENCH_PEAK_CASE';

async function runPeakCase(which: string): Promise<void> {
  // 'range-racks-N' and its baseline 'none-racks-N' use a group with N replica racks per partition.
  const racks = /-racks-(\d)$/.exec(which);
  const group = largeGroup(racks === null ? 0 : Number(racks[1]));
  const keep: unknown[] = [];
  if (which === 'range' || which.startsWith('range-racks')) keep.push(rangeAssignor.assign(group));
  else if (which === 'roundrobin') keep.push(roundRobinAssignor.assign(group));
  else if (which === 'kafkajs') keep.push(await kafkajsRoundRobin()());
  else if (which === 'floor') keep.push(floor());
  process.stdout.write(`${JSON.stringify({ maxRssKiB: process.resourceUsage().maxRSS, kept: keep.length })}\n`);
}

/** Peak RSS (MiB) of a fresh process running `which`, over one that only builds the input. */
function peakMiB(which: string, baselineKiB: number): number {
  return (peakRssKiB(which) - baselineKiB) / 1024;
}

function peakRssKiB(which: string): number {
  const r = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url)], {
    env: { ...process.env, [PEAK_CASE]: which },
    encoding: 'utf8',
  });
  const line = r.stdout.trim().split('\n').pop() ?? '';
  return (JSON.parse(line) as { maxRssKiB: number }).maxRssKiB;
}

// --- the run ------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const group = largeGroup();
  const heavy = { runs: 11, warmup: 3 };
  const floorResult = measure('floor: write 2,000 x 500 partitions', floor, heavy);
  const baseline = peakRssKiB('none');
  const withMemory = (r: BenchResult, which: string, retainedMiB: number): BenchResult => ({
    ...r,
    extra: {
      'x floor': (r.medianMs / floorResult.medianMs).toFixed(1),
      'retained MiB': retainedMiB.toFixed(0),
      'peak MiB': peakMiB(which, baseline).toFixed(0),
    },
  });
  const cases: [PartitionAssignor, string][] = [
    [rangeAssignor, 'range'],
    [roundRobinAssignor, 'roundrobin'],
  ];
  const results = [withMemory(floorResult, 'floor', await retainedMiB(floor))];
  for (const [assignor, which] of cases) {
    const r = measure(`kgroup ${which}, uniform 1M`, () => assignor.assign(group), heavy);
    results.push(withMemory(r, which, await retainedMiB(() => assignor.assign(group))));
  }
  for (const replicaRacks of [3, 2]) {
    // A racked group is a bigger input (a rack list per partition): its peak is measured over a
    // process that builds the same racked group.
    const rackedBaseline = peakRssKiB(`none-racks-${replicaRacks}`);
    const racked = largeGroup(replicaRacks);
    const label = replicaRacks === 3 ? 'every partition on all 3 racks' : 'each partition on 2 of 3 racks (rack-aware)';
    const r = measure(`kgroup range, uniform 1M, ${label}`, () => rangeAssignor.assign(racked), heavy);
    const retained = await retainedMiB(() => rangeAssignor.assign(racked));
    results.push({
      ...r,
      extra: {
        'x floor': (r.medianMs / floorResult.medianMs).toFixed(1),
        'retained MiB': retained.toFixed(0),
        'peak MiB': peakMiB(`range-racks-${replicaRacks}`, rackedBaseline).toFixed(0),
      },
    });
  }
  const kjs = kafkajsRoundRobin();
  const kjsResult = await measureAsync('KafkaJS roundRobin (encoded), uniform 1M', kjs, 3, 1);
  results.push(withMemory(kjsResult, 'kafkajs', await retainedMiB(kjs)));
  printTable(`range and roundrobin, 500 topics x 2,000 partitions, 2,000 members (node ${process.version})`, results);
}

const peakCase = process.env[PEAK_CASE];
if (peakCase !== undefined) await runPeakCase(peakCase);
else await main();
