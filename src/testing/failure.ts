/**
 * A failed run: what broke, when, the seed, and a transcript that replays it (the scenario in
 * its text form; running it with the same seed repeats the failure exactly).
 */

/** What kind of failure (TigerBeetle's VOPR classes): a broken invariant, no convergence, or a machine that threw. */
export type FailureKind = 'safety' | 'liveness' | 'crash';

/** A failure found by the simulator. */
export interface SimulationFailure {
  readonly kind: FailureKind;
  readonly atMs: number;
  readonly seed: number;
  readonly message: string;
  /** The last lines of the trace before the failure. */
  readonly trace: readonly string[];
}

/** The failure as text: seed, what broke, the replayable scenario and the trace tail. */
export function formatFailure(f: SimulationFailure, scenarioText: string): string {
  return [
    `simulation failed (${f.kind}) at ${f.atMs} ms with seed ${f.seed}: ${f.message}`,
    '',
    `replay with: kgroup simulate --seed ${f.seed} --scenario-file <file with the scenario below>`,
    '--- scenario ---',
    scenarioText.trimEnd(),
    '--- last trace lines ---',
    ...f.trace,
  ].join('\n');
}
