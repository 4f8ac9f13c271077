/**
 * Benchmarks of the sticky and cooperative-sticky assignors on Kafka's own large cases and on
 * librdkafka's members-leaving case, each next to a floor measured in the same run: the cost of
 * writing out an answer of the same size (2,000 PackedTopicPartitions of 500 partitions each,
 * built with fromNormalized).
 *
 * - uniform 1M: topics t000..t499 x 2,000 partitions, members c0000..c1999 all subscribed to all
 *   (Kafka's testLargeAssignmentAndGroupWithUniformSubscription): fresh, then every member
 *   claiming its previous answer at generation 1.
 * - non-uniform 1M: the same, but c1999 subscribes only to t000 (general path).
 * - members leaving: topics topic1..topic40 where topicN has N partitions (820), 200 members
 *   where member i+1 (i from 0) subscribes to the first ((i+1)*17)%40 topics; after a first
 *   assignment, every fourth member leaves (50) and the rest claim their previous answers.
 *
 * Run: node --expose-gc --import tsx bench/sticky.bench.ts
 */
import { cooperativeStickyAssignor, stickyAssignor, type PartitionAssignor } from '../src/assignors/index.js';
import { PackedTopicPartitions, encodeCooperativeStickyUserData, encodeStickyUserData } from '../src/protocol/index.js';
import type { Assignment, GroupMember, TopicMetadata } from '../src/protocol/types.js';
import { measure, printTable, type BenchResult } from './harness.js';

const pad = (n: number, width: number) => String(n).padStart(width, '0');

interface Group {
  topics: Map<string, TopicMetadata>;
  members: GroupMember[];
}

function largeGroup(nonUniform: boolean): Group {
  const names = Array.from({ length: 500 }, (_, t) => `t${pad(t, 3)}`);
  const topics = new Map(names.map((name) => [name, { partitions: 2000 }]));
  const members = Array.from({ length: 2000 }, (_, i) => ({
    memberId: `c${pad(i, 4)}`,
    subscription: { topics: nonUniform && i === 1999 ? names.slice(0, 1) : [...names] },
  }));
  return { topics, members };
}

function leavingGroup(): Group {
  const names = Array.from({ length: 40 }, (_, t) => `topic${t + 1}`);
  const topics = new Map(names.map((name, t) => [name, { partitions: t + 1 }]));
  const members = Array.from({ length: 200 }, (_, i) => ({
    memberId: `member${pad(i + 1, 3)}`,
    subscription: { topics: names.slice(0, ((i + 1) * 17) % 40) },
  }));
  return { topics, members };
}

/** Every member re-subscribes claiming what it was given, at generation 1, the way each assignor reads it. */
function claiming(group: Group, assignor: PartitionAssignor, previous: Map<string, Assignment>, keep: (i: number) => boolean = () => true): Group {
  const members = group.members.filter((_, i) => keep(i)).map((m) => {
    const owned = previous.get(m.memberId)?.partitions ?? PackedTopicPartitions.EMPTY;
    const userData = assignor.name === 'sticky' ? encodeStickyUserData({ partitions: owned, generation: 1 }) : encodeCooperativeStickyUserData(1);
    return { memberId: m.memberId, subscription: { topics: m.subscription.topics, ownedPartitions: owned, generationId: 1, userData } };
  });
  return { topics: group.topics, members };
}

function floor(): void {
  const names = Array.from({ length: 500 }, (_, t) => `t${pad(t, 3)}`);
  const out: PackedTopicPartitions[] = [];
  for (let m = 0; m < 2000; m++) {
    const starts = new Int32Array(501);
    const partitions = new Int32Array(500);
    for (let t = 0; t < 500; t++) {
      starts[t + 1] = t + 1;
      partitions[t] = m;
    }
    out.push(PackedTopicPartitions.fromNormalized(names.slice(), starts, partitions));
  }
}

/**
 * Memory of one call, in MiB over the level just before it (after a full GC): JS heap plus
 * ArrayBuffers (where the typed arrays live) right after the call, garbage included, which is
 * about the peak when no full collection ran during the call; and what the result holds on to
 * once garbage is collected. The input (a million partitions of subscriptions) is not counted.
 */
async function memoryOfCall(fn: () => unknown): Promise<{ allocated: number; retained: number }> {
  const used = () => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
  const before = await settled(used);
  const result = fn();
  const allocated = used() - before;
  const retained = (await settled(used)) - before;
  // Using the result after the collection keeps it alive through it.
  if (result === undefined) throw new Error('no result');
  return { allocated: allocated / 2 ** 20, retained: retained / 2 ** 20 };
}

/** Memory in use once garbage is collected (ArrayBuffer memory is released after a turn of the event loop). */
async function settled(used: () => number): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return used();
}

const heavy = { runs: 5, warmup: 1 };
const light = { runs: 200, warmup: 20 };
const results: BenchResult[] = [];
const memory: BenchResult[] = [];
const floorResult = measure('floor: write 2,000 x 500 partitions', floor, heavy);
results.push(floorResult);
const ratio = (r: BenchResult) => ({ ...r, extra: { ...(r.extra ?? {}), 'x floor': (r.medianMs / floorResult.medianMs).toFixed(1) } });

for (const assignor of [stickyAssignor, cooperativeStickyAssignor]) {
  for (const nonUniform of [false, true]) {
    const label = `${assignor.name} ${nonUniform ? 'non-uniform' : 'uniform'} 1M`;
    const group = largeGroup(nonUniform);
    const fresh = assignor.assign(group);
    results.push(ratio(measure(`${label} fresh`, () => assignor.assign(group), heavy)));
    const again = claiming(group, assignor, fresh);
    results.push(ratio(measure(`${label} re-assign`, () => assignor.assign(again), heavy)));
    const fresh1 = await memoryOfCall(() => assignor.assign(group));
    const again1 = await memoryOfCall(() => assignor.assign(again));
    memory.push({
      name: label,
      medianMs: 0,
      minMs: 0,
      runs: 1,
      extra: {
        'fresh: allocated MiB': fresh1.allocated.toFixed(0),
        'fresh: retained MiB': fresh1.retained.toFixed(0),
        're-assign: allocated MiB': again1.allocated.toFixed(0),
        're-assign: retained MiB': again1.retained.toFixed(0),
      },
    });
  }
  const group = leavingGroup();
  const first = assignor.assign(group);
  const left = claiming(group, assignor, first, (i) => i % 4 !== 3);
  results.push(ratio(measure(`${assignor.name} 200 members, 50 leave`, () => assignor.assign(left), light)));
}

printTable(`sticky assignors (node ${process.version})`, results);
printTable('sticky assignors: memory of one call on the 1M cases (time columns unused)', memory);
