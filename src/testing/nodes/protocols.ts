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

/**
 * True when the KIP-848 pair (coordinator and member) can be simulated. The member machine is
 * not in this release yet; the switch is here so that `consumer` scenarios run once it is.
 */
export const CONSUMER_PROTOCOL_AVAILABLE = false;

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
}

/** The machines for `scenario`. */
export function protocolKit(scenario: Scenario): ProtocolKit {
  checkAssignor(scenario.protocol, scenario.assignor);
  if (scenario.protocol === 'consumer') {
    throw new UsageError('the consumer (KIP-848) protocol needs the KIP-848 member machine, which this build does not have yet');
  }
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
