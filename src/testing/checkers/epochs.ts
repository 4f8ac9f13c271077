/**
 * Safety: epochs and generations never go backwards. A member's generation (classic) or epoch
 * (KIP-848) may be reset when it loses its membership, but otherwise only grows; the
 * coordinator's never decreases while it runs (a classic coordinator rebuilt after failover
 * restarts from the last generation it recorded, as Kafka's does).
 */

/** Tracks the last epoch of each subject and reports a disallowed change. */
export class EpochTracker {
  readonly #last = new Map<string, number>();

  /**
   * Records `epoch` for `subject`; returns a violation message when `allowed(previous, epoch)`
   * is false, otherwise null.
   */
  observe(subject: string, epoch: number, allowed: (from: number, to: number) => boolean = (a, b) => b >= a): string | null {
    const prev = this.#last.get(subject);
    this.#last.set(subject, epoch);
    if (prev === undefined || prev === epoch || allowed(prev, epoch)) return null;
    return `${subject} went from epoch ${prev} back to ${epoch}`;
  }

  /** Forgets `subject` (a restarted process, a coordinator rebuilt after failover). */
  forget(subject: string): void {
    this.#last.delete(subject);
  }
}
