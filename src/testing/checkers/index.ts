/** The invariant checkers, usable on their own as well as inside the simulator. */
export { findOwnershipOverlaps, indexOverlaps } from './ownership.js';
export type { OwnershipClaim } from './ownership.js';
export { EpochTracker } from './epochs.js';
export { invalidTransitions } from './transitions.js';
export { unsettledReasons } from './settled.js';
export type { SettledMember } from './settled.js';
export { checkClassicReplay, checkConsumerReplay } from './replay.js';
