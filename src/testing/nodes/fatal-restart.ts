/**
 * What the simulated application does when its consumer fails fatally (Kafka throws a fatal
 * exception from poll, and the consumer is of no more use): it waits a moment, then makes a new
 * consumer. Without it, a static member fenced by a stale member id (after a failover that lost
 * its replacement) or refused while its predecessor's session lasts would poll a dead consumer
 * for ever, and the group would never settle.
 */
import { MemberEffectsBuilder } from './adapter.js';

/**
 * How long the application waits before it makes a new consumer after a fatal error (a
 * restarted static member whose predecessor crashed is refused with UNRELEASED_INSTANCE_ID
 * until the coordinator's session timer removes the old one).
 */
export const FATAL_RESTART_MS = 1_000;

/** The pending restart of one simulated application's consumer. */
export class FatalRestart {
  #atMs: number | null = null;

  /** The consumer failed fatally at `nowMs`: the application will replace it (once). */
  failed(nowMs: number): void {
    this.#atMs ??= nowMs + FATAL_RESTART_MS;
  }

  /** The application closes the consumer instead. */
  cancel(): void {
    this.#atMs = null;
  }

  /** True while a replacement is pending: the application no longer polls the failed consumer. */
  get pending(): boolean {
    return this.#atMs !== null;
  }

  /** True, once, when the replacement is due at `nowMs`. */
  due(nowMs: number): boolean {
    if (this.#atMs === null || nowMs < this.#atMs) return false;
    this.#atMs = null;
    return true;
  }

  /** The consumer's own next deadline, or the restart's when that is earlier. */
  deadline(next: number | null): number | null {
    if (this.#atMs === null) return next;
    return next === null ? this.#atMs : Math.min(next, this.#atMs);
  }
}

/** The effects that open with a replacement: the simulator starts a new incarnation, and `note` says why. */
export function replacementEffects(note: string): MemberEffectsBuilder {
  const fx = new MemberEffectsBuilder();
  fx.replaced = true;
  fx.errors.push(note);
  return fx;
}
