/**
 * The vocabulary of the multi-group coordinator: the requests it routes, the responses it sends
 * back, the records it logs, and the groups it holds.
 */
import type {
  ClassicApi,
  ClassicCoordinatorState,
  ClassicGroupEvent,
  ClassicGroupRecord,
  ClassicGroupStateName,
  ClassicRequestInput,
  ClassicResponseOutput,
} from '../../classic/index.js';
import type {
  ConsumerGroupApi,
  ConsumerGroupCoordinatorState,
  ConsumerGroupEvent,
  ConsumerGroupRecord,
  ConsumerGroupRequestInput,
  ConsumerGroupResponseOutput,
  ConsumerGroupStateName,
  DescribedConsumerGroup,
} from '../../consumer/index.js';

/** Every API the coordinator answers. */
export type CoordinatorApi = ClassicApi | ConsumerGroupApi;

/** A request for some group: a classic or a KIP-848 request input, as the machines take it. */
export type CoordinatorRequest = ClassicRequestInput | ConsumerGroupRequestInput;

/** A response for the transport to send back, addressed by `requestId`. */
export type CoordinatorResponse = ClassicResponseOutput | ConsumerGroupResponseOutput;

/** A record of either protocol; the coordinator's log holds both. */
export type GroupCoordinatorRecord = ClassicGroupRecord | ConsumerGroupRecord;

/** Which protocol a group speaks ("classic" or KIP-848 "consumer", Kafka's group types). */
export type GroupType = 'classic' | 'consumer';

/** One group the coordinator holds. */
export type GroupSlot =
  | { readonly type: 'classic'; readonly state: ClassicCoordinatorState }
  | { readonly type: 'consumer'; readonly state: ConsumerGroupCoordinatorState };

/** Something a group's machine told its observers. */
export type GroupEvent = ClassicGroupEvent | ConsumerGroupEvent;

/** Where the coordinator sends its answers; the application owns the sockets. */
export interface CoordinatorTransport {
  /** Sends a response to the request with its `requestId` (after the records it depends on are durable). */
  respond(response: CoordinatorResponse): void;
  /** A parked request that will never be answered (Kafka lets the client time out); release it if you hold resources for it. */
  abandon?(requestId: string | number, api: CoordinatorApi): void;
}

/** One entry of {@link GroupCoordinator.listGroups} (Kafka's ListGroups). */
export interface ListedGroup {
  readonly groupId: string;
  readonly groupType: GroupType;
  /** "consumer" for KIP-848 groups; the classic group's protocol type ("" when none). */
  readonly protocolType: string;
  readonly groupState: ClassicGroupStateName | ConsumerGroupStateName;
}

/** One member of a classic group, as DescribeGroups reports it. */
export interface DescribedClassicMember {
  readonly memberId: string;
  readonly groupInstanceId: string | null;
  readonly clientId: string;
  readonly clientHost: string;
  /** The member's metadata for the selected protocol (empty before one is selected). */
  readonly memberMetadata: Uint8Array;
  readonly memberAssignment: Uint8Array;
}

/** A classic group, as DescribeGroups reports it. */
export interface DescribedClassicGroup {
  readonly groupType: 'classic';
  readonly groupId: string;
  readonly groupState: ClassicGroupStateName;
  readonly generationId: number;
  readonly protocolType: string;
  /** The selected protocol, "" when none. */
  readonly protocolData: string;
  readonly leaderId: string | null;
  readonly members: readonly DescribedClassicMember[];
}

/** What {@link GroupCoordinator.describeGroup} returns. */
export type DescribedGroup = DescribedClassicGroup | ({ readonly groupType: 'consumer' } & DescribedConsumerGroup);
