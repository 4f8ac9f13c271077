/**
 * A member host: one consumer process around a member machine. It outlives restarts (the name
 * stays, the incarnation grows), which is how a static member keeps its `group.instance.id`.
 */
import { PackedTopicPartitions } from '../protocol/topic-partitions.js';
import type { MemberAdapter, MemberView, WireResponse } from './nodes/adapter.js';

/** Something delivered to a member; held while it is paused. */
export type MemberDelivery =
  | { readonly k: 'to-member'; readonly response: WireResponse }
  | { readonly k: 'request-failed'; readonly requestId: number }
  | { readonly k: 'callback-done'; readonly callbackId: number };

/** One simulated consumer process. */
export interface MemberHost {
  readonly name: string;
  /** Position in the series (order of first start). */
  readonly row: number;
  incarnation: number;
  machine: MemberAdapter;
  /** The process runs (started, not crashed, not exited after close). */
  running: boolean;
  /** Stalled: receives, sends and polls nothing until it resumes. */
  paused: boolean;
  /** Asked to shut down; closes as soon as no callback is pending. */
  stopping: boolean;
  /** Deliveries that arrived while paused, in order. */
  readonly held: MemberDelivery[];
  /** The member's next deadline as scheduled, and the version that makes older wake-ups stale. */
  wakeMs: number;
  wakeVersion: number;
  /** The view after the last step. */
  view: MemberView;
  /** Done rebalancing in the coordinator's current epoch. */
  settled: boolean;
}

/** The view of a member that is not running. */
export const STOPPED_VIEW: MemberView = { state: 'STOPPED', memberId: '', epoch: -1, owned: PackedTopicPartitions.EMPTY, inCallback: false, closed: true };

/** A new host for `name` running `machine`. */
export function newHost(name: string, row: number, machine: MemberAdapter): MemberHost {
  return {
    name,
    row,
    incarnation: 1,
    machine,
    running: true,
    paused: false,
    stopping: false,
    held: [],
    wakeMs: Infinity,
    wakeVersion: 0,
    view: machine.view(),
    settled: false,
  };
}
