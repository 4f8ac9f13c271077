/**
 * Error codes: names and numbers are Kafka's (org.apache.kafka.common.protocol.Errors), every
 * code the classic and KIP-848 references list is present, and the table agrees with KafkaJS's
 * independent copy on every code KafkaJS knows.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { ALL_ERRORS, ErrorCode, errorInfo, errorName, type MemberReaction } from '../../src/protocol/index.js';

/** Kafka's names and codes for every error the two group protocols use. */
const KAFKA: Readonly<Record<string, number>> = {
  UNKNOWN_SERVER_ERROR: -1,
  NONE: 0,
  UNKNOWN_TOPIC_OR_PARTITION: 3,
  INVALID_FETCH_SIZE: 4,
  NOT_LEADER_OR_FOLLOWER: 6,
  REQUEST_TIMED_OUT: 7,
  MESSAGE_TOO_LARGE: 10,
  OFFSET_METADATA_TOO_LARGE: 12,
  NETWORK_EXCEPTION: 13,
  COORDINATOR_LOAD_IN_PROGRESS: 14,
  COORDINATOR_NOT_AVAILABLE: 15,
  NOT_COORDINATOR: 16,
  RECORD_LIST_TOO_LARGE: 18,
  NOT_ENOUGH_REPLICAS: 19,
  ILLEGAL_GENERATION: 22,
  INCONSISTENT_GROUP_PROTOCOL: 23,
  INVALID_GROUP_ID: 24,
  UNKNOWN_MEMBER_ID: 25,
  INVALID_SESSION_TIMEOUT: 26,
  REBALANCE_IN_PROGRESS: 27,
  INVALID_COMMIT_OFFSET_SIZE: 28,
  TOPIC_AUTHORIZATION_FAILED: 29,
  GROUP_AUTHORIZATION_FAILED: 30,
  UNSUPPORTED_VERSION: 35,
  INVALID_REQUEST: 42,
  KAFKA_STORAGE_ERROR: 56,
  NON_EMPTY_GROUP: 68,
  GROUP_ID_NOT_FOUND: 69,
  MEMBER_ID_REQUIRED: 79,
  GROUP_MAX_SIZE_REACHED: 81,
  FENCED_INSTANCE_ID: 82,
  UNSTABLE_OFFSET_COMMIT: 88,
  UNKNOWN_TOPIC_ID: 100,
  FENCED_MEMBER_EPOCH: 110,
  UNRELEASED_INSTANCE_ID: 111,
  UNSUPPORTED_ASSIGNOR: 112,
  STALE_MEMBER_EPOCH: 113,
  INVALID_REGULAR_EXPRESSION: 128,
};

/** Classic reference §0. */
const CLASSIC_CODES = [-1, 0, 3, 4, 6, 7, 10, 12, 14, 15, 16, 18, 19, 22, 23, 24, 25, 26, 27, 28, 29, 30, 35, 56, 68, 69, 79, 81, 82, 88];
/** KIP-848 reference §1.3. */
const KIP848_CODES = [0, -1, 14, 15, 16, 23, 25, 29, 30, 35, 42, 69, 81, 82, 110, 111, 112, 113, 128];

/** Codes Kafka renamed after KafkaJS 2.2.4 copied its table: KafkaJS name -> Kafka's current name. */
const KAFKAJS_OLD_NAMES: Readonly<Record<string, string>> = {
  UNKNOWN: 'UNKNOWN_SERVER_ERROR',
  NOT_LEADER_FOR_PARTITION: 'NOT_LEADER_OR_FOLLOWER',
  GROUP_LOAD_IN_PROGRESS: 'COORDINATOR_LOAD_IN_PROGRESS',
  GROUP_COORDINATOR_NOT_AVAILABLE: 'COORDINATOR_NOT_AVAILABLE',
  NOT_COORDINATOR_FOR_GROUP: 'NOT_COORDINATOR',
};

describe('ErrorCode', () => {
  it('is exactly Kafka\'s names and codes', () => {
    expect({ ...ErrorCode }).toEqual(KAFKA);
  });

  it('has every code both references list, with Kafka\'s name', () => {
    for (const code of [...CLASSIC_CODES, ...KIP848_CODES]) {
      const name = Object.keys(KAFKA).find((n) => KAFKA[n] === code);
      expect(name, `code ${code}`).toBeDefined();
      expect(errorName(code)).toBe(name);
      expect(errorInfo(code)?.code).toBe(code);
    }
  });

  it('spot checks', () => {
    expect(ErrorCode.NONE).toBe(0);
    expect(ErrorCode.UNKNOWN_SERVER_ERROR).toBe(-1);
    expect(ErrorCode.ILLEGAL_GENERATION).toBe(22);
    expect(ErrorCode.UNKNOWN_MEMBER_ID).toBe(25);
    expect(ErrorCode.REBALANCE_IN_PROGRESS).toBe(27);
    expect(ErrorCode.MEMBER_ID_REQUIRED).toBe(79);
    expect(ErrorCode.FENCED_INSTANCE_ID).toBe(82);
    expect(ErrorCode.FENCED_MEMBER_EPOCH).toBe(110);
    expect(ErrorCode.STALE_MEMBER_EPOCH).toBe(113);
    expect(ErrorCode.INVALID_REGULAR_EXPRESSION).toBe(128);
  });

  it('names and codes are unique', () => {
    const names = Object.keys(ErrorCode);
    const codes = Object.values(ErrorCode);
    expect(new Set(names).size).toBe(names.length);
    expect(new Set(codes).size).toBe(codes.length);
    expect(new Set(ALL_ERRORS.map((e) => e.code)).size).toBe(ALL_ERRORS.length);
    expect(new Set(ALL_ERRORS.map((e) => e.name)).size).toBe(ALL_ERRORS.length);
  });

  it('names are Kafka-style identifiers', () => {
    for (const name of Object.keys(ErrorCode)) expect(name).toMatch(/^[A-Z][A-Z0-9_]*$/);
  });
});

describe('errorInfo, errorName, ALL_ERRORS', () => {
  it('ALL_ERRORS lists every code once, ascending, frozen', () => {
    expect(ALL_ERRORS.map((e) => e.code)).toEqual(Object.values(KAFKA).sort((a, b) => a - b));
    expect(Object.isFrozen(ALL_ERRORS)).toBe(true);
    for (const info of ALL_ERRORS) {
      expect(Object.isFrozen(info)).toBe(true);
      expect(ErrorCode[info.name]).toBe(info.code);
      expect(errorInfo(info.code)).toBe(info);
      expect(info.message.length).toBeGreaterThan(0);
    }
  });

  it('unknown codes have no info and a descriptive name', () => {
    for (const code of [1, 2, 5, 99, 127, 129, 1000, -2, 32767]) {
      expect(errorInfo(code)).toBeUndefined();
      expect(errorName(code)).toBe(`UNKNOWN(${code})`);
    }
    expect(errorName(NaN)).toBe('UNKNOWN(NaN)');
  });

  it('agrees with KafkaJS on codes and retriability, allowing for names Kafka has since renamed', () => {
    const require = createRequire(import.meta.url);
    const { errorCodes } = require('kafkajs/src/protocol/error.js') as {
      errorCodes: readonly { type: string; code: number; retriable: boolean }[];
    };
    let compared = 0;
    for (const theirs of errorCodes) {
      const ours = errorInfo(theirs.code);
      if (ours === undefined) continue;
      compared++;
      expect(ours.name, `code ${theirs.code}`).toBe(KAFKAJS_OLD_NAMES[theirs.type] ?? theirs.type);
      expect(ours.retriable, ours.name).toBe(theirs.retriable);
    }
    // Everything but NONE and the codes newer than KafkaJS 2.2.4 (100, 110-113, 128).
    expect(compared).toBe(ALL_ERRORS.length - 7);
  });

  it('retriable mirrors Kafka\'s exception hierarchy for the group errors', () => {
    const retriable = ALL_ERRORS.filter((e) => e.retriable).map((e) => e.name).sort();
    expect(retriable).toEqual(
      [
        'COORDINATOR_LOAD_IN_PROGRESS',
        'COORDINATOR_NOT_AVAILABLE',
        'KAFKA_STORAGE_ERROR',
        'NETWORK_EXCEPTION',
        'NOT_COORDINATOR',
        'NOT_ENOUGH_REPLICAS',
        'NOT_LEADER_OR_FOLLOWER',
        'REQUEST_TIMED_OUT',
        'UNKNOWN_TOPIC_ID',
        'UNKNOWN_TOPIC_OR_PARTITION',
        'UNSTABLE_OFFSET_COMMIT',
      ].sort(),
    );
  });

  it('reactions follow the client tables of both references', () => {
    const expected: Readonly<Record<MemberReaction, readonly number[]>> = {
      none: [0],
      retry: [14, 15, 16, 113],
      rejoin: [22, 25, 27, 79, 110],
      surface: [12, 28, 29],
      fatal: [-1, 23, 24, 26, 30, 35, 42, 69, 81, 82, 111, 112, 128],
    };
    for (const [reaction, codes] of Object.entries(expected)) {
      for (const code of codes) expect(errorInfo(code)?.reaction, errorName(code)).toBe(reaction);
    }
  });
});
