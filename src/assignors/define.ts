/**
 * `defineAssignor`: the easy way to write a custom classic-protocol assignor. kgroup does the
 * parts every assignor needs and gets wrong easily: it validates and sorts the input, hands the
 * assignor a sorted view, accepts plain data back, fills in members the assignor left out, and
 * verifies the result (unsubscribed topics, partitions that do not exist, duplicates, and
 * Kafka's cooperative rule for assignors that support COOPERATIVE) before anyone uses it.
 */
import { UsageError } from '../errors.js';
import { PackedTopicPartitions, TopicPartitionsBuilder, compareStrings } from '../protocol/topic-partitions.js';
import type { TopicPartition } from '../protocol/topic-partitions.js';
import type { TopicPartitionsInput } from '../protocol/topic-partitions-ops.js';
import type { Assignment, GroupMember, RebalanceProtocol, TopicMetadata } from '../protocol/types.js';
import { prepareInput, type PreparedInput } from './client/prepare.js';
import type { AssignInput, PartitionAssignor, SubscriptionUserDataContext } from './types.js';
import { AssignmentError, sortViolations, verifyAssignment, type AssignmentViolation, type VerifyOptions } from './verify.js';

/** A topic as a custom assignor sees it: it exists, has partitions, and somebody subscribes to it. */
export interface PreparedTopic {
  /** The topic name. */
  readonly name: string;
  /** Its partition count (>= 1); partition ids are 0..partitions-1. */
  readonly partitions: number;
  /** Its metadata as given (partition racks included, when known). */
  readonly metadata: TopicMetadata;
  /** Ids of the members that subscribe to it, sorted. */
  readonly subscribers: readonly string[];
}

/** The sorted, checked view of the input that a custom assignor's `assign` receives. */
export interface PreparedGroup {
  /** Every member, sorted by member id (UTF-16 code units). */
  readonly members: readonly GroupMember[];
  /** The subscribed topics that exist with at least one partition, sorted by name. */
  readonly topics: readonly PreparedTopic[];
  /** The same topics by name. */
  readonly topicsByName: ReadonlyMap<string, PreparedTopic>;
}

/** An assignment as a custom assignor may return it: partitions in any accepted shape, optional user data. */
export interface AssignmentInput {
  /** The partitions, as a map, a `{ topic: [ids] }` object, `[topic, ids]` entries or `{ topic, partition }` pairs. */
  readonly partitions: TopicPartitionsInput;
  /** Bytes for the member's assignor, if any. */
  readonly userData?: Uint8Array | null;
}

/** What a custom assignor's `assign` returns: member id -> partitions (any accepted shape) or an {@link AssignmentInput}. */
export type AssignorResult = ReadonlyMap<string, TopicPartitionsInput | AssignmentInput>;

/** The definition of a custom assignor. */
export interface AssignorDefinition {
  /** The protocol name members advertise (must be non-empty, and the same on every member). */
  readonly name: string;
  /** Supported rebalance protocols; default `['EAGER']`. */
  readonly supportedProtocols?: readonly RebalanceProtocol[];
  /** User data for a member's subscription (a member's capacity, say); default none. */
  readonly subscriptionUserData?: (ctx: SubscriptionUserDataContext) => Uint8Array | null;
  /** Computes the assignment from the sorted view. Members left out get an empty assignment. */
  readonly assign: (group: PreparedGroup, input: AssignInput) => AssignorResult;
  /**
   * Verify each result (default true), throwing {@link AssignmentError} on a violation. Options
   * may ask for completeness; the cooperative check defaults to on when `supportedProtocols`
   * includes COOPERATIVE. `false` skips verification.
   */
  readonly verify?: boolean | VerifyOptions;
}

const PROTOCOLS: readonly RebalanceProtocol[] = ['EAGER', 'COOPERATIVE'];

/** Makes a frozen {@link PartitionAssignor} from a definition. Throws {@link UsageError} for a bad definition. */
export function defineAssignor(definition: AssignorDefinition): PartitionAssignor {
  const { name, assign, subscriptionUserData } = checkDefinition(definition);
  const supportedProtocols = Object.freeze([...(definition.supportedProtocols ?? ['EAGER'])]);
  const verify = verifyOptions(definition.verify, supportedProtocols.includes('COOPERATIVE'));
  const run = (input: AssignInput): Map<string, Assignment> => {
    const prepared = prepareInput(input, name);
    const result = assign(preparedGroup(prepared), input);
    return finish(name, input, prepared, result, verify);
  };
  const assignor: PartitionAssignor =
    subscriptionUserData === undefined
      ? { name, supportedProtocols, assign: run }
      : { name, supportedProtocols, subscriptionUserData: (ctx) => subscriptionUserData(ctx), assign: run };
  return Object.freeze(assignor);
}

function checkDefinition(d: AssignorDefinition): AssignorDefinition {
  if (typeof d !== 'object' || d === null) throw new UsageError('defineAssignor: the definition must be an object');
  if (typeof d.name !== 'string' || d.name === '') throw new UsageError('defineAssignor: name must be a non-empty string');
  if (typeof d.assign !== 'function') throw new UsageError(`defineAssignor(${d.name}): assign must be a function`);
  if (d.subscriptionUserData !== undefined && typeof d.subscriptionUserData !== 'function') {
    throw new UsageError(`defineAssignor(${d.name}): subscriptionUserData must be a function`);
  }
  const protocols = d.supportedProtocols;
  if (protocols !== undefined) {
    const ok = Array.isArray(protocols) && protocols.length > 0 && protocols.every((p) => PROTOCOLS.includes(p));
    if (!ok || new Set(protocols).size !== protocols.length) {
      throw new UsageError(`defineAssignor(${d.name}): supportedProtocols must be a non-empty list of distinct 'EAGER' / 'COOPERATIVE'`);
    }
  }
  if (d.verify !== undefined && typeof d.verify !== 'boolean' && (typeof d.verify !== 'object' || d.verify === null)) {
    throw new UsageError(`defineAssignor(${d.name}): verify must be a boolean or verify options`);
  }
  return d;
}

function verifyOptions(verify: boolean | VerifyOptions | undefined, cooperative: boolean): VerifyOptions | null {
  if (verify === false) return null;
  const given: VerifyOptions = verify === true || verify === undefined ? {} : verify;
  return { requireComplete: given.requireComplete ?? false, cooperative: given.cooperative ?? cooperative };
}

/** The frozen, sorted view of a prepared input. */
function preparedGroup(prepared: PreparedInput): PreparedGroup {
  const subscribers = new Map<string, string[]>(prepared.topics.map((t) => [t, []]));
  for (const m of prepared.members) {
    for (const t of new Set(m.subscription.topics)) subscribers.get(t)?.push(m.memberId);
  }
  const topics = prepared.topics.map((name) =>
    Object.freeze({
      name,
      partitions: prepared.partitionCounts.get(name) as number,
      metadata: prepared.metadata.get(name) as TopicMetadata,
      subscribers: Object.freeze(subscribers.get(name) ?? []),
    }),
  );
  return Object.freeze({
    members: Object.freeze([...prepared.members]),
    topics: Object.freeze(topics),
    topicsByName: new Map(topics.map((t) => [t.name, t])),
  });
}

/** Normalizes the result, fills in missing members, and verifies it. */
function finish(
  name: string,
  input: AssignInput,
  prepared: PreparedInput,
  result: AssignorResult,
  verify: VerifyOptions | null,
): Map<string, Assignment> {
  if (!(result instanceof Map)) throw new UsageError(`${name}: assign must return a Map from member id to assignment`);
  const bad: AssignmentViolation[] = [];
  const given = new Map<string, Assignment>();
  for (const [memberId, value] of result as ReadonlyMap<unknown, unknown>) {
    if (typeof memberId !== 'string') throw new UsageError(`${name}: assign returned a key that is not a member id: ${String(memberId)}`);
    given.set(memberId, toAssignment(name, memberId, value, bad));
  }
  const output = new Map<string, Assignment>();
  for (const m of prepared.members) output.set(m.memberId, given.get(m.memberId) ?? { partitions: PackedTopicPartitions.EMPTY });
  for (const id of [...given.keys()].sort(compareStrings)) if (!output.has(id)) output.set(id, given.get(id) as Assignment);
  // Bad partition ids cannot even be represented, so they are an error with or without verification.
  const violations = verify === null ? bad : [...bad, ...verifyAssignment(input, output, verify)];
  if (violations.length > 0) throw new AssignmentError(sortViolations(violations), name);
  return output;
}

function toAssignment(name: string, memberId: string, value: unknown, bad: AssignmentViolation[]): Assignment {
  if (isAssignmentInput(value)) {
    const userData = value.userData ?? null;
    if (userData !== null && !(userData instanceof Uint8Array)) {
      throw new UsageError(`${name}: the user data for member ${JSON.stringify(memberId)} is not a Uint8Array`);
    }
    const partitions = toPartitions(name, memberId, value.partitions, bad);
    return userData === null ? { partitions } : { partitions, userData };
  }
  return { partitions: toPartitions(name, memberId, value, bad) };
}

/**
 * `{ partitions, userData? }` is an assignment, unless `partitions` is an array of numbers: then
 * the object is a `{ topic: [ids] }` map with a topic named "partitions". (`{ partitions: [] }`
 * means nothing either way.)
 */
function isAssignmentInput(value: unknown): value is AssignmentInput {
  if (typeof value !== 'object' || value === null || Symbol.iterator in value || !Object.hasOwn(value, 'partitions')) return false;
  const partitions = (value as { partitions: unknown }).partitions;
  if (typeof partitions !== 'object' || partitions === null) return false;
  return !(Array.isArray(partitions) && partitions.every((p) => typeof p === 'number'));
}

/** Builds a packed set from any accepted shape; partition ids that are not int32 >= 0 become UNKNOWN_PARTITION. */
function toPartitions(name: string, memberId: string, value: unknown, bad: AssignmentViolation[]): PackedTopicPartitions {
  if (value instanceof PackedTopicPartitions) return value;
  const builder = new TopicPartitionsBuilder();
  forEachPair(name, memberId, value, (topic, partition) => {
    if (typeof topic !== 'string') throw new UsageError(`${name}: a topic assigned to ${JSON.stringify(memberId)} is not a string`);
    if (typeof partition === 'number' && Number.isInteger(partition) && partition >= 0 && partition <= 0x7fffffff) builder.add(topic, partition);
    else bad.push({ kind: 'UNKNOWN_PARTITION', memberId, topic, partition: typeof partition === 'number' ? partition : NaN });
  });
  return builder.build();
}

/** Walks the (topic, partition) pairs of any shape `topicPartitions()` accepts. */
function forEachPair(name: string, memberId: string, value: unknown, fn: (topic: unknown, partition: unknown) => void): void {
  const fail = () => new UsageError(`${name}: the assignment of member ${JSON.stringify(memberId)} is not a set of topic partitions`);
  if (typeof value !== 'object' || value === null) throw fail();
  if (!(Symbol.iterator in value)) {
    for (const topic of Object.keys(value)) {
      const ids: unknown = (value as Record<string, unknown>)[topic];
      if (!Array.isArray(ids)) throw fail();
      for (const p of ids) fn(topic, p);
    }
    return;
  }
  for (const item of value as Iterable<unknown>) {
    if (Array.isArray(item)) {
      const ids: unknown = item[1];
      if (typeof ids !== 'object' || ids === null || !(Symbol.iterator in ids)) throw fail();
      for (const p of ids as Iterable<unknown>) fn(item[0], p);
    } else if (typeof item === 'object' && item !== null) {
      fn((item as TopicPartition).topic, (item as TopicPartition).partition);
    } else {
      throw fail();
    }
  }
}
