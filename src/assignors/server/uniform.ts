/**
 * The uniform assignor (Kafka's `UniformAssignor`, name `uniform`, the default): balance first,
 * then stickiness. A homogeneous group gets the quota-based builder, a heterogeneous one the
 * least-loaded fill with balancing passes. Like Kafka 4.x, it does not use rack information.
 */
import { compareStrings } from '../../protocol/topic-partitions.js';
import { assignUniformHeterogeneous } from './uniform-heterogeneous.js';
import { assignUniformHomogeneous, type TopicOrder } from './uniform-homogeneous.js';
import type { GroupAssignment, GroupSpec, ServerAssignor, SubscribedTopicDescriber } from './types.js';

/** Options of {@link createUniformAssignor}. */
export interface UniformAssignorOptions {
  /**
   * The order in which the homogeneous builder walks the subscribed topics when it lists free
   * partitions (Kafka walks a Java hash set). Default: topic ids ascending by UTF-16 code unit.
   */
  readonly topicOrder?: TopicOrder;
}

/** The name the uniform assignor is selected by. */
export const UNIFORM_ASSIGNOR_NAME = 'uniform';

/** A uniform assignor with the given options. */
export function createUniformAssignor(options: UniformAssignorOptions = {}): ServerAssignor {
  const topicOrder = options.topicOrder ?? compareStrings;
  return {
    name: UNIFORM_ASSIGNOR_NAME,
    assign(spec: GroupSpec, describer: SubscribedTopicDescriber): GroupAssignment {
      if (spec.memberIds.length === 0) return new Map();
      return spec.subscriptionType === 'HOMOGENEOUS'
        ? assignUniformHomogeneous(spec, describer, topicOrder)
        : assignUniformHeterogeneous(spec, describer);
    },
  };
}

/** The uniform assignor with Kafka's behaviour and sorted topic order. */
export const uniformAssignor: ServerAssignor = createUniformAssignor();
