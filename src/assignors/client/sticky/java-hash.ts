/**
 * The few pieces of Java's hashing that decide Kafka's sticky output: where Kafka iterates a
 * `HashMap` or `HashSet`, the order it sees is a function of the keys' hash codes, and kgroup
 * reproduces that order from sorted data so that outputs match Kafka's without depending on the
 * order of the input.
 */

/** Java's `String.hashCode()`: sum of s[i] * 31^(n-1-i) over UTF-16 code units, in int32 arithmetic. */
export function javaStringHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}

/** Java's `TopicPartition.hashCode()`, from the topic's {@link javaStringHash} and the partition id. */
export function topicPartitionHash(topicHash: number, partition: number): number {
  return (Math.imul(31, (31 + partition) | 0) + topicHash) | 0;
}

/** The bucket of a hash code in a Java `HashMap` table of `capacity` (a power of two) buckets. */
export function javaBucket(hash: number, capacity: number): number {
  return (hash ^ (hash >>> 16)) & (capacity - 1);
}

/** Table size of a default-constructed Java `HashMap` after `size` insertions (16, doubled past 3/4 full). */
export function javaDefaultCapacity(size: number): number {
  let capacity = 16;
  while (size > capacity * 0.75) capacity *= 2;
  return capacity;
}

/**
 * The iteration order of a default Java `HashMap` (or `HashSet`) into which `keys` were put in
 * the given order, as indices into `keys`. Java iterates bucket by bucket and, within a bucket,
 * in insertion order (a resize splits buckets without reordering them). Bins that Java turns
 * into trees (8 or more keys in one bucket of a table of 64 or more) are not modelled: member
 * ids would need colliding hash codes for that.
 */
export function javaHashMapOrder(keys: readonly string[]): Int32Array {
  const capacity = javaDefaultCapacity(keys.length);
  const buckets = new Float64Array(keys.length);
  const order = new Int32Array(keys.length);
  for (let i = 0; i < keys.length; i++) {
    buckets[i] = javaBucket(javaStringHash(keys[i] as string), capacity);
    order[i] = i;
  }
  order.sort((a, b) => (buckets[a] as number) - (buckets[b] as number) || a - b);
  return order;
}
