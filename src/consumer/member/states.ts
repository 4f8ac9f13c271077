/**
 * The member states of Kafka's KIP-848 consumer (clients' MemberState, Kafka 4.2) and the
 * transitions between them, kept as data so that the code, the property tests and
 * docs/consumer-member.md (its Mermaid diagram) all read one table.
 */
import { InvariantError } from '../../errors.js';

/** The member states, with Kafka's names. */
export const CONSUMER_MEMBER_STATES = [
  'UNSUBSCRIBED',
  'JOINING',
  'RECONCILING',
  'ACKNOWLEDGING',
  'STABLE',
  'FENCED',
  'PREPARE_LEAVING',
  'LEAVING',
  'STALE',
  'FATAL',
] as const;

/** A KIP-848 member state, named as Kafka names it. */
export type ConsumerMemberStateName = (typeof CONSUMER_MEMBER_STATES)[number];

/** How a state schedules heartbeats (reference §6.2). */
export type HeartbeatPolicy = 'none' | 'interval' | 'immediately';

/** One row of the table: the states a member may enter `target` from, and why. */
export interface ConsumerMemberTransition {
  /** The state entered. */
  readonly target: ConsumerMemberStateName;
  /** The states it may be entered from (besides itself); any other transition is a broken invariant. */
  readonly validPrevious: readonly ConsumerMemberStateName[];
  /** Whether the member heartbeats in the state. */
  readonly heartbeat: HeartbeatPolicy;
  /** What moves the member into the state. */
  readonly enteredWhen: string;
}

/** Kafka 4.2's valid-transition table of the KIP-848 member. Self-transitions are always allowed. */
export const CONSUMER_MEMBER_TRANSITIONS: readonly ConsumerMemberTransition[] = [
  {
    target: 'UNSUBSCRIBED',
    validPrevious: ['PREPARE_LEAVING', 'LEAVING', 'FENCED'],
    heartbeat: 'none',
    enteredWhen: 'the leave heartbeat went out (or could not be sent), or the member unsubscribed while fenced',
  },
  {
    target: 'JOINING',
    validPrevious: ['FENCED', 'UNSUBSCRIBED', 'STALE'],
    heartbeat: 'immediately',
    enteredWhen: 'the first poll after subscribe, the end of onPartitionsLost after fencing, or the first poll of a stale member',
  },
  {
    target: 'RECONCILING',
    validPrevious: ['STABLE', 'JOINING', 'ACKNOWLEDGING', 'RECONCILING'],
    heartbeat: 'interval',
    enteredWhen: 'a target assignment different from the reconciled one arrived, or an acknowledgement left part of the target unreconciled',
  },
  {
    target: 'ACKNOWLEDGING',
    validPrevious: ['RECONCILING'],
    heartbeat: 'immediately',
    enteredWhen: 'a reconciliation finished (commit, onPartitionsRevoked, onPartitionsAssigned), or the resolvable part of the target equals what is owned',
  },
  {
    target: 'STABLE',
    validPrevious: ['JOINING', 'ACKNOWLEDGING', 'RECONCILING'],
    heartbeat: 'interval',
    enteredWhen: 'the acknowledgement went out with the target fully reconciled, or the target received equals the reconciled assignment',
  },
  {
    target: 'FENCED',
    validPrevious: ['JOINING', 'STABLE', 'RECONCILING', 'ACKNOWLEDGING', 'PREPARE_LEAVING', 'LEAVING'],
    heartbeat: 'none',
    enteredWhen: 'a heartbeat failed with FENCED_MEMBER_EPOCH or UNKNOWN_MEMBER_ID; onPartitionsLost runs, then the member rejoins',
  },
  {
    target: 'PREPARE_LEAVING',
    validPrevious: ['JOINING', 'STABLE', 'RECONCILING', 'ACKNOWLEDGING', 'UNSUBSCRIBED'],
    heartbeat: 'interval',
    enteredWhen: 'unsubscribe or close (the owned partitions are released first), or the poll timer expired',
  },
  {
    target: 'LEAVING',
    validPrevious: ['PREPARE_LEAVING'],
    heartbeat: 'immediately',
    enteredWhen: 'the partitions were released: the next heartbeat carries the leave epoch (-1, or -2 for a static member)',
  },
  {
    target: 'STALE',
    validPrevious: ['LEAVING'],
    heartbeat: 'none',
    enteredWhen: 'the leave heartbeat of an expired poll timer went out; onPartitionsLost runs and the next poll rejoins',
  },
  {
    target: 'FATAL',
    validPrevious: ['JOINING', 'STABLE', 'RECONCILING', 'ACKNOWLEDGING', 'PREPARE_LEAVING', 'LEAVING', 'UNSUBSCRIBED'],
    heartbeat: 'none',
    enteredWhen: 'a heartbeat failed with an error Kafka treats as fatal; terminal',
  },
];

const VALID_PREVIOUS: ReadonlyMap<ConsumerMemberStateName, ReadonlySet<ConsumerMemberStateName>> = new Map(
  CONSUMER_MEMBER_TRANSITIONS.map((t) => [t.target, new Set(t.validPrevious)] as const),
);

/** True when the table allows a member to move from `from` to `to` (a self-transition always is). */
export function isValidConsumerMemberTransition(from: ConsumerMemberStateName, to: ConsumerMemberStateName): boolean {
  return from === to || (VALID_PREVIOUS.get(to)?.has(from) ?? false);
}

/** Throws InvariantError unless `from -> to` is in the table (Kafka throws IllegalStateException). */
export function assertValidConsumerMemberTransition(from: ConsumerMemberStateName, to: ConsumerMemberStateName): void {
  if (!isValidConsumerMemberTransition(from, to)) throw new InvariantError(`Invalid state transition from ${from} to ${to}`);
}

/** Kafka's isNotInGroup (and shouldSkipHeartbeat): the member sends no heartbeats in these states. */
export function isNotInGroup(state: ConsumerMemberStateName): boolean {
  return state === 'UNSUBSCRIBED' || state === 'FENCED' || state === 'FATAL' || state === 'STALE';
}

/** Kafka's canHandleNewAssignment: a received assignment is taken only in these states. */
export function canHandleNewAssignment(state: ConsumerMemberStateName): boolean {
  return state === 'STABLE' || state === 'JOINING' || state === 'ACKNOWLEDGING' || state === 'RECONCILING';
}

/** Kafka's shouldHeartbeatNow: the states that heartbeat without waiting for the interval. */
export function shouldHeartbeatNow(state: ConsumerMemberStateName): boolean {
  return state === 'JOINING' || state === 'ACKNOWLEDGING' || state === 'LEAVING';
}

/** The transition table as a Mermaid state diagram (docs/consumer-member.md embeds it; a test checks it is current). */
export function consumerMemberStateDiagramMermaid(): string {
  const lines = ['stateDiagram-v2', '    [*] --> UNSUBSCRIBED'];
  for (const t of CONSUMER_MEMBER_TRANSITIONS) for (const from of t.validPrevious) lines.push(`    ${from} --> ${t.target}`);
  return lines.join('\n');
}

/** The transition table as Markdown (docs/consumer-member.md embeds it; a test checks it is current). */
export function consumerMemberTransitionTableMarkdown(): string {
  const rows = CONSUMER_MEMBER_TRANSITIONS.map((t) => `| ${t.target} | ${t.validPrevious.join(', ')} | ${t.heartbeat} | ${t.enteredWhen} |`);
  return ['| State | Entered from | Heartbeats | Entered when |', '|---|---|---|---|', ...rows].join('\n');
}
