/**
 * Checks a scenario before it runs, so that impossible parameters get a message naming the
 * problem (a {@link UsageError}) instead of a failure deep inside a machine.
 */
import { UsageError } from '../../errors.js';
import { validateNetwork } from '../network.js';
import { checkAssignor } from '../nodes/protocols.js';
import { MAX_DURATION_MS, MAX_MEMBERS, MAX_PARTITIONS } from './defaults.js';
import { PROTOCOLS } from './types.js';
import type { Scenario, ScenarioAction } from './types.js';

function int(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new UsageError(`${name}=${String(value)} must be an integer from ${min} to ${max}`);
  }
}

function nonNegative(name: string, value: number): void {
  if (!Number.isFinite(value) || value < 0) throw new UsageError(`${name}=${String(value)} must be a number >= 0`);
}

function checkTopics(s: Scenario): void {
  if (s.topics.length === 0) throw new UsageError('the scenario has no topic');
  const names = new Set<string>();
  let total = 0;
  for (const t of s.topics) {
    if (t.name === '') throw new UsageError('a topic name is empty');
    if (names.has(t.name)) throw new UsageError(`topic '${t.name}' is declared twice`);
    names.add(t.name);
    int(`topic ${t.name} partitions`, t.partitions, 1, MAX_PARTITIONS);
    nonNegative(`topic ${t.name} rate`, t.ratePerSec);
    total += t.partitions;
  }
  if (total > MAX_PARTITIONS) throw new UsageError(`${total} partitions in all is more than the ${MAX_PARTITIONS} a simulation can hold`);
}

function checkSettings(s: Scenario): void {
  const m = s.settings;
  int('session-timeout', m.sessionTimeoutMs, 1, 0x7fffffff);
  int('heartbeat-interval', m.heartbeatIntervalMs, 1, 0x7fffffff);
  int('max-poll-interval', m.maxPollIntervalMs, 1, 0x7fffffff);
  int('request-timeout', m.requestTimeoutMs, 1, 0x7fffffff);
  int('poll-interval', m.pollIntervalMs, 1, 0x7fffffff);
  int('callback', m.callbackMs, 0, 0x7fffffff);
  nonNegative('capacity', m.capacityPerSec);
  if (m.heartbeatIntervalMs >= m.sessionTimeoutMs) throw new UsageError('heartbeat-interval must be lower than session-timeout');
  if (m.sessionTimeoutMs < 6_000) throw new UsageError('session-timeout must be at least 6000 ms (the coordinator\'s group.min.session.timeout.ms)');
}

/** Every member name the scenario may refer to: c1..cN, then one per member added. */
function checkActions(s: Scenario): void {
  const known = new Set<string>();
  for (let i = 1; i <= s.members; i++) known.add(`c${i}`);
  let next = s.members + 1;
  let last = -1;
  for (const { atMs, action } of s.actions) {
    int('action time', atMs, 0, MAX_DURATION_MS);
    if (atMs < last) throw new UsageError(`actions must be in time order (${atMs} ms comes after ${last} ms)`);
    last = atMs;
    checkAction(action, known);
    if (action.type === 'add') for (let i = 0; i < action.count; i++) known.add(`c${next++}`);
  }
  if (known.size > MAX_MEMBERS) throw new UsageError(`${known.size} members is more than the ${MAX_MEMBERS} a simulation can hold`);
}

function checkAction(a: ScenarioAction, known: ReadonlySet<string>): void {
  if ('member' in a && !known.has(a.member)) throw new UsageError(`action ${a.type} names member '${a.member}', which the scenario never starts`);
  if (a.type === 'add' || a.type === 'remove') int(`${a.type} count`, a.count, 1, MAX_MEMBERS);
  if (a.type === 'pause' || a.type === 'partition') int(`${a.type} for`, a.forMs, 1, MAX_DURATION_MS);
  if (a.type === 'rolling-deploy') {
    int('rolling-deploy interval', a.intervalMs, 1, MAX_DURATION_MS);
    int('rolling-deploy down', a.downMs, 0, MAX_DURATION_MS);
  }
}

/** Throws {@link UsageError} naming the first problem of `s`. */
export function validateScenario(s: Scenario): void {
  if (!PROTOCOLS.includes(s.protocol)) throw new UsageError(`unknown protocol '${String(s.protocol)}' (choose one of: ${PROTOCOLS.join(', ')})`);
  checkAssignor(s.protocol, s.assignor);
  int('members', s.members, 1, MAX_MEMBERS);
  checkTopics(s);
  checkSettings(s);
  validateNetwork(s.network);
  int('initial-rebalance-delay', s.initialRebalanceDelayMs, 0, 0x7fffffff);
  int('duration', s.durationMs, 1, MAX_DURATION_MS);
  if (s.livenessBoundMs !== undefined) int('liveness bound', s.livenessBoundMs, 1, MAX_DURATION_MS);
  checkActions(s);
}
