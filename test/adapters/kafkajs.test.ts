// The KafkaJS adapter, called the way KafkaJS's ConsumerGroup calls an assigner: the factory
// with KafkaJS's own Cluster (metadata set by hand, no broker), `protocol()` for JoinGroup and
// `assign()` on the leader with members whose metadata KafkaJS's AssignerProtocol wrote (v0 and
// a v1 header over a v0 body). The results go through KafkaJS's own MemberAssignment decoder and
// SyncGroup request encoder, which accepts only Buffers.
import { createRequire } from 'node:module';
import { AssignerProtocol, type PartitionAssigner } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { cooperativeStickyAssignor, defineAssignor, rangeAssignor, roundRobinAssignor, stickyAssignor } from '../../src/assignors/index.js';
import type { PartitionAssignor } from '../../src/assignors/index.js';
import { AssignmentError, UsageError } from '../../src/index.js';
import { decodeSubscription } from '../../src/protocol/index.js';
import { decodeKafkaJsAssignment } from '../../src/adapters/kafkajs/index.js';
import { toKafkaJsAssigner } from '../../src/runtime/kafkajs.js';

const require = createRequire(import.meta.url);
const Cluster = require('kafkajs/src/cluster') as new (options: object) => { brokerPool: { metadata: unknown }; findTopicPartitionMetadata(topic: string): { partitionId: number }[] };
const { createLogger, LEVELS } = require('kafkajs/src/loggers') as { createLogger(o: object): unknown; LEVELS: { NOTHING: number } };
const SyncGroupV0 = require('kafkajs/src/protocol/requests/syncGroup/v0/request') as (o: object) => { encode(): Promise<{ buffer: Buffer }> };
const JoinGroupV0 = require('kafkajs/src/protocol/requests/joinGroup/v0/request') as (o: object) => { encode(): Promise<{ buffer: Buffer }> };
const { MemberMetadata, MemberAssignment } = AssignerProtocol;

const logger = createLogger({ level: LEVELS.NOTHING, logCreator: () => () => undefined });

/** KafkaJS's Cluster with metadata for `topics` (topic -> partition count), as after refreshMetadata. */
function cluster(topics: Record<string, number>): InstanceType<typeof Cluster> {
  const c = new Cluster({ logger, brokers: ['localhost:9092'] });
  c.brokerPool.metadata = {
    topicMetadata: Object.entries(topics).map(([topic, n]) => ({ topic, partitionMetadata: Array.from({ length: n }, (_, partitionId) => ({ partitionId, leader: 0 })) })),
  };
  return c;
}

/** KafkaJS's ConsumerGroup: one assigner per consumer, created by the factory. */
function createAssigner(partitionAssigner: PartitionAssigner, topics: Record<string, number>) {
  return partitionAssigner({ cluster: cluster(topics) as never, groupId: 'g', logger: logger as never });
}

/** Runs the leader's assign and decodes every member's assignment with KafkaJS's decoder. */
async function assign(partitionAssigner: PartitionAssigner, topics: Record<string, number>, members: { memberId: string; memberMetadata: Buffer }[]) {
  const assigner = createAssigner(partitionAssigner, topics);
  const groupAssignment = await assigner.assign({ members, topics: Object.keys(topics) });
  // KafkaJS's SyncGroup encoder writes only Buffers: this throws or garbles anything else.
  const encoded = await SyncGroupV0({ groupId: 'g', generationId: 1, memberId: 'leader', groupAssignment }).encode();
  expect(encoded.buffer.length).toBeGreaterThan(0);
  const out = new Map<string, Record<string, number[]>>();
  for (const a of groupAssignment) {
    expect(Buffer.isBuffer(a.memberAssignment)).toBe(true);
    out.set(a.memberId, MemberAssignment.decode(a.memberAssignment)?.assignment ?? {});
  }
  return { out, assigner };
}

const kafkaJsMember = (memberId: string, topics: string[], version = 0) => ({ memberId, memberMetadata: MemberMetadata.encode({ version, topics, userData: Buffer.alloc(0) }) });

describe('toKafkaJsAssigner', () => {
  it('is a KafkaJS PartitionAssigner whose protocol() metadata KafkaJS decodes and its JoinGroup encoder writes', async () => {
    const partitionAssigner: PartitionAssigner = toKafkaJsAssigner(rangeAssignor);
    const assigner = createAssigner(partitionAssigner, { orders: 3 });
    const protocol = assigner.protocol({ topics: ['orders', '__proto__'] });
    expect(assigner.name).toBe('range');
    expect(protocol.name).toBe('range');
    expect(MemberMetadata.decode(protocol.metadata)).toMatchObject({ version: 0, topics: ['__proto__', 'orders'] });
    const join = await JoinGroupV0({ groupId: 'g', sessionTimeout: 30000, memberId: '', protocolType: 'consumer', groupProtocols: [protocol] }).encode();
    expect(join.buffer.includes(protocol.metadata)).toBe(true);
  });

  it('range over KafkaJS v0 and v1-header members gives Kafka range results', async () => {
    const members = [kafkaJsMember('m1', ['orders', 'payments'], 0), kafkaJsMember('m2', ['orders'], 1)];
    const { out } = await assign(toKafkaJsAssigner(rangeAssignor), { orders: 5, payments: 2 }, members);
    expect(out.get('m1')).toEqual({ orders: [0, 1, 2], payments: [0, 1] });
    expect(out.get('m2')).toEqual({ orders: [3, 4] });
  });

  it('round-robin and a custom assignor assign every partition exactly once; __proto__ topics are fine', async () => {
    const evens: PartitionAssignor = defineAssignor({
      name: 'all-to-first',
      assign: ({ members, topics }) => {
        const first = [...members].sort((a, b) => (a.memberId < b.memberId ? -1 : 1))[0]?.memberId as string;
        return new Map(members.map((m) => [m.memberId, m.memberId === first ? [...topics].map((t) => [t.name, Array.from({ length: t.partitions }, (_, i) => i)] as const) : []]));
      },
    });
    for (const a of [roundRobinAssignor, evens]) {
      const members = [kafkaJsMember('b', ['__proto__']), kafkaJsMember('a', ['__proto__'])];
      const assigner = createAssigner(toKafkaJsAssigner(a), { ['__proto__']: 4 });
      const result = await assigner.assign({ members, topics: ['__proto__'] });
      // KafkaJS's own decoder builds an object with Object.assign, which turns a `__proto__` key
      // into a prototype; read these with kgroup's decoder instead.
      const all = result.flatMap((r) => decodeKafkaJsAssignment(r.memberAssignment).get('__proto__') ?? []);
      expect(all.sort()).toEqual([0, 1, 2, 3]);
    }
  });

  it('sticky keeps each returning member on its partitions across rebalances (remembered by the leader)', async () => {
    const partitionAssigner = toKafkaJsAssigner(stickyAssignor);
    const assigner = createAssigner(partitionAssigner, { orders: 6 });
    const members = ['a', 'b', 'c'].map((id) => kafkaJsMember(id, ['orders']));
    const decode = (r: { memberId: string; memberAssignment: Buffer }[]) => new Map(r.map((x) => [x.memberId, MemberAssignment.decode(x.memberAssignment)?.assignment['orders'] ?? []]));
    const first = decode(await assigner.assign({ members, topics: ['orders'] }));
    // c leaves: a and b keep everything they had and split c's partitions.
    const second = decode(await assigner.assign({ members: members.slice(0, 2), topics: ['orders'] }));
    for (const id of ['a', 'b']) expect(second.get(id)).toEqual(expect.arrayContaining(first.get(id) as number[]));
    expect([...second.values()].flat().sort()).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('checks the assignor output with the verifier and refuses assignors without EAGER', async () => {
    const broken: PartitionAssignor = { name: 'broken', supportedProtocols: ['EAGER'], assign: ({ members }) => new Map(members.map((m) => [m.memberId, { partitions: new Map([['orders', [0]]]) }])) };
    await expect(assign(toKafkaJsAssigner(broken), { orders: 2 }, [kafkaJsMember('a', ['orders']), kafkaJsMember('b', ['orders'])])).rejects.toBeInstanceOf(AssignmentError);
    expect(() => toKafkaJsAssigner({ ...rangeAssignor, name: 'coop-only', supportedProtocols: ['COOPERATIVE'], assign: rangeAssignor.assign })).toThrow(UsageError);
    expect(() => toKafkaJsAssigner(cooperativeStickyAssignor)).not.toThrow();
  });

  it('writes the ConsumerProtocol version it is given', () => {
    const assigner = createAssigner(toKafkaJsAssigner(rangeAssignor, { protocolVersion: 3 }), {});
    expect(decodeSubscription(assigner.protocol({ topics: ['t'] }).metadata).version).toBe(3);
  });
});
