/** Number formatting shared by the table and the report. */
import type { SimulationMetrics } from '../testing/index.js';

/** Seconds with one decimal, or "never" when the group did not settle. */
export function formatSeconds(ms: number | null): string {
  return ms === null ? 'never' : `${(ms / 1000).toFixed(1)} s`;
}

/** An integer with thousands separators (1,234,567). */
export function formatCount(n: number): string {
  return Math.round(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** The summary columns, in order, with their headers. */
export const METRIC_COLUMNS: readonly { readonly header: string; readonly cell: (m: SimulationMetrics) => string; readonly value: (m: SimulationMetrics) => number }[] = [
  { header: 'rebalances', cell: (m) => formatCount(m.rebalances), value: (m) => m.rebalances },
  { header: 'partitions revoked', cell: (m) => formatCount(m.partitionsRevoked), value: (m) => m.partitionsRevoked },
  { header: 'partitions moved', cell: (m) => formatCount(m.partitionsMoved), value: (m) => m.partitionsMoved },
  { header: 'time to Stable', cell: (m) => formatSeconds(m.timeToStableMs), value: (m) => m.timeToStableMs ?? Infinity },
  { header: 'partition-s without owner', cell: (m) => formatCount(m.unownedPartitionSeconds), value: (m) => m.unownedPartitionSeconds },
  { header: 'peak lag (msgs)', cell: (m) => formatCount(m.peakLag), value: (m) => m.peakLag },
  { header: 'total lag (msg-s)', cell: (m) => formatCount(m.lagMessageSeconds), value: (m) => m.lagMessageSeconds },
];
