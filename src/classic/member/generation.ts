/**
 * Kafka's Generation rules on the member side: the empty generation, equality (used to ignore
 * errors for requests sent under an older generation), and what counts as "reset".
 */
import { errorName } from '../../protocol/error-codes.js';
import type { ClassicMemberGeneration } from './types.js';

/** Kafka's NO_GENERATION: no generation, no member id, no protocol. */
export const NO_GENERATION: ClassicMemberGeneration = Object.freeze({ generationId: -1, memberId: '', protocolName: null });

/** Kafka's Generation.equals: all three fields. */
export function sameGeneration(a: ClassicMemberGeneration, b: ClassicMemberGeneration): boolean {
  return a.generationId === b.generationId && a.memberId === b.memberId && a.protocolName === b.protocolName;
}

/** Kafka's hasGenerationReset: generation -1 and no protocol (the member id may survive an ILLEGAL_GENERATION). */
export function hasGenerationReset(g: ClassicMemberGeneration): boolean {
  return g.generationId === -1 && g.protocolName === null;
}

/** The generation after a reset: the member id survives unless `resetMemberId`. */
export function resetGeneration(g: ClassicMemberGeneration, resetMemberId: boolean): ClassicMemberGeneration {
  return resetMemberId ? NO_GENERATION : Object.freeze({ generationId: -1, memberId: g.memberId, protocolName: null });
}

/** Kafka truncates reasons to 255 characters before sending them (JoinGroupRequest.maybeTruncateReason). */
export function truncateReason(reason: string): string {
  return reason.length > 255 ? reason.slice(0, 255) : reason;
}

// Kafka's exception classes whose names do not follow from the error name.
const EXCEPTION_NAMES: ReadonlyMap<string, string> = new Map([
  ['GROUP_AUTHORIZATION_FAILED', 'GroupAuthorizationException'],
  ['TOPIC_AUTHORIZATION_FAILED', 'TopicAuthorizationException'],
  ['FENCED_INSTANCE_ID', 'FencedInstanceIdException'],
  ['INCONSISTENT_GROUP_PROTOCOL', 'InconsistentGroupProtocolException'],
  ['UNSUPPORTED_VERSION', 'UnsupportedVersionException'],
  ['OFFSET_METADATA_TOO_LARGE', 'OffsetMetadataTooLarge'],
]);

/** The simple name of Kafka's exception for an error code, e.g. `RebalanceInProgressException`. */
export function exceptionName(errorCode: number): string {
  const name = errorName(errorCode);
  const special = EXCEPTION_NAMES.get(name);
  if (special !== undefined) return special;
  if (name.startsWith('UNKNOWN(')) return 'KafkaException';
  const camel = name
    .toLowerCase()
    .split('_')
    .map((w) => (w === '' ? '' : (w[0] as string).toUpperCase() + w.slice(1)))
    .join('');
  return `${camel}Exception`;
}
