/**
 * What a heartbeat carries (Kafka's HeartbeatState.buildRequestData): a full request while
 * JOINING, and after any error (the sent fields are reset), otherwise only what changed since
 * the last request. TopicPartitions goes out whenever the reconciled assignment or its local
 * epoch changed: that is the acknowledgement of a reconciliation.
 */
import type { ConsumerGroupHeartbeatRequest } from '../coordinator/types.js';
import { sameLocalAssignment, toWire } from './assignment.js';
import type { MemberContext } from './context.js';
import type { SentFields } from './types.js';

/** Nothing sent since the last reset: the next request is a full one. */
export const EMPTY_SENT_FIELDS: SentFields = Object.freeze({
  rebalanceTimeoutMs: -1,
  subscribedTopicNames: null,
  subscribedTopicRegex: null,
  serverAssignor: null,
  localAssignment: null,
});

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function sameNames(a: readonly string[] | null, b: readonly string[]): boolean {
  return a !== null && a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Subscription fields: names always (possibly empty), the regex when set or just removed. */
function addSubscription(ctx: MemberContext, req: Mutable<ConsumerGroupHeartbeatRequest>, sent: Mutable<SentFields>, sendAll: boolean): void {
  const sub = ctx.s.subscription;
  const names = sub.kind === 'topics' ? sub.topics : [];
  if (sendAll || !sameNames(sent.subscribedTopicNames, names)) {
    req.subscribedTopicNames = [...names];
    sent.subscribedTopicNames = names;
  }
  if (sub.kind === 'pattern') {
    if (sendAll || sub.pattern !== sent.subscribedTopicRegex) {
      req.subscribedTopicRegex = sub.pattern;
      sent.subscribedTopicRegex = sub.pattern;
    }
  } else if (sent.subscribedTopicRegex !== null) {
    // "" tells the coordinator the regular expression is gone.
    req.subscribedTopicRegex = '';
    sent.subscribedTopicRegex = null;
  }
}

/** Builds the next heartbeat and records what it carries. */
export function buildHeartbeatRequest(ctx: MemberContext): ConsumerGroupHeartbeatRequest {
  const s = ctx.s;
  const c = ctx.config;
  const sendAll = s.state === 'JOINING';
  const sent: Mutable<SentFields> = { ...s.sentFields };
  const req: Mutable<ConsumerGroupHeartbeatRequest> = { groupId: c.groupId, memberId: s.memberId, memberEpoch: s.memberEpoch };
  if (c.groupInstanceId !== null) req.instanceId = c.groupInstanceId;
  if (sendAll && c.rackId !== null) req.rackId = c.rackId;
  if (sendAll || sent.rebalanceTimeoutMs !== c.maxPollIntervalMs) {
    req.rebalanceTimeoutMs = c.maxPollIntervalMs;
    sent.rebalanceTimeoutMs = c.maxPollIntervalMs;
  }
  addSubscription(ctx, req, sent, sendAll);
  if (c.serverAssignor !== null && (sendAll || sent.serverAssignor !== c.serverAssignor)) {
    req.serverAssignor = c.serverAssignor;
    sent.serverAssignor = c.serverAssignor;
  }
  if (sendAll || !sameLocalAssignment(s.currentAssignment, sent.localAssignment)) {
    req.topicPartitions = toWire(s.currentAssignment.partitions);
    sent.localAssignment = s.currentAssignment;
  }
  s.sentFields = Object.freeze(sent);
  return Object.freeze(req);
}
