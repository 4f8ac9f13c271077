/**
 * The member states of Kafka's AbstractCoordinator (MemberState) and the transitions between
 * them, kept as data so that the code, the tests and docs/classic-member.md read one table.
 */
import { InvariantError } from '../../errors.js';

/** The member states, with Kafka's names. */
export const CLASSIC_MEMBER_STATES = ['UNJOINED', 'PREPARING_REBALANCE', 'COMPLETING_REBALANCE', 'STABLE'] as const;

/** A classic member state, named as Kafka names it. */
export type ClassicMemberStateName = (typeof CLASSIC_MEMBER_STATES)[number];

/** One row of the table: the states a member may enter `target` from, and why. */
export interface ClassicMemberTransition {
  /** The state entered. */
  readonly target: ClassicMemberStateName;
  /** The states it may be entered from; any other transition is a broken invariant. */
  readonly validPrevious: readonly ClassicMemberStateName[];
  /** What moves the member into the state. */
  readonly enteredWhen: string;
  /** What the member does in the state. */
  readonly action: string;
}

/** The transition table of the classic member (Kafka 4.0 clients). */
export const CLASSIC_MEMBER_TRANSITIONS: readonly ClassicMemberTransition[] = [
  {
    target: 'UNJOINED',
    validPrevious: ['UNJOINED', 'PREPARING_REBALANCE', 'COMPLETING_REBALANCE', 'STABLE'],
    enteredWhen: 'the generation is reset (UNKNOWN_MEMBER_ID, ILLEGAL_GENERATION, FENCED_INSTANCE_ID) or the member leaves (close, unsubscribe, poll timeout)',
    action: 'no heartbeats; the next join round reports owned partitions as lost',
  },
  {
    target: 'PREPARING_REBALANCE',
    validPrevious: ['UNJOINED', 'PREPARING_REBALANCE', 'COMPLETING_REBALANCE', 'STABLE'],
    enteredWhen: 'a JoinGroup is sent (after onJoinPrepare when a new round starts)',
    action: 'waits for the JoinGroup answer; no heartbeats',
  },
  {
    target: 'COMPLETING_REBALANCE',
    validPrevious: ['PREPARING_REBALANCE'],
    enteredWhen: 'JoinGroup succeeds: the generation is taken from the answer, the leader runs the assignor, SyncGroup is sent',
    action: 'heartbeats; waits for the SyncGroup answer',
  },
  {
    target: 'STABLE',
    validPrevious: ['COMPLETING_REBALANCE'],
    enteredWhen: 'SyncGroup succeeds for the current generation (onJoinComplete follows)',
    action: 'heartbeats; owns its assignment; rejoins when asked to (heartbeat REBALANCE_IN_PROGRESS, subscription or metadata change)',
  },
];

const VALID_PREVIOUS: ReadonlyMap<ClassicMemberStateName, ReadonlySet<ClassicMemberStateName>> = new Map(
  CLASSIC_MEMBER_TRANSITIONS.map((t) => [t.target, new Set(t.validPrevious)] as const),
);

/** True when the table allows a member to move from `from` to `to`. */
export function isValidClassicMemberTransition(from: ClassicMemberStateName, to: ClassicMemberStateName): boolean {
  return VALID_PREVIOUS.get(to)?.has(from) ?? false;
}

/** Throws InvariantError unless `from -> to` is in the table. */
export function assertValidClassicMemberTransition(from: ClassicMemberStateName, to: ClassicMemberStateName): void {
  if (!isValidClassicMemberTransition(from, to)) throw new InvariantError(`illegal classic member transition ${from} -> ${to}`);
}

/** Kafka's `hasNotJoinedGroup`: no heartbeats in these states. */
export function hasNotJoinedGroup(state: ClassicMemberStateName): boolean {
  return state === 'UNJOINED' || state === 'PREPARING_REBALANCE';
}

/** The transition table as Markdown (docs/classic-member.md embeds it; a test checks it is current). */
export function classicMemberTransitionTableMarkdown(): string {
  const rows = CLASSIC_MEMBER_TRANSITIONS.map((t) => `| ${t.target} | ${t.validPrevious.join(', ')} | ${t.enteredWhen} | ${t.action} |`);
  return ['| State | Entered from | Entered when | What it does |', '|---|---|---|---|', ...rows].join('\n');
}
