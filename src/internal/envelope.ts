/**
 * The envelope every coordinator machine shares: how a request reaches `step`, how a response
 * leaves it, and the effects (records, keyed timers, events) that surround them. Both the
 * classic and the KIP-848 coordinators speak it, which is what lets one driver run either.
 */

/** The id a caller gives a request; its response (possibly much later) carries the same id. */
export type RequestId = string | number;

/** Per API: the request body and the response it gets. */
export type ApiTypes<Api extends string> = { readonly [A in Api]: { readonly request: unknown; readonly response: unknown } };

/** A request as it reaches a coordinator: the envelope is the driver's, the body the peer's. */
export type RequestEnvelope<Api extends string, Types extends ApiTypes<Api>> = {
  [A in Api]: {
    readonly type: 'request';
    readonly api: A;
    readonly requestId: RequestId;
    /** The API version of the request; it selects version-dependent behaviour. */
    readonly apiVersion: number;
    /** From the request header (the classic protocol makes member ids from it). */
    readonly clientId?: string;
    /** The client's address, as Kafka records it. */
    readonly clientHost?: string;
    /** The request body; validated by the machine, so a malformed body gets INVALID_REQUEST. */
    readonly body: Types[A]['request'];
  };
}[Api];

/** A response, addressed to the request it answers. */
export type ResponseEnvelope<Api extends string, Types extends ApiTypes<Api>> = {
  [A in Api]: {
    readonly type: 'response';
    readonly api: A;
    readonly requestId: RequestId;
    readonly apiVersion: number;
    readonly response: Types[A]['response'];
  };
}[Api];

/** A timer the coordinator scheduled has reached its deadline. */
export interface TimerFired {
  readonly type: 'timer';
  readonly key: string;
}

/** Everything a coordinator's step produces besides responses, in the order the driver acts on it. */
export type CoordinatorEffect<R, E> =
  /** Append to the log before sending the responses that follow it in the same step. */
  | { readonly type: 'record'; readonly record: R }
  /** Arm `key` at `deadlineMs`, replacing any deadline it had. */
  | { readonly type: 'schedule-timer'; readonly key: string; readonly deadlineMs: number }
  /** Disarm `key` (no-op when not armed). */
  | { readonly type: 'cancel-timer'; readonly key: string }
  /** Something an observer may want to know; it changes nothing. */
  | { readonly type: 'event'; readonly event: E };
