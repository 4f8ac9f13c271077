/**
 * The states of a consumer group and of its members, as data (Kafka's `ConsumerGroupState`,
 * derived after every change, and `MemberState`), so that code, tests and docs read one table.
 */

/** The states of a consumer group, with Kafka's names. Dead is only reported for a missing group. */
export const CONSUMER_GROUP_STATES = ['Empty', 'Assigning', 'Reconciling', 'Stable'] as const;

/** A consumer group state, named as Kafka names it. */
export type ConsumerGroupStateName = (typeof CONSUMER_GROUP_STATES)[number];

/** One row of the group state table: when the state holds (checked in table order) and what it means. */
export interface ConsumerGroupStateRule {
  readonly state: ConsumerGroupStateName;
  readonly when: string;
  readonly meaning: string;
}

/** How Kafka derives the group state (ModernGroup/ConsumerGroup.maybeUpdateGroupState); the first rule that holds wins. */
export const CONSUMER_GROUP_STATE_RULES: readonly ConsumerGroupStateRule[] = [
  { state: 'Empty', when: 'the group has no members', meaning: 'nothing to assign; offsets are kept (G may exceed A)' },
  { state: 'Assigning', when: 'group epoch > target assignment epoch', meaning: 'the next heartbeat computes a new target assignment' },
  { state: 'Reconciling', when: 'some member is not STABLE at the target assignment epoch', meaning: 'members revoke and receive partitions towards the target' },
  { state: 'Stable', when: 'otherwise', meaning: 'every member owns exactly its target assignment' },
];

/** The member reconciliation states (Kafka's `MemberState`) with their record bytes and meanings. */
export const MEMBER_STATES = [
  { state: 'STABLE', value: 0, meaning: 'the member has everything it may have at its epoch' },
  { state: 'UNREVOKED_PARTITIONS', value: 1, meaning: 'the member must revoke partitions before it may move to the target epoch' },
  { state: 'UNRELEASED_PARTITIONS', value: 2, meaning: 'the member is at the target epoch and waits for partitions other members still own' },
  { state: 'UNKNOWN', value: 127, meaning: 'written by a newer version: the member must rejoin without partitions' },
] as const;

/** The group state from its facts (reference §2.4). */
export function deriveGroupState(facts: { memberCount: number; groupEpoch: number; assignmentEpoch: number; allReconciled: boolean }): ConsumerGroupStateName {
  if (facts.memberCount === 0) return 'Empty';
  if (facts.groupEpoch > facts.assignmentEpoch) return 'Assigning';
  return facts.allReconciled ? 'Stable' : 'Reconciling';
}

/** The state table as Markdown (docs/consumer-coordinator.md embeds it; a test checks it is current). */
export function consumerGroupStateTableMarkdown(): string {
  const rows = CONSUMER_GROUP_STATE_RULES.map((r) => `| ${r.state} | ${r.when} | ${r.meaning} |`);
  const members = MEMBER_STATES.map((m) => `| ${m.state} | ${m.value} | ${m.meaning} |`);
  return [
    '| Group state | Holds when (first match) | Meaning |',
    '|---|---|---|',
    ...rows,
    '',
    '| Member state | Record value | Meaning |',
    '|---|---|---|',
    ...members,
  ].join('\n');
}
