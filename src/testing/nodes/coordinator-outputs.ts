/**
 * What both coordinator adapters do with a machine: wrap a simulated client's request in the
 * coordinators' shared request envelope, and sort a step's outputs into the effects the
 * simulation acts on. Records and events differ per protocol, so they go to callbacks.
 */
import type { CoordinatorEffect, RequestId } from '../../internal/envelope.js';
import type { CoordinatorEffects, Transition, WireRequest } from './adapter.js';

/** The request envelope a simulated client's request reaches a coordinator in. */
export function simRequest(client: string, key: string, request: WireRequest, apiVersion: number) {
  return {
    type: 'request',
    api: request.api,
    requestId: key,
    apiVersion,
    clientId: client,
    clientHost: `/sim/${client}`,
    body: request.body,
  } as const;
}

/** A coordinator output: a response in the shared envelope, or one of the shared effects. */
type Output<R, E> = { readonly type: 'response'; readonly requestId: RequestId; readonly api: string; readonly response: unknown } | CoordinatorEffect<R, E>;

/**
 * Sorts one step's outputs, in order, into the simulation's effects. `onRecord` sees every
 * record; `onEvent` may report a state transition or an abandoned request.
 */
export function collectEffects<R, E>(
  outputs: readonly Output<R, E>[],
  onRecord: (record: R) => void,
  onEvent: (event: E, transitions: Transition[], abandoned: string[]) => void,
): CoordinatorEffects {
  const responses: { key: string; api: string; response: unknown }[] = [];
  const timers: { key: string; deadlineMs: number | null }[] = [];
  const abandoned: string[] = [];
  const transitions: Transition[] = [];
  let records = 0;
  for (const o of outputs) {
    if (o.type === 'response') responses.push({ key: String(o.requestId), api: o.api, response: o.response });
    else if (o.type === 'schedule-timer') timers.push({ key: o.key, deadlineMs: o.deadlineMs });
    else if (o.type === 'cancel-timer') timers.push({ key: o.key, deadlineMs: null });
    else if (o.type === 'record') {
      onRecord(o.record);
      records++;
    } else onEvent(o.event, transitions, abandoned);
  }
  return { responses, timers, abandoned, transitions, records };
}
