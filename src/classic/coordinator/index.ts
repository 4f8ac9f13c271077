/**
 * The classic group coordinator (broker side): one pure state machine per group.
 * @packageDocumentation
 */
export { step } from './step.js';
export { initialState, onLoaded, replay, replayRecord } from './replay.js';
export { describeGroup, isAtRest, persistedView, recordsOf, toHex } from './view.js';
export type { PersistedMemberView, PersistedView } from './view.js';
export { CLASSIC_GROUP_DEFAULTS, resolveConfig, sequentialMemberIdSource } from './config.js';
export { CLASSIC_API_VERSIONS } from './schemas.js';
export { CLASSIC_GROUP_STATES, CLASSIC_GROUP_TRANSITIONS, canRebalance, isValidTransition, transitionTableMarkdown } from './states.js';
export type { ClassicGroupStateName, ClassicGroupTransition } from './states.js';
export { JOIN_TIMER_KEY, SYNC_TIMER_KEY, heartbeatTimerKey, memberIdOfTimerKey } from './timer-keys.js';
export { PMap } from '../../internal/pmap.js';
export type * from './types.js';
