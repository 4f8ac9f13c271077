/**
 * Type tests: each schema's output (and input) type is exactly the TypeScript interface it
 * checks, so a value that passes `Schema.parse` can be used where the interface is expected
 * and the schema cannot drift from the interface without this file failing to type-check.
 */
import { describe, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import {
  AssignmentSchema,
  GroupMemberSchema,
  Int32NonNegativeSchema,
  Int32Schema,
  RebalanceProtocolSchema,
  SubscriptionSchema,
  TopicMetadataSchema,
  TopicPartitionsSchema,
  type Assignment,
  type GroupMember,
  type RebalanceProtocol,
  type Subscription,
  type TopicMetadata,
  type TopicPartitions,
} from '../../src/protocol/index.js';

describe('schema output types equal the interfaces', () => {
  it('Subscription', () => {
    expectTypeOf<z.output<typeof SubscriptionSchema>>().toEqualTypeOf<Subscription>();
  });
  it('Assignment', () => {
    expectTypeOf<z.output<typeof AssignmentSchema>>().toEqualTypeOf<Assignment>();
  });
  it('GroupMember', () => {
    expectTypeOf<z.output<typeof GroupMemberSchema>>().toEqualTypeOf<GroupMember>();
  });
  it('TopicMetadata', () => {
    expectTypeOf<z.output<typeof TopicMetadataSchema>>().toEqualTypeOf<TopicMetadata>();
  });
  it('RebalanceProtocol', () => {
    expectTypeOf<z.output<typeof RebalanceProtocolSchema>>().toEqualTypeOf<RebalanceProtocol>();
  });
  it('TopicPartitions and the int32 schemas', () => {
    expectTypeOf<z.output<typeof TopicPartitionsSchema>>().toEqualTypeOf<TopicPartitions>();
    expectTypeOf<z.output<typeof Int32Schema>>().toEqualTypeOf<number>();
    expectTypeOf<z.output<typeof Int32NonNegativeSchema>>().toEqualTypeOf<number>();
  });
});

describe('schema input types accept the interfaces', () => {
  it('a value of the interface type can be passed to parse', () => {
    expectTypeOf<Subscription>().toExtend<z.input<typeof SubscriptionSchema>>();
    expectTypeOf<Assignment>().toExtend<z.input<typeof AssignmentSchema>>();
    expectTypeOf<GroupMember>().toExtend<z.input<typeof GroupMemberSchema>>();
    expectTypeOf<TopicMetadata>().toExtend<z.input<typeof TopicMetadataSchema>>();
  });

  it('parse returns the interface type', () => {
    expectTypeOf(SubscriptionSchema.parse).returns.toEqualTypeOf<Subscription>();
    expectTypeOf(GroupMemberSchema.parse).returns.toEqualTypeOf<GroupMember>();
  });
});
