/**
 * The seam between the simulator and the machines it drives. The simulator moves opaque
 * requests and responses between members and the coordinator; an adapter per protocol wraps
 * one pure machine and translates its outputs into these effects. The classic pair and the
 * KIP-848 pair plug in the same way.
 */
import type { PackedTopicPartitions } from '../../protocol/topic-partitions.js';

/** A request a member sends, as the simulator carries it. */
export interface WireRequest {
  readonly api: string;
  /** The member's own request id. */
  readonly requestId: number;
  readonly body: unknown;
}

/** A coordinator's answer, addressed back to the member's request id. */
export interface WireResponse {
  readonly api: string;
  readonly requestId: number;
  readonly response: unknown;
}

/** A state change a machine reported (checked against its transition table). */
export interface Transition {
  readonly from: string;
  readonly to: string;
}

/** What one coordinator step asks of the simulator. */
export interface CoordinatorEffects {
  /** Answers, addressed by the simulator's request key. */
  readonly responses: readonly { readonly key: string; readonly api: string; readonly response: unknown }[];
  /** Timers to arm (deadline) or disarm (null). */
  readonly timers: readonly { readonly key: string; readonly deadlineMs: number | null }[];
  /** Parked requests the coordinator will never answer (the client times out). */
  readonly abandoned: readonly string[];
  readonly transitions: readonly Transition[];
  /** Records appended in this step. */
  readonly records: number;
}

/** What the checkers and metrics read from a coordinator. */
export interface CoordinatorView {
  /** The group state, with Kafka's names ("none" before the group exists). */
  readonly state: string;
  /** The generation (classic) or group epoch (KIP-848). */
  readonly epoch: number;
  /** True when the group is Stable (classic) or Stable with every member reconciled (KIP-848). */
  readonly stable: boolean;
  readonly memberCount: number;
  /** True when `memberId` is a member of the group now. */
  hasMember(memberId: string): boolean;
}

/** One coordinator (broker side), wrapped. */
export interface CoordinatorAdapter {
  /** Handles a request from member `client` under the simulator's request `key`. */
  handle(client: string, key: string, request: WireRequest, nowMs: number): CoordinatorEffects;
  /** A timer it armed fired. */
  fire(key: string, nowMs: number): CoordinatorEffects;
  /**
   * Replaces the machine with one rebuilt from its records and loaded (Kafka's onLoaded). The
   * simulator forgets every timer first; the effects re-arm what the new coordinator needs.
   */
  failover(nowMs: number): CoordinatorEffects;
  view(): CoordinatorView;
  /** Why replaying the records does not give the live group's persisted state, or null. */
  replayMismatch(): string | null;
  /** True when the transition is in the coordinator's table. */
  isValidTransition(t: Transition): boolean;
  /** How many records the coordinator has appended. */
  readonly recordCount: number;
  /** A readable description of the group, for transcripts. */
  describe(): string;
}

/** A rebalance callback the application must run and confirm. */
export interface CallbackRequest {
  readonly callbackId: number;
  readonly kind: 'revoked' | 'assigned' | 'lost';
  readonly partitions: PackedTopicPartitions;
}

/** What one member step asks of the simulator. */
export interface MemberEffects {
  readonly sends: readonly WireRequest[];
  readonly callbacks: readonly CallbackRequest[];
  readonly transitions: readonly Transition[];
  /** Errors the member reported to the application, as text. */
  readonly errors: readonly string[];
  /**
   * The application replaced its consumer (after a fatal error): what the old one had in flight
   * is lost with its connections, and the effects are the new consumer's.
   */
  readonly replaced?: boolean;
}

/** What the checkers and metrics read from a member. */
export interface MemberView {
  readonly state: string;
  /** "" before the coordinator gave it one. */
  readonly memberId: string;
  /** The generation (classic) or member epoch (KIP-848); -1 or 0 when it has none. */
  readonly epoch: number;
  readonly owned: PackedTopicPartitions;
  /** True while a rebalance callback waits for the application. */
  readonly inCallback: boolean;
  readonly closed: boolean;
}

/** A consumed position, for the commit before revocation. */
export interface Position {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
}

/** One member (consumer side), wrapped. */
export interface MemberAdapter {
  /** Gives the member its metadata, subscribes it and polls once. */
  start(nowMs: number): MemberEffects;
  response(response: WireResponse, nowMs: number): MemberEffects;
  requestFailed(requestId: number, nowMs: number): MemberEffects;
  tick(nowMs: number): MemberEffects;
  /** The application polls, having consumed up to `positions`. */
  poll(positions: readonly Position[], nowMs: number): MemberEffects;
  callbackDone(callbackId: number, nowMs: number): MemberEffects;
  /** The application closes the consumer. */
  close(nowMs: number): MemberEffects;
  /** When to tick next, or null. */
  nextDeadlineMs(): number | null;
  view(): MemberView;
  /** True when the member is done rebalancing in the coordinator's current epoch. */
  settledIn(coordinator: CoordinatorView): boolean;
  /** True when the member's epoch may go from `from` to `to` (a reset is allowed, going back otherwise is not). */
  isValidEpochChange(from: number, to: number): boolean;
  isValidTransition(t: Transition): boolean;
}

/** Member effects filled by consecutive steps of one wrapped member. */
export class MemberEffectsBuilder implements MemberEffects {
  readonly sends: WireRequest[] = [];
  readonly callbacks: CallbackRequest[] = [];
  readonly transitions: Transition[] = [];
  readonly errors: string[] = [];
  replaced = false;
}

/** Empty member effects. */
export const NO_MEMBER_EFFECTS: MemberEffects = { sends: [], callbacks: [], transitions: [], errors: [] };
