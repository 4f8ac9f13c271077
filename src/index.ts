/**
 * kgroup: Kafka consumer-group coordination as pure state machines.
 *
 * The root entry re-exports the protocol vocabulary, the ConsumerProtocol codec and the
 * assignors; the machines live under their own subpaths (`kgroup/classic`, `kgroup/consumer`,
 * `kgroup/testing`, `kgroup/runtime`).
 * @packageDocumentation
 */
export * from './protocol/index.js';
export * from './assignors/index.js';
