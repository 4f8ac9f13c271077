/**
 * The simulation's trace: one line per thing that happened, in order. The last lines are kept
 * for failure transcripts; every line is folded into a digest (FNV-1a), so two runs of the same
 * seed can be compared byte for byte without keeping the whole trace.
 */

/** A bounded trace with a running digest. */
export class Trace {
  readonly #ring: string[] = [];
  readonly #all: string[] | null;
  #hash = 0x811c9dc5;
  #count = 0;

  /**
   * @param keep how many of the last lines to keep (0 keeps none and skips the digest too)
   * @param full keep every line as well
   */
  constructor(
    private readonly keep: number,
    full = false,
  ) {
    this.#all = full ? [] : null;
  }

  /** True when lines are recorded at all (callers skip building them otherwise). */
  get enabled(): boolean {
    return this.keep > 0 || this.#all !== null;
  }

  /** Records one line at `nowMs`. */
  add(nowMs: number, line: string): void {
    const text = `${nowMs} ${line}`;
    this.#count++;
    let h = this.#hash;
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
    this.#hash = Math.imul(h ^ 10, 0x01000193) >>> 0;
    this.#all?.push(text);
    if (this.keep <= 0) return;
    this.#ring.push(text);
    if (this.#ring.length > this.keep * 2) this.#ring.splice(0, this.#ring.length - this.keep);
  }

  /** The last kept lines. */
  tail(): string[] {
    return this.#ring.slice(-this.keep);
  }

  /** Every line, when the trace keeps them all. */
  all(): string[] | null {
    return this.#all === null ? null : [...this.#all];
  }

  /** The digest of every line so far, with the line count: `count:hex`. */
  digest(): string {
    return `${this.#count}:${this.#hash.toString(16).padStart(8, '0')}`;
  }
}
