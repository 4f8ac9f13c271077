/** Safety: every state change a machine reports is in its transition table. */
import type { Transition } from '../nodes/adapter.js';

/** Messages for the transitions `isValid` rejects, naming `who` made them. */
export function invalidTransitions(who: string, transitions: readonly Transition[], isValid: (t: Transition) => boolean): string[] {
  const out: string[] = [];
  for (const t of transitions) if (!isValid(t)) out.push(`${who} made the transition ${t.from} -> ${t.to}, which its table does not allow`);
  return out;
}
