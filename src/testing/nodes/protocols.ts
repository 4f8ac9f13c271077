/**
 * Which machines a scenario's protocol runs: the classic coordinator with classic members
 * (eager or cooperative, chosen by the assignor, as in Kafka), or the KIP-848 pair.
 */
import { UsageError } from '../../errors.js';
import { cooperativeStickyAssignor, rangeAssignor, roundRobinAssignor, stickyAssignor } from '../../assignors/index.js';
import type { PartitionAssignor } from '../../assignors/types.js';
import type { TopicMetadata } from '../../protocol/types.js';
import type { Protocol, Scenario } from '../scenario/types.js';
import type { CoordinatorAdapter, MemberAdapter } from './adapter.js';
import { ClassicCoordinatorNode } from './classic-coordinator.js';
import { ClassicMemberNode } from './classic-member.js';
import { ConsumerCoordinatorNode } from './consumer-coordinator.js';
import { ConsumerMemberNode } from './consumer-member.js';
import type { TopicImage } from '../../consumer/coordinator/index.js';

/** The classic (client-side) assignors by name. */
export const CLASSIC_ASSIGNORS: ReadonlyMap<string, PartitionAssignor> = new Map([
  ['range', rangeAssignor],
  ['roundrobin', roundRobinAssignor],
  ['sticky', stickyAssignor],
  ['cooperative-sticky', cooperativeStickyAssignor],
]);

/** The KIP-848 (server-side) assignors by name. */
export const CONSUMER_ASSIGNORS: readonly string[] = ['uniform', 'range'];

/** Each protocol's default assignor. */
export const DEFAULT_ASSIGNOR: Readonly<Record<Protocol, string>> = { eager: 'range', cooperative: 'cooperative-sticky', consumer: 'uniform' };

/** True when the KIP-848 pair (coordinator and member) can be simulated (it can). */
export const CONSUMER_PROTOCOL_AVAILABLE = true;

/** The assignor names a protocol accepts. */
export function assignorsFor(protocol: Protocol): string[] {
  if (protocol === 'consumer') return [...CONSUMER_ASSIGNORS];
  const wanted = protocol === 'cooperative' ? 'COOPERATIVE' : 'EAGER';
  // A classic member runs the highest protocol its assignors share: cooperative-sticky runs cooperative.
  return [...CLASSIC_ASSIGNORS].filter(([, a]) => (a.supportedProtocols.includes('COOPERATIVE') ? 'COOPERATIVE' : 'EAGER') === wanted).map(([n]) => n);
}

/** Throws {@link UsageError} unless `assignor` runs under `protocol`. */
export function checkAssignor(protocol: Protocol, assignor: string): void {
  const names = assignorsFor(protocol);
  if (!names.includes(assignor)) {
    throw new UsageError(`assignor '${assignor}' does not run the ${protocol} protocol (choose one of: ${names.join(', ')})`);
  }
}

/** Makes the machines a scenario runs. */
export interface ProtocolKit {
  coordinator(): CoordinatorAdapter;
  member(name: string): MemberAdapter;
  /** True when the coordinator's epoch is recorded at every bump, so it survives a failover. */
  readonly epochSurvivesFailover: boolean;
  /**
   * True when no two members of the group may own a partition at once whatever their epochs
   * (KIP-848: the coordinator hands a partition over only once its owner released it). The
   * classic protocol promises it only among members of the current generation: a member that
   * missed a rebalance (a lost heartbeat, a static member the group kept) still holds its old
   * partitions until it learns, and Kafka fences its commits by generation instead.
   */
  readonly exclusiveAcrossEpochs: boolean;
  /**
   * How a duplicated request reaches the client. Default (false): the client hears the answer
   * to the last copy, as after a resend of the same request on a new connection (classic
   * requests carry their whole meaning). True: every copy reaches the coordinator but the
   * connection breaks before an answer, so the client sees the request fail (KIP-848: a
   * heartbeat is a delta, and a client never resends one; after a failure it sends a full one).
   */
  readonly duplicateLosesAnswer?: boolean;
}

/** The machines for `scenario`. */
export function protocolKit(scenario: Scenario): ProtocolKit {
  checkAssignor(scenario.protocol, scenario.assignor);
  if (scenario.protocol === 'consumer') return consumerKit(scenario);
  const assignor = CLASSIC_ASSIGNORS.get(scenario.assignor) as PartitionAssignor;
  const topics = new Map<string, TopicMetadata>(scenario.topics.map((t) => [t.name, { partitions: t.partitions }]));
  const s = scenario.settings;
  return {
    epochSurvivesFailover: false,
    exclusiveAcrossEpochs: false,
    coordinator: () => new ClassicCoordinatorNode({ initialRebalanceDelayMs: scenario.initialRebalanceDelayMs }),
    member: (name) =>
      new ClassicMemberNode({
        assignor,
        groupInstanceId: s.static ? name : null,
        sessionTimeoutMs: s.sessionTimeoutMs,
        heartbeatIntervalMs: s.heartbeatIntervalMs,
        maxPollIntervalMs: s.maxPollIntervalMs,
        requestTimeoutMs: s.requestTimeoutMs,
        autoCommit: s.autoCommit,
        topics,
      }),
  };
}

/** The topic id the simulated cluster gives topic `name` (KIP-848 speaks topic ids). */
export function simTopicId(name: string): string {
  return `id:${name}`;
}

/** The KIP-848 pair: the coordinator runs the assignor; a static member is one with a group.instance.id. */
function consumerKit(scenario: Scenario): ProtocolKit {
  const s = scenario.settings;
  const images: TopicImage[] = scenario.topics.map((t) => ({ topicId: simTopicId(t.name), name: t.name, partitions: t.partitions }));
  const topicNames = new Map(images.map((t) => [t.topicId, t.name]));
  // Each process makes its own member id (Kafka: a UUID per consumer instance); a restart is a new one.
  let processes = 0;
  return {
    epochSurvivesFailover: true,
    exclusiveAcrossEpochs: true,
    duplicateLosesAnswer: true,
    coordinator: () => new ConsumerCoordinatorNode({ sessionTimeoutMs: s.sessionTimeoutMs, heartbeatIntervalMs: s.heartbeatIntervalMs, topics: images }),
    member: (name) =>
      new ConsumerMemberNode({
        memberId: `${name}.${++processes}`,
        groupInstanceId: s.static ? name : null,
        serverAssignor: scenario.assignor,
        maxPollIntervalMs: s.maxPollIntervalMs,
        requestTimeoutMs: s.requestTimeoutMs,
        autoCommit: s.autoCommit,
        topicNames,
        nextMemberId: () => `${name}.${++processes}`,
      }),
  };
}
