/**
 * The HTML report: one self-contained page (inline CSS and SVG, no scripts, no network) that
 * compares the runs of one scenario: the summary table, owned partitions and total lag over
 * time for every run side by side, and each run's ownership timeline.
 */
import { formatScenario } from '../../testing/index.js';
import { METRIC_COLUMNS } from '../format.js';
import type { LabelledRun } from '../runs.js';
import { cellColour, esc, lineChart, ownershipTimeline, RUN_COLOURS } from './svg.js';

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2433;margin:0;background:#f6f7f9}
main{max-width:1180px;margin:0 auto;padding:24px 28px 48px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:32px 0 8px}
p.lead{color:#4a5568;margin:0 0 16px;max-width:900px}
table{border-collapse:collapse;background:#fff;box-shadow:0 1px 2px #0001;width:100%}
th,td{padding:7px 10px;border-bottom:1px solid #e5e8ee;text-align:right;white-space:nowrap}
th:first-child,td:first-child{text-align:left}th{font-weight:600;background:#eef1f5;font-size:13px}
td.best{background:#e3f4e6;font-weight:600}td.fail{color:#b42318;font-weight:600}
.swatch{display:inline-block;width:11px;height:11px;border-radius:2px;margin-right:6px;vertical-align:-1px}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(560px,1fr));gap:16px}
.card{background:#fff;border-radius:6px;box-shadow:0 1px 2px #0001;padding:10px 12px}
svg text{font:11px system-ui,sans-serif;fill:#4a5568}svg .chart-title{font-size:13px;font-weight:600;fill:#1d2433}
svg .grid{stroke:#e5e8ee}svg .action{stroke:#6b7280;stroke-dasharray:3 3}
svg .down{fill:url(#stopped)}svg .revoke{fill:#d62728}svg .lost{fill:#111}
.legend{display:flex;flex-wrap:wrap;gap:14px;margin:6px 0 0;font-size:13px}
.note{color:#4a5568;font-size:13px;max-width:900px}pre{background:#fff;padding:12px;border-radius:6px;font-size:12px;overflow:auto}
`;

const PATTERN = `<svg width="0" height="0" style="position:absolute"><defs><pattern id="stopped" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#f6f7f9"/><line x1="0" y1="0" x2="0" y2="6" stroke="#c8ccd4" stroke-width="2"/></pattern></defs></svg>`;

function colourOf(i: number): string {
  return RUN_COLOURS[i % RUN_COLOURS.length] as string;
}

function summary(runs: readonly LabelledRun[]): string {
  const best = METRIC_COLUMNS.map((c) => Math.min(...runs.map((r) => c.value(r.result.metrics))));
  const head = `<tr><th>protocol / assignor</th>${METRIC_COLUMNS.map((c) => `<th>${esc(c.header)}</th>`).join('')}<th>checks</th></tr>`;
  const rows = runs.map((r, i) => {
    const m = r.result.metrics;
    const cells = METRIC_COLUMNS.map((c, j) => `<td${runs.length > 1 && c.value(m) === best[j] ? ' class="best"' : ''}>${esc(c.cell(m))}</td>`).join('');
    const f = r.result.failure;
    const check = f === null ? '<td>ok</td>' : `<td class="fail" title="${esc(f.message)}">failed (${esc(f.kind)}, seed ${f.seed})</td>`;
    return `<tr><td><span class="swatch" style="background:${colourOf(i)}"></span>${esc(r.label)}</td>${cells}${check}</tr>`;
  });
  return `<table class="summary">${head}${rows.join('')}</table>`;
}

function legend(runs: readonly LabelledRun[]): string {
  return `<div class="legend">${runs.map((r, i) => `<span><span class="swatch" style="background:${colourOf(i)}"></span>${esc(r.label)}</span>`).join('')}</div>`;
}

function timelineLegend(): string {
  const steps = [1, 2, 4, 8].map((n) => `<span><span class="swatch" style="background:${cellColour(n, 8)}"></span>${n === 8 ? 'more partitions' : ''}</span>`).join('');
  return `<div class="legend"><span><span class="swatch" style="background:${cellColour(0, 8)}"></span>running, owns nothing</span>${steps}<span><span class="swatch" style="background:repeating-linear-gradient(45deg,#f6f7f9 0 3px,#c8ccd4 3px 5px)"></span>not running</span><span><span class="swatch" style="background:#d62728"></span>partitions revoked</span><span><span class="swatch" style="background:#111"></span>partitions lost</span><span>dashed line: scenario action</span></div>`;
}

function verdict(runs: readonly LabelledRun[]): string {
  if (runs.length < 2) return '';
  const by = (f: (r: LabelledRun) => number) => [...runs].sort((a, b) => f(a) - f(b))[0] as LabelledRun;
  const lag = by((r) => r.result.metrics.lagMessageSeconds);
  const moved = by((r) => r.result.metrics.partitionsRevoked);
  const idle = by((r) => r.result.metrics.unownedPartitionSeconds);
  return `<p class="lead">Least total lag: <b>${esc(lag.label)}</b>. Fewest partitions revoked: <b>${esc(moved.label)}</b>. Fewest partition-seconds without an owner: <b>${esc(idle.label)}</b>.</p>`;
}

/** The whole report page for `runs` of one scenario (`title` names it). */
export function renderReport(title: string, runs: readonly LabelledRun[]): string {
  const endMs = Math.max(...runs.map((r) => r.result.endMs));
  const actions = runs[0]?.result.series.actions ?? [];
  // Start a little before the first action: the group's first formation is the same for every run.
  const startMs = Math.max(0, Math.floor(((runs[0]?.result.metrics.windowStartMs ?? 0) - 20_000) / 10_000) * 10_000);
  const window = { startMs, endMs };
  const owned = lineChart({
    title: 'Partitions with an owner',
    yLabel: 'partitions',
    series: runs.map((r, i) => ({ label: r.label, colour: colourOf(i), timesMs: r.result.series.timesMs, values: r.result.series.ownedPartitions })),
    actions,
    window,
    yMax: Math.max(1, ...runs.map((r) => Math.max(...r.result.series.ownedPartitions, 0))),
  });
  const lag = lineChart({
    title: 'Total lag',
    yLabel: 'messages',
    series: runs.map((r, i) => ({ label: r.label, colour: colourOf(i), timesMs: r.result.series.timesMs, values: r.result.series.totalLag })),
    actions,
    window,
  });
  const timelines = runs.map((r) => `<div class="card">${ownershipTimeline(r.label, r.result.series, window)}</div>`).join('');
  const first = runs[0]?.result;
  const windowNote = first === undefined ? '' : ` Figures cover the time from the first action (${(first.metrics.windowStartMs / 1000).toFixed(0)} s) to the end; the group's first formation is left out.`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)}</title><style>${CSS}</style></head>
<body>${PATTERN}<main>
<h1>${esc(title)}</h1>
<p class="lead">Each run is a deterministic simulation of the same group (same seed, same events) under a different rebalance protocol and assignor. Lower is better in every column; the best value per column is highlighted.${esc(windowNote)}</p>
${summary(runs)}
${verdict(runs)}
<h2>Over time</h2>
${legend(runs)}
<div class="charts"><div class="card">${owned}</div><div class="card">${lag}</div></div>
<h2>Who owns what</h2>
<p class="note">One row per consumer, one column per second; the colour is how many partitions the consumer owns. A gap is a consumer that is not running (restarting); pink means running but owning nothing (for example between revoking and being assigned again in an eager rebalance).</p>
${timelineLegend()}
<div class="charts">${timelines}</div>
<h2>What the columns mean</h2>
<p class="note"><b>rebalances</b>: generations (classic) or group epochs (KIP-848) the coordinator went through. <b>partitions revoked</b>: partitions handed to onPartitionsRevoked or onPartitionsLost; each one stops being processed until it is assigned again. <b>partitions moved</b>: partitions that ended up with a different consumer. <b>time to Stable</b>: from the first action until the group was Stable with every partition owned for the last time. <b>partition-s without owner</b>: how long partitions had nobody to process them, summed. <b>peak lag</b> and <b>total lag</b>: messages waiting, at worst and integrated over time.</p>
<h2>Scenario</h2>
<pre>${esc(first === undefined ? '' : formatScenario(first.scenario))}</pre>
</main></body></html>
`;
}
