/** Small facts about scenario actions: their labels, and when the last one is over. */
import type { Scenario, ScenarioAction } from './types.js';

/** A short label for an action, as the text form writes it (without the time). */
export function actionLabel(a: ScenarioAction): string {
  switch (a.type) {
    case 'add':
    case 'remove':
      return `${a.type} ${a.count}`;
    case 'stop':
    case 'start':
    case 'crash':
      return `${a.type} ${a.member}`;
    case 'pause':
    case 'partition':
      return `${a.type} ${a.member} for=${formatDuration(a.forMs)}`;
    case 'heal':
    case 'failover':
      return a.type;
    case 'rolling-deploy':
      return `rolling-deploy interval=${formatDuration(a.intervalMs)} down=${formatDuration(a.downMs)}`;
  }
}

/** A duration as the text form writes it: `90s`, `1500ms`, `5m`. */
export function formatDuration(ms: number): string {
  if (ms % 60_000 === 0 && ms >= 60_000) return `${ms / 60_000}m`;
  if (ms % 1_000 === 0 && ms >= 1_000) return `${ms / 1_000}s`;
  return `${ms}ms`;
}

/**
 * When the scenario's last action is over: its time plus how long it lasts (a pause, a cut
 * link, a rolling deploy through every running member). 0 without actions. Liveness is
 * measured from here.
 */
export function lastActionEndMs(s: Scenario): number {
  let running = s.members;
  let end = 0;
  for (const { atMs, action: a } of s.actions) {
    let until = atMs;
    if (a.type === 'add') running += a.count;
    else if (a.type === 'remove') running = Math.max(0, running - a.count);
    else if (a.type === 'pause' || a.type === 'partition') until = atMs + a.forMs;
    else if (a.type === 'rolling-deploy') until = atMs + Math.max(0, running - 1) * a.intervalMs + a.downMs;
    end = Math.max(end, until);
  }
  return end;
}
