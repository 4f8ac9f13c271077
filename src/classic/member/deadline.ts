/** When the member next needs a `tick` (quinn's poll_timeout): the earliest of its deadlines. */
import { joinLoopDeadlines } from './drive.js';
import { hasNotJoinedGroup } from './states.js';
import type { ClassicMemberState } from './types.js';

function requestDeadlines(s: ClassicMemberState): number[] {
  const out: number[] = [];
  for (const r of [s.join, s.sync, s.heartbeat, s.commit?.request ?? null, s.leave]) if (r !== null) out.push(r.deadlineMs);
  return out;
}

function timerDeadlines(s: ClassicMemberState): number[] {
  if (s.closed || s.failed !== null) return [];
  const out: number[] = [];
  if (!hasNotJoinedGroup(s.state)) {
    out.push(s.sessionDeadlineMs, s.pollDeadlineMs);
    if (s.heartbeat === null) out.push(s.heartbeatDueMs);
  }
  // The join backoff and the commit before revocation matter only while the join loop can act
  // on them (see joinLoopDeadlines).
  out.push(...joinLoopDeadlines(s));
  return out;
}

/**
 * The time at which the member must be stepped (with `tick`) even if nothing else happens, or
 * null when it waits only for inputs. Stepping earlier is harmless.
 */
export function classicMemberNextDeadline(state: ClassicMemberState): number | null {
  const all = [...requestDeadlines(state), ...timerDeadlines(state)];
  return all.length === 0 ? null : Math.min(...all);
}
