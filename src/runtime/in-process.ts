/**
 * Members and a coordinator in one process, without sockets: for examples, tests and
 * embedding. The coordinator's responses resolve the members' pending requests; a request
 * the coordinator abandons (Kafka never answers it) rejects, as a timeout would.
 */
import type { ClassicApiTypes, ClassicMemberApi, ClassicMemberSendOutput } from '../classic/index.js';
import { UsageError } from '../errors.js';
import type { GroupCoordinator } from './coordinator/group-coordinator.js';
import type { CoordinatorApi, CoordinatorRequest, CoordinatorResponse, CoordinatorTransport } from './coordinator/types.js';
import type { ClassicMemberTransport } from './member/classic-member.js';
import type { ConsumerMemberTransport } from './member/consumer-member.js';
import type { ConsumerGroupHeartbeatResponse } from '../consumer/index.js';

/** The API versions in-process members speak (the newest each machine supports). */
export const IN_PROCESS_API_VERSIONS: Readonly<Record<CoordinatorApi, number>> = {
  JoinGroup: 9,
  SyncGroup: 5,
  Heartbeat: 4,
  LeaveGroup: 5,
  OffsetCommit: 9,
  OffsetFetch: 9,
  ConsumerGroupHeartbeat: 1,
  ConsumerGroupDescribe: 1,
};

interface Pending {
  readonly resolve: (response: unknown) => void;
  readonly reject: (error: Error) => void;
}

/** A coordinator transport that answers in-process members; give it to the coordinator, then {@link InProcessTransport.attach} the coordinator. */
export class InProcessTransport implements CoordinatorTransport {
  #coordinator: GroupCoordinator | undefined;
  readonly #pending = new Map<string, Pending>();
  #nextRequestId = 0;

  /** Connects the coordinator that uses this transport. */
  attach(coordinator: GroupCoordinator): void {
    this.#coordinator = coordinator;
  }

  /** {@inheritDoc CoordinatorTransport.respond} */
  respond(response: CoordinatorResponse): void {
    const pending = this.#pending.get(String(response.requestId));
    this.#pending.delete(String(response.requestId));
    pending?.resolve(response.response);
  }

  /** {@inheritDoc CoordinatorTransport.abandon} */
  abandon(requestId: string | number): void {
    const pending = this.#pending.get(String(requestId));
    this.#pending.delete(String(requestId));
    pending?.reject(new Error('the coordinator abandoned the request'));
  }

  /**
   * Fails every request still waiting for an answer, as dropped connections do when a broker
   * dies; the members see a disconnect and look for the coordinator again.
   */
  disconnectAll(reason = 'the connection to the coordinator was lost'): void {
    const pending = [...this.#pending.values()];
    this.#pending.clear();
    for (const p of pending) p.reject(new Error(reason));
  }

  /** Submits a request and resolves with the body of its response. */
  request(api: CoordinatorApi, body: unknown, clientId: string, apiVersion: number = IN_PROCESS_API_VERSIONS[api]): Promise<unknown> {
    const coordinator = this.#coordinator;
    if (coordinator === undefined) return Promise.reject(new UsageError('InProcessTransport: attach a coordinator first'));
    const requestId = `${clientId}#${this.#nextRequestId++}`;
    const answered = new Promise<unknown>((resolve, reject) => this.#pending.set(requestId, { resolve, reject }));
    const request = { type: 'request', api, requestId, apiVersion, clientId, clientHost: '/127.0.0.1', body } as CoordinatorRequest;
    try {
      coordinator.submit(request);
    } catch (error) {
      // A closed coordinator is a closed socket to its members: a disconnect, not their bug.
      this.#pending.delete(requestId);
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    return answered;
  }

  /** A transport for a {@link ClassicMember} named `clientId`. */
  classicMember(clientId: string): ClassicMemberTransport {
    return {
      send: <A extends ClassicMemberApi>(o: Extract<ClassicMemberSendOutput, { api: A }>) =>
        this.request(o.api, o.request, clientId) as Promise<ClassicApiTypes[A]['response']>,
    };
  }

  /** A transport for a {@link ConsumerMember} named `clientId`. */
  consumerMember(clientId: string): ConsumerMemberTransport {
    return { send: (o) => this.request('ConsumerGroupHeartbeat', o.request, clientId, o.apiVersion) as Promise<ConsumerGroupHeartbeatResponse> };
  }
}
