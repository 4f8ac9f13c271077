/**
 * The report's charts, as inline SVG strings: a line chart that overlays one series per run,
 * and an ownership timeline (members by time, coloured by how many partitions each owns, with
 * revocations marked). No scripts and no external resources: the page works offline.
 */
import type { SimulationSeries } from '../../testing/index.js';

/** Colours for runs, in order (distinct for common colour-vision deficiencies). */
export const RUN_COLOURS: readonly string[] = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#17becf'];

/** Escapes text for HTML and SVG. */
export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function niceMax(v: number): number {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

function shortNumber(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(n % 1e6 === 0 ? 0 : 1)}M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(n % 1e3 === 0 ? 0 : 1)}k`;
  return String(Math.round(n * 100) / 100);
}

/** One line of a line chart. */
export interface LineSeries {
  readonly label: string;
  readonly colour: string;
  readonly timesMs: readonly number[];
  readonly values: readonly number[];
}

/** Layout of a chart. */
interface Frame {
  readonly width: number;
  readonly height: number;
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

/** The time window a chart shows, in ms. */
export interface TimeWindow {
  readonly startMs: number;
  readonly endMs: number;
}

function timeAxis(f: Frame, w: TimeWindow, x: (t: number) => number): string {
  const stepS = niceMax((w.endMs - w.startMs) / 1000 / 8);
  const parts: string[] = [];
  for (let s = Math.ceil(w.startMs / 1000 / stepS) * stepS; s * 1000 <= w.endMs; s += stepS) {
    const px = x(s * 1000);
    parts.push(`<line x1="${px}" x2="${px}" y1="${f.top}" y2="${f.height - f.bottom}" class="grid"/>`);
    parts.push(`<text x="${px}" y="${f.height - f.bottom + 14}" class="tick" text-anchor="middle">${s}s</text>`);
  }
  return parts.join('');
}

function xScale(f: Frame, w: TimeWindow): (t: number) => number {
  return (t) => f.left + ((Math.min(Math.max(t, w.startMs), w.endMs) - w.startMs) / Math.max(1, w.endMs - w.startMs)) * (f.width - f.left - f.right);
}

function markers(f: Frame, actions: SimulationSeries['actions'], x: (t: number) => number): string {
  return actions
    .filter((a, i) => i === 0 || a.atMs !== actions[i - 1]?.atMs)
    .map((a) => `<line x1="${x(a.atMs)}" x2="${x(a.atMs)}" y1="${f.top}" y2="${f.height - f.bottom}" class="action"><title>${esc(`${(a.atMs / 1000).toFixed(1)} s: ${a.label}`)}</title></line>`)
    .join('');
}

/** A line chart overlaying several series on one time axis. */
export function lineChart(opts: { title: string; yLabel: string; series: readonly LineSeries[]; actions: SimulationSeries['actions']; window: TimeWindow; yMax?: number }): string {
  const f: Frame = { width: 560, height: 240, left: 56, right: 12, top: 28, bottom: 28 };
  const w = opts.window;
  const inWindow = (s: LineSeries) => s.values.filter((_, i) => (s.timesMs[i] ?? 0) >= w.startMs);
  const maxV = opts.yMax ?? niceMax(Math.max(0, ...opts.series.flatMap(inWindow)));
  const scale = xScale(f, w);
  const x = (t: number) => scale(t).toFixed(1);
  const y = (v: number) => (f.top + (1 - v / maxV) * (f.height - f.top - f.bottom)).toFixed(1);
  const yTicks = [0, 0.25, 0.5, 0.75, 1]
    .map((q) => `<line x1="${f.left}" x2="${f.width - f.right}" y1="${y(q * maxV)}" y2="${y(q * maxV)}" class="grid"/><text x="${f.left - 6}" y="${Number(y(q * maxV)) + 4}" class="tick" text-anchor="end">${shortNumber(q * maxV)}</text>`)
    .join('');
  const lines = opts.series
    .map((s) => {
      const pts = s.timesMs.flatMap((t, i) => (t < w.startMs ? [] : [`${x(t)},${y(s.values[i] ?? 0)}`])).join(' ');
      return `<polyline points="${pts}" fill="none" stroke="${s.colour}" stroke-width="1.8" stroke-linejoin="round" class="series"><title>${esc(s.label)}</title></polyline>`;
    })
    .join('');
  return `<svg class="chart" viewBox="0 0 ${f.width} ${f.height}" width="${f.width}" height="${f.height}" role="img" aria-label="${esc(opts.title)}">
<text x="${f.left}" y="16" class="chart-title">${esc(opts.title)}</text>
<text x="${f.width - f.right}" y="16" class="tick" text-anchor="end">${esc(opts.yLabel)}</text>
${yTicks}${timeAxis(f, w, scale)}${markers(f, opts.actions, scale)}${lines}
</svg>`;
}

/** Colour of a cell owning `count` partitions when the largest count is `max`. */
export function cellColour(count: number, max: number): string {
  if (count < 0) return 'none';
  if (count === 0) return '#f3c6c1';
  // A blue ramp from light to dark as the member's share grows.
  const q = Math.min(1, count / Math.max(1, max));
  const from = [198, 219, 239];
  const to = [8, 69, 148];
  const c = from.map((v, i) => Math.round(v + (((to[i] as number) - v) * q)));
  return `rgb(${c.join(',')})`;
}

/** Consecutive samples with the same value, as [startIndex, endIndex, value]. */
function runsOf(values: readonly number[]): [number, number, number][] {
  const out: [number, number, number][] = [];
  let start = 0;
  for (let i = 1; i <= values.length; i++) {
    if (i === values.length || values[i] !== values[start]) {
      out.push([start, i, values[start] as number]);
      start = i;
    }
  }
  return out;
}

/** The ownership timeline of one run: a row per member, a cell per sample. */
export function ownershipTimeline(title: string, series: SimulationSeries, w: TimeWindow): string {
  const rowH = 18;
  const f: Frame = { width: 560, height: 48 + series.members.length * rowH, left: 44, right: 12, top: 26, bottom: 22 };
  const x = xScale(f, w);
  const max = Math.max(1, ...series.members.flatMap((m) => m.owned));
  const rows = series.members.map((m, r) => {
    const y0 = f.top + r * rowH;
    const cells = runsOf(m.owned)
      .map(([a, b, v]) => {
        const x0 = x(series.timesMs[a] ?? 0);
        const x1 = x(series.timesMs[b] ?? w.endMs);
        const fill = cellColour(v, max);
        const label = v < 0 ? 'not running' : `${v} partitions`;
        return fill === 'none'
          ? `<rect x="${x0.toFixed(1)}" y="${y0 + 2}" width="${Math.max(0.5, x1 - x0).toFixed(1)}" height="${rowH - 4}" class="down"><title>${esc(`${m.name}: ${label}`)}</title></rect>`
          : `<rect x="${x0.toFixed(1)}" y="${y0 + 2}" width="${Math.max(0.5, x1 - x0).toFixed(1)}" height="${rowH - 4}" fill="${fill}"><title>${esc(`${m.name}: ${label}`)}</title></rect>`;
      })
      .join('');
    return `<text x="${f.left - 6}" y="${y0 + rowH / 2 + 4}" class="tick" text-anchor="end">${esc(m.name)}</text>${cells}`;
  });
  const rowOf = new Map(series.members.map((m, i) => [m.name, i]));
  const marks = series.revocations
    .map((rv) => {
      const r = rowOf.get(rv.member);
      if (r === undefined || rv.atMs < w.startMs) return '';
      const px = x(rv.atMs);
      const y0 = f.top + r * rowH;
      return `<path d="M${px.toFixed(1)},${y0 + 1} l-4,-6 h8 z" class="${rv.kind === 'lost' ? 'lost' : 'revoke'}"><title>${esc(`${(rv.atMs / 1000).toFixed(1)} s: ${rv.member} ${rv.kind} ${rv.count}`)}</title></path>`;
    })
    .join('');
  const fAxis = { ...f, height: f.top + series.members.length * rowH + f.bottom };
  return `<svg class="timeline" viewBox="0 0 ${f.width} ${fAxis.height}" width="${f.width}" height="${fAxis.height}" role="img" aria-label="${esc(title)}">
<text x="${f.left}" y="14" class="chart-title">${esc(title)}</text>
${timeAxis(fAxis, w, x)}${rows.join('')}${markers(fAxis, series.actions, x)}${marks}
</svg>`;
}
