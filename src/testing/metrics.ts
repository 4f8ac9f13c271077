/**
 * What a simulation measured, in terms an operator can weigh: rebalances, partitions revoked
 * and moved, how long until the group was Stable again, partition-seconds without an owner,
 * and lag. Counts cover the measured window, which starts at the scenario's first action (the
 * group's first formation is the same for every protocol and is left out).
 */

/** The summary figures of one run. */
export interface SimulationMetrics {
  /** When the measured window starts (the first action), in ms. */
  readonly windowStartMs: number;
  /** Generation (classic) or group epoch (KIP-848) bumps in the window. */
  readonly rebalances: number;
  /** Partitions handed to onPartitionsRevoked or onPartitionsLost callbacks. */
  readonly partitionsRevoked: number;
  /** Partitions that changed owner (gained by a member other than their last owner). */
  readonly partitionsMoved: number;
  /** From the window start until the group was last settled; null when it did not settle. */
  readonly timeToStableMs: number | null;
  /** Partition-seconds with no owner in the window. */
  readonly unownedPartitionSeconds: number;
  /** The largest total lag seen (messages). */
  readonly peakLag: number;
  /** Total lag integrated over the window (message-seconds). */
  readonly lagMessageSeconds: number;
  /** Total lag at the end (messages). */
  readonly finalLag: number;
}

/** Time series for charts, one point per sample. */
export interface SimulationSeries {
  readonly sampleMs: number;
  readonly timesMs: number[];
  /** Partitions with at least one owner. */
  readonly ownedPartitions: number[];
  readonly totalLag: number[];
  /** Per member (by name, in order of first start): partitions owned, -1 while not running. */
  readonly members: { readonly name: string; readonly owned: number[] }[];
  /** Revocations and losses, as they happened. */
  readonly revocations: { readonly atMs: number; readonly member: string; readonly count: number; readonly kind: 'revoked' | 'lost' }[];
  /** Group state changes of the coordinator. */
  readonly groupStates: { readonly atMs: number; readonly state: string; readonly epoch: number }[];
  /** Scenario actions, for annotations. */
  readonly actions: { readonly atMs: number; readonly label: string }[];
}

/** Accumulates the figures while a simulation runs. */
export class MetricsRecorder {
  windowStartMs = 0;
  rebalances = 0;
  partitionsRevoked = 0;
  peakLag = 0;
  lagMessageMs = 0;
  settledAtMs: number | null = null;
  wasUnsettledInWindow = false;

  /** True once the measured window has begun. */
  inWindow(nowMs: number): boolean {
    return nowMs >= this.windowStartMs;
  }

  /** Builds the summary. */
  summary(args: { nowMs: number; moved: number; unownedMs: number; finalLag: number; settledNow: boolean }): SimulationMetrics {
    let timeToStableMs: number | null;
    if (!args.settledNow) timeToStableMs = null;
    else if (!this.wasUnsettledInWindow) timeToStableMs = 0;
    else timeToStableMs = (this.settledAtMs ?? args.nowMs) - this.windowStartMs;
    return {
      windowStartMs: this.windowStartMs,
      rebalances: this.rebalances,
      partitionsRevoked: this.partitionsRevoked,
      partitionsMoved: args.moved,
      timeToStableMs,
      unownedPartitionSeconds: args.unownedMs / 1000,
      peakLag: this.peakLag,
      lagMessageSeconds: this.lagMessageMs / 1000,
      finalLag: args.finalLag,
    };
  }
}
