/**
 * The states of a classic group and Kafka's allowed transitions between them, kept as data
 * (Kafka's `ClassicGroupState.validPreviousStates`) so that the code, the tests and the
 * documentation all read the same table.
 */
import { InvariantError } from '../../errors.js';

/** The states of a classic group, with Kafka's names. */
export const CLASSIC_GROUP_STATES = ['Empty', 'PreparingRebalance', 'CompletingRebalance', 'Stable', 'Dead'] as const;

/** A classic group state, named as Kafka names it. */
export type ClassicGroupStateName = (typeof CLASSIC_GROUP_STATES)[number];

/** One row of the transition table: the states a group may enter `target` from, and why. */
export interface ClassicGroupTransition {
  /** The state entered. */
  readonly target: ClassicGroupStateName;
  /** The states it may be entered from; any other transition is a broken invariant. */
  readonly validPrevious: readonly ClassicGroupStateName[];
  /** What the group does in the state (Kafka's `action:` doc block). */
  readonly action: string;
  /** What moves the group into the state (Kafka's `transition:` doc block). */
  readonly enteredWhen: string;
}

/** Kafka's transition table for classic groups (ClassicGroupState, Kafka 4.0). */
export const CLASSIC_GROUP_TRANSITIONS: readonly ClassicGroupTransition[] = [
  {
    target: 'Empty',
    validPrevious: ['PreparingRebalance'],
    action: 'no members; offsets may still be committed (simple groups) and are kept',
    enteredWhen: 'a join phase completes with no members left (generation + 1, GroupMetadata record)',
  },
  {
    target: 'PreparingRebalance',
    validPrevious: ['Stable', 'CompletingRebalance', 'Empty'],
    action: 'parks JoinGroup requests until every member rejoined or the rebalance timeout; Heartbeat and SyncGroup get REBALANCE_IN_PROGRESS',
    enteredWhen: 'a member joins, rejoins with new metadata, leaves, expires, or the leader rejoins',
  },
  {
    target: 'CompletingRebalance',
    validPrevious: ['PreparingRebalance'],
    action: "parks SyncGroup requests until the leader's assignment is recorded",
    enteredWhen: 'the join phase completes with members (generation + 1, protocol selected)',
  },
  {
    target: 'Stable',
    validPrevious: ['CompletingRebalance'],
    action: 'answers heartbeats and serves each member its assignment',
    enteredWhen: "the leader's SyncGroup is recorded (GroupMetadata record with every assignment)",
  },
  {
    target: 'Dead',
    validPrevious: ['Stable', 'PreparingRebalance', 'CompletingRebalance', 'Empty', 'Dead'],
    action: 'answers every request with COORDINATOR_NOT_AVAILABLE',
    enteredWhen: 'the group is unloaded (its coordinator moves away)',
  },
];

const VALID_PREVIOUS: ReadonlyMap<ClassicGroupStateName, ReadonlySet<ClassicGroupStateName>> = new Map(
  CLASSIC_GROUP_TRANSITIONS.map((t) => [t.target, new Set(t.validPrevious)] as const),
);

/** True when Kafka allows a classic group to move from `from` to `to`. */
export function isValidTransition(from: ClassicGroupStateName, to: ClassicGroupStateName): boolean {
  return VALID_PREVIOUS.get(to)?.has(from) ?? false;
}

/** Throws InvariantError unless `from -> to` is in the table. */
export function assertValidTransition(from: ClassicGroupStateName, to: ClassicGroupStateName): void {
  if (!isValidTransition(from, to)) throw new InvariantError(`illegal classic group transition ${from} -> ${to}`);
}

/** Kafka's `canRebalance`: the states from which a rebalance may be prepared. */
export function canRebalance(state: ClassicGroupStateName): boolean {
  return isValidTransition(state, 'PreparingRebalance');
}

/** The transition table as a Markdown table (docs/classic-coordinator.md embeds it; a test checks it is current). */
export function transitionTableMarkdown(): string {
  const rows = CLASSIC_GROUP_TRANSITIONS.map((t) => `| ${t.target} | ${t.validPrevious.join(', ')} | ${t.enteredWhen} | ${t.action} |`);
  return ['| State | Entered from | Entered when | What it does |', '|---|---|---|---|', ...rows].join('\n');
}
