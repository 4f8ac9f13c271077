/** When the member next needs a `tick` (quinn's poll_timeout): the earliest of its deadlines. */
import { heartbeatDeadline } from './heartbeat.js';
import { isNotInGroup } from './states.js';
import type { ConsumerMemberState } from './types.js';

/**
 * The time at which the member must be stepped (with `tick`) even if nothing else happens, or
 * null when it waits only for inputs. Stepping earlier is harmless.
 */
export function consumerMemberNextDeadline(state: ConsumerMemberState): number | null {
  let best = Infinity;
  for (const f of state.heartbeat.inFlight) best = Math.min(best, f.deadlineMs);
  if (state.commit !== null) best = Math.min(best, state.commit.deadlineMs);
  const leaving = state.state === 'PREPARE_LEAVING' || state.state === 'LEAVING';
  // While the coordinator is unknown the poll timer is not checked (Kafka's heartbeat manager
  // returns before it), so its deadline would only make the driver spin.
  if (!isNotInGroup(state.state) && !leaving && state.coordinator !== 'unknown') best = Math.min(best, state.pollDeadlineMs);
  const hb = heartbeatDeadline(state);
  if (hb !== null) best = Math.min(best, hb);
  return best === Infinity ? null : Math.max(best, state.lastNowMs);
}
