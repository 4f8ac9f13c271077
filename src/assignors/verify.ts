/**
 * The assignment verifier: checks an assignor's output against its input, the way Kafka's own
 * tests and its consumer coordinator do. Shared by kgroup's tests, by `defineAssignor`
 * (custom assignors are checked before their output is used) and by the simulator.
 *
 * Every check is linear in the size of the input plus the output: owner tables are flat arrays
 * sized by partition counts (a Map instead when a topic's declared partition count is far larger
 * than anything assigned or owned, so a huge count in metadata never causes a huge allocation).
 */
import { KgroupError, UsageError } from '../errors.js';
import { PackedTopicPartitions, compareStrings, type TopicPartitions } from '../protocol/topic-partitions.js';
import type { Assignment, GroupMember, TopicMetadata } from '../protocol/types.js';
import type { AssignInput } from './types.js';

/** One thing wrong with an assignment. Partitions are named by topic and partition id. */
export type AssignmentViolation =
  /** An input member has no entry in the output (assignors must return one for every member, empty or not). */
  | { readonly kind: 'MISSING_MEMBER'; readonly memberId: string }
  /** The output has an entry for a member that is not in the input. */
  | { readonly kind: 'UNKNOWN_MEMBER'; readonly memberId: string }
  /** A member got a partition of a topic it does not subscribe to. */
  | { readonly kind: 'UNSUBSCRIBED_TOPIC'; readonly memberId: string; readonly topic: string; readonly partition: number }
  /** A member got a partition that does not exist: its topic is not in the metadata, or its id is out of range. */
  | { readonly kind: 'UNKNOWN_PARTITION'; readonly memberId: string; readonly topic: string; readonly partition: number }
  /** A partition went to two members (or twice to one); `otherMemberId` is the first owner by member id. */
  | {
      readonly kind: 'DUPLICATE_PARTITION';
      readonly memberId: string;
      readonly otherMemberId: string;
      readonly topic: string;
      readonly partition: number;
    }
  /** (`requireComplete` only) A subscribed, existing partition that nobody got. */
  | { readonly kind: 'UNASSIGNED_PARTITION'; readonly topic: string; readonly partition: number }
  /**
   * (`cooperative` only) `memberId` got a partition that `previousOwnerId` owned and gives up in this
   * same round; under the cooperative protocol it must be revoked first and assigned in a later round.
   */
  | {
      readonly kind: 'COOPERATIVE_REASSIGNMENT';
      readonly memberId: string;
      readonly previousOwnerId: string;
      readonly topic: string;
      readonly partition: number;
    };

/** What {@link verifyAssignment} checks besides validity. */
export interface VerifyOptions {
  /** Also report every subscribed, existing partition that nobody got (UNASSIGNED_PARTITION). Default false. */
  readonly requireComplete?: boolean;
  /**
   * Also check Kafka's cooperative rule (COOPERATIVE_REASSIGNMENT): no partition may be revoked from
   * one member (in its `subscription.ownedPartitions`, not in its new assignment) and added to another
   * (not in that one's `ownedPartitions`) in the same round. Default false.
   */
  readonly cooperative?: boolean;
}

/** Partitions per member of an assignment: the spread tells how balanced it is. */
export interface AssignmentStats {
  /** Fewest partitions any member got (0 for an empty output). */
  readonly min: number;
  /** Most partitions any member got (0 for an empty output). */
  readonly max: number;
  /** Partitions over all members. */
  readonly total: number;
}

/** Thrown by {@link assertValidAssignment} and by assignors made with `defineAssignor` when an output is invalid. */
export class AssignmentError extends KgroupError {
  override readonly name = 'AssignmentError';
  readonly code = 'ASSIGNMENT' as const;
  /** Every violation found, sorted as {@link verifyAssignment} sorts them. */
  readonly violations: readonly AssignmentViolation[];

  /** `context` (an assignor name, say) prefixes the message, which lists the first few violations. */
  constructor(violations: readonly AssignmentViolation[], context?: string) {
    const shown = violations.slice(0, MESSAGE_VIOLATIONS).map(describeViolation);
    const more = violations.length > shown.length ? `; and ${violations.length - shown.length} more` : '';
    const what = `${violations.length} assignment violation${violations.length === 1 ? '' : 's'}: ${shown.join('; ')}${more}`;
    super(context === undefined ? what : `${context}: ${what}`);
    this.violations = Object.freeze([...violations]);
  }
}

const MESSAGE_VIOLATIONS = 5;

/** One line of text for a violation, as used in {@link AssignmentError} messages. */
export function describeViolation(v: AssignmentViolation): string {
  const q = JSON.stringify;
  switch (v.kind) {
    case 'MISSING_MEMBER':
      return `member ${q(v.memberId)} has no assignment`;
    case 'UNKNOWN_MEMBER':
      return `assignment for unknown member ${q(v.memberId)}`;
    case 'UNSUBSCRIBED_TOPIC':
      return `member ${q(v.memberId)} got ${q(v.topic)}-${v.partition} but does not subscribe to ${q(v.topic)}`;
    case 'UNKNOWN_PARTITION':
      return `member ${q(v.memberId)} got ${q(v.topic)}-${String(v.partition)}, which does not exist`;
    case 'DUPLICATE_PARTITION':
      return `${q(v.topic)}-${v.partition} assigned to both ${q(v.otherMemberId)} and ${q(v.memberId)}`;
    case 'UNASSIGNED_PARTITION':
      return `${q(v.topic)}-${v.partition} is assigned to nobody`;
    case 'COOPERATIVE_REASSIGNMENT':
      return `${q(v.topic)}-${v.partition} moves from ${q(v.previousOwnerId)} to ${q(v.memberId)} without being revoked first`;
  }
}

/**
 * Checks `output` against `input` and returns every violation, sorted by kind (in the order of
 * {@link AssignmentViolation}), then topic, partition and member id. An empty array means valid.
 * Throws {@link UsageError} only for an input no group can have (two members with one id).
 */
export function verifyAssignment(
  input: AssignInput,
  output: ReadonlyMap<string, Assignment>,
  options: VerifyOptions = {},
): AssignmentViolation[] {
  const ctx = new Verification(input, output);
  ctx.checkMembers();
  ctx.checkAssigned();
  if (options.requireComplete === true) ctx.checkComplete();
  if (options.cooperative === true) ctx.checkCooperative();
  return sortViolations(ctx.violations);
}

/**
 * Sorts violations in place into {@link verifyAssignment}'s order and returns the array.
 * @internal
 */
export function sortViolations(violations: AssignmentViolation[]): AssignmentViolation[] {
  return violations.sort(compareViolations);
}

/** {@link verifyAssignment}, throwing an {@link AssignmentError} listing the violations if there are any. */
export function assertValidAssignment(input: AssignInput, output: ReadonlyMap<string, Assignment>, options: VerifyOptions = {}): void {
  const violations = verifyAssignment(input, output, options);
  if (violations.length > 0) throw new AssignmentError(violations);
}

/** Fewest, most and total partitions per member of `output` (one entry per member, empty ones included). */
export function assignmentStats(output: ReadonlyMap<string, Assignment>): AssignmentStats {
  let min = Infinity;
  let max = 0;
  let total = 0;
  for (const assignment of output.values()) {
    const n = countOf(assignment.partitions);
    min = Math.min(min, n);
    max = Math.max(max, n);
    total += n;
  }
  return { min: output.size === 0 ? 0 : min, max, total };
}

const KIND_ORDER: Readonly<Record<AssignmentViolation['kind'], number>> = {
  MISSING_MEMBER: 0,
  UNKNOWN_MEMBER: 1,
  UNSUBSCRIBED_TOPIC: 2,
  UNKNOWN_PARTITION: 3,
  DUPLICATE_PARTITION: 4,
  UNASSIGNED_PARTITION: 5,
  COOPERATIVE_REASSIGNMENT: 6,
};

function compareViolations(a: AssignmentViolation, b: AssignmentViolation): number {
  return (
    KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
    compareStrings('topic' in a ? a.topic : '', 'topic' in b ? b.topic : '') ||
    comparePartitionIds('partition' in a ? a.partition : -1, 'partition' in b ? b.partition : -1) ||
    compareStrings('memberId' in a ? a.memberId : '', 'memberId' in b ? b.memberId : '') ||
    compareStrings(otherOf(a), otherOf(b))
  );
}

/** Partition ids in a broken output may be anything (NaN included): order them totally, via their text when not comparable. */
function comparePartitionIds(a: number, b: number): number {
  if (a < b) return -1;
  if (a > b) return 1;
  return a === b ? 0 : compareStrings(String(a), String(b));
}

function otherOf(v: AssignmentViolation): string {
  return v.kind === 'DUPLICATE_PARTITION' ? v.otherMemberId : v.kind === 'COOPERATIVE_REASSIGNMENT' ? v.previousOwnerId : '';
}

function countOf(tp: TopicPartitions): number {
  if (tp instanceof PackedTopicPartitions) return tp.partitionCount;
  let n = 0;
  for (const partitions of tp.values()) n += partitions.length;
  return n;
}

/** Calls `fn` for every (topic, partition) of a TopicPartitions, without materializing a packed set's arrays. */
function forEachTopicPartition(tp: TopicPartitions, fn: (topic: string, partition: number) => void): void {
  if (tp instanceof PackedTopicPartitions) {
    tp.forEachPartition(fn);
    return;
  }
  for (const [topic, partitions] of tp) for (const p of partitions) fn(topic, p);
}

/**
 * Who holds each partition of one topic: the first holder (a member index, -1 for none) in a
 * flat array or a Map, plus the rare further holders of a partition held more than once.
 */
class Holders {
  readonly #dense: Int32Array | null;
  readonly #sparse: Map<number, number> | null;
  #more: Map<number, number[]> | null = null;

  constructor(partitions: number, dense: boolean) {
    this.#dense = dense ? new Int32Array(partitions).fill(-1) : null;
    this.#sparse = dense ? null : new Map();
  }

  /** The first holder of `p`, or -1. */
  first(p: number): number {
    return this.#dense !== null ? (this.#dense[p] as number) : (this.#sparse?.get(p) ?? -1);
  }

  /** Records `member` as a holder of `p`; returns the first holder it had before, or -1. */
  add(p: number, member: number): number {
    const dense = this.#dense;
    const first = dense !== null ? (dense[p] as number) : (this.#sparse?.get(p) ?? -1);
    if (first === -1) {
      if (dense !== null) dense[p] = member;
      else this.#sparse?.set(p, member);
      return -1;
    }
    const more = (this.#more ??= new Map());
    const list = more.get(p);
    if (list === undefined) more.set(p, [member]);
    else list.push(member);
    return first;
  }

  /** Every holder of `p` (first, then the others in the order they were added). */
  all(p: number): readonly number[] {
    const first = this.first(p);
    if (first === -1) return [];
    const more = this.#more?.get(p);
    return more === undefined ? [first] : [first, ...more];
  }

  /** True when `member` holds `p`. */
  holds(p: number, member: number): boolean {
    const first = this.first(p);
    return first === member || (first !== -1 && (this.#more?.get(p)?.includes(member) ?? false));
  }
}

/** A topic of the metadata, with who got and who owned its partitions. */
interface TopicTables {
  readonly topic: string;
  readonly partitions: number;
  readonly assigned: Holders;
  owned: Holders | null;
}

/** The state of one verification; each check appends to `violations`. */
class Verification {
  readonly violations: AssignmentViolation[] = [];
  readonly #input: AssignInput;
  readonly #output: ReadonlyMap<string, Assignment>;
  /** Input and output member ids together, sorted: member indices point in here. */
  readonly #ids: string[];
  readonly #inputMembers: (GroupMember | undefined)[];
  readonly #tables = new Map<string, TopicTables>();
  readonly #denseLimit: number;

  constructor(input: AssignInput, output: ReadonlyMap<string, Assignment>) {
    this.#input = input;
    this.#output = output;
    const byId = new Map<string, GroupMember>();
    for (const m of input.members) {
      if (byId.has(m.memberId)) throw new UsageError(`verifyAssignment: duplicate member id ${JSON.stringify(m.memberId)} in the input`);
      byId.set(m.memberId, m);
    }
    this.#ids = [...new Set([...byId.keys(), ...output.keys()])].sort(compareStrings);
    this.#inputMembers = this.#ids.map((id) => byId.get(id));
    // Flat owner tables are fine while a topic's partition count is within reach of what the
    // input and output actually hold; beyond that (metadata claiming millions of partitions that
    // nobody holds), a Map keeps memory proportional to the data.
    let held = 0;
    for (const a of output.values()) held += countOf(a.partitions);
    for (const m of input.members) held += m.subscription.ownedPartitions === undefined ? 0 : countOf(m.subscription.ownedPartitions);
    this.#denseLimit = 2 * held + 1024;
  }

  checkMembers(): void {
    this.#ids.forEach((id, i) => {
      const known = this.#inputMembers[i] !== undefined;
      const has = this.#output.has(id);
      if (known && !has) this.violations.push({ kind: 'MISSING_MEMBER', memberId: id });
      if (!known && has) this.violations.push({ kind: 'UNKNOWN_MEMBER', memberId: id });
    });
  }

  checkAssigned(): void {
    const subscriptions = new Map<readonly string[], ReadonlySet<string>>();
    this.#ids.forEach((memberId, m) => {
      const assignment = this.#output.get(memberId);
      if (assignment === undefined) return;
      const member = this.#inputMembers[m];
      let subscribed: ReadonlySet<string> | null = null;
      if (member !== undefined) {
        // Members often share one topics array; build each set once.
        const topics = member.subscription.topics;
        subscribed = subscriptions.get(topics) ?? new Set(topics);
        subscriptions.set(topics, subscribed);
      }
      // Partitions come grouped by topic: look the topic up once per run, not once per partition.
      let lastTopic: string | undefined;
      let tables: TopicTables | undefined;
      let unsubscribed = false;
      forEachTopicPartition(assignment.partitions, (topic, partition) => {
        if (topic !== lastTopic) {
          lastTopic = topic;
          tables = this.#tablesOf(topic);
          unsubscribed = subscribed !== null && !subscribed.has(topic);
        }
        if (tables === undefined || !isPartitionOf(partition, tables.partitions)) {
          this.violations.push({ kind: 'UNKNOWN_PARTITION', memberId, topic, partition });
          return;
        }
        if (unsubscribed) this.violations.push({ kind: 'UNSUBSCRIBED_TOPIC', memberId, topic, partition });
        const first = tables.assigned.add(partition, m);
        if (first !== -1) {
          this.violations.push({ kind: 'DUPLICATE_PARTITION', memberId, otherMemberId: this.#ids[first] as string, topic, partition });
        }
      });
    });
  }

  checkComplete(): void {
    const subscribed = new Set<string>();
    for (const m of this.#input.members) for (const t of m.subscription.topics) subscribed.add(t);
    for (const topic of [...subscribed].sort(compareStrings)) {
      const tables = this.#tablesOf(topic);
      if (tables === undefined) continue;
      for (let p = 0; p < tables.partitions; p++) {
        if (tables.assigned.first(p) === -1) this.violations.push({ kind: 'UNASSIGNED_PARTITION', topic, partition: p });
      }
    }
  }

  /**
   * Kafka's validateCooperativeAssignment: the partitions revoked by some member (owned, no longer
   * assigned to it) and those added to some member (assigned, not owned by it) must not meet.
   */
  checkCooperative(): void {
    // First pass: who owned what. Second pass: each owned partition that its owner gives up, and
    // that goes to a member that did not own it, is a violation (reported once per receiver).
    this.#forEachClaim((m, tables, partition) => {
      tables.owned ??= new Holders(tables.partitions, this.#dense(tables.partitions));
      if (!tables.owned.holds(partition, m)) tables.owned.add(partition, m);
    });
    const reported = new Set<string>();
    this.#forEachClaim((m, tables, partition) => {
      if (tables.assigned.holds(partition, m)) return; // kept, not revoked
      for (const receiver of tables.assigned.all(partition)) {
        if (tables.owned?.holds(partition, receiver) === true) continue; // owned already, not added
        const key = JSON.stringify([tables.topic, partition, receiver]);
        if (reported.has(key)) continue;
        reported.add(key);
        this.violations.push({
          kind: 'COOPERATIVE_REASSIGNMENT',
          memberId: this.#ids[receiver] as string,
          previousOwnerId: this.#ids[m] as string,
          topic: tables.topic,
          partition,
        });
      }
    });
  }

  /** Every owned partition of an input member that still exists, members in id order. */
  #forEachClaim(fn: (member: number, tables: TopicTables, partition: number) => void): void {
    this.#inputMembers.forEach((member, m) => {
      const owned = member?.subscription.ownedPartitions;
      if (owned === undefined) return;
      let lastTopic: string | undefined;
      let tables: TopicTables | undefined;
      forEachTopicPartition(owned, (topic, partition) => {
        if (topic !== lastTopic) {
          lastTopic = topic;
          tables = this.#tablesOf(topic);
        }
        // A partition that no longer exists cannot be handed to anyone.
        if (tables !== undefined && isPartitionOf(partition, tables.partitions)) fn(m, tables, partition);
      });
    });
  }

  /** The tables of a topic that exists (in the metadata, with >= 1 partition), created on first use. */
  #tablesOf(topic: string): TopicTables | undefined {
    const existing = this.#tables.get(topic);
    if (existing !== undefined) return existing;
    const meta: TopicMetadata | undefined = this.#input.topics.get(topic);
    const partitions = meta?.partitions ?? 0;
    if (!Number.isInteger(partitions) || partitions <= 0) return undefined;
    const tables: TopicTables = { topic, partitions, assigned: new Holders(partitions, this.#dense(partitions)), owned: null };
    this.#tables.set(topic, tables);
    return tables;
  }

  #dense(partitions: number): boolean {
    return partitions <= this.#denseLimit;
  }
}

function isPartitionOf(partition: number, partitions: number): boolean {
  return Number.isInteger(partition) && partition >= 0 && partition < partitions;
}
