/**
 * The plain-text form of a scenario, for files and transcripts. One statement per line, `#`
 * starts a comment; durations take a unit (`250ms`, `30s`, `5m`, `1h`; a bare number is ms):
 *
 * ```
 * scenario rolling-deploy
 * protocol cooperative
 * assignor cooperative-sticky
 * topic orders partitions=48 rate=100
 * members 6
 * settings session-timeout=45s heartbeat-interval=3s static=false
 * network latency=1ms jitter=2ms drop=0.01 duplicate=0
 * initial-rebalance-delay 3s
 * duration 10m
 * at 60s rolling-deploy interval=30s down=5s
 * at 90s crash c3
 * ```
 *
 * `formatScenario` writes every field, so `parseScenario(formatScenario(s))` gives `s` back.
 * A malformed line is a {@link UsageError} that names the line and the problem.
 */
import { UsageError } from '../../errors.js';
import { DEFAULT_ASSIGNOR } from '../nodes/protocols.js';
import { actionLabel, formatDuration } from './actions.js';
import { baseScenario } from './defaults.js';
import { PROTOCOLS } from './types.js';
import type { MemberSettings, Protocol, Scenario, ScenarioAction, TimedAction, TopicSpec } from './types.js';
import { validateScenario } from './validate.js';

const UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

/** Parses a duration such as `250ms`, `30s`, `5m`, `1h` or `1500` (ms); throws UsageError. */
export function parseDuration(text: string, what = 'duration'): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (m === null) throw new UsageError(`${what} '${text}' is not a duration (like 250ms, 30s, 5m)`);
  const ms = Number(m[1]) * (UNITS[m[2] ?? 'ms'] as number);
  if (!Number.isSafeInteger(Math.round(ms))) throw new UsageError(`${what} '${text}' is too large`);
  return Math.round(ms);
}

function parseNumber(text: string, what: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n)) throw new UsageError(`${what} '${text}' is not a number`);
  return n;
}

function parseBool(text: string, what: string): boolean {
  if (text === 'true') return true;
  if (text === 'false') return false;
  throw new UsageError(`${what} '${text}' must be true or false`);
}

/** `key=value` arguments of a statement, each used at most once; unknown keys are errors. */
class Args {
  readonly #values = new Map<string, string>();
  readonly positional: string[] = [];

  constructor(tokens: readonly string[], private readonly statement: string) {
    for (const t of tokens) {
      const eq = t.indexOf('=');
      if (eq < 0) this.positional.push(t);
      else {
        const key = t.slice(0, eq);
        if (this.#values.has(key)) throw new UsageError(`${statement}: ${key} is given twice`);
        this.#values.set(key, t.slice(eq + 1));
      }
    }
  }

  take(key: string): string | undefined {
    const v = this.#values.get(key);
    this.#values.delete(key);
    return v;
  }

  need(key: string): string {
    const v = this.take(key);
    if (v === undefined) throw new UsageError(`${this.statement} needs ${key}=`);
    return v;
  }

  done(): void {
    const left = [...this.#values.keys()];
    if (left.length > 0) throw new UsageError(`${this.statement} does not take ${left.map((k) => `${k}=`).join(', ')}`);
  }
}

const SETTING_KEYS: Readonly<Record<string, { field: keyof MemberSettings; kind: 'duration' | 'number' | 'bool' }>> = {
  'session-timeout': { field: 'sessionTimeoutMs', kind: 'duration' },
  'heartbeat-interval': { field: 'heartbeatIntervalMs', kind: 'duration' },
  'max-poll-interval': { field: 'maxPollIntervalMs', kind: 'duration' },
  'request-timeout': { field: 'requestTimeoutMs', kind: 'duration' },
  'poll-interval': { field: 'pollIntervalMs', kind: 'duration' },
  callback: { field: 'callbackMs', kind: 'duration' },
  capacity: { field: 'capacityPerSec', kind: 'number' },
  static: { field: 'static', kind: 'bool' },
  'auto-commit': { field: 'autoCommit', kind: 'bool' },
};

function parseSettings(args: Args, base: MemberSettings): MemberSettings {
  const out: Record<string, number | boolean> = { ...base };
  for (const [key, { field, kind }] of Object.entries(SETTING_KEYS)) {
    const v = args.take(key);
    if (v === undefined) continue;
    out[field] = kind === 'duration' ? parseDuration(v, key) : kind === 'number' ? parseNumber(v, key) : parseBool(v, key);
  }
  args.done();
  return out as unknown as MemberSettings;
}

function one(args: Args, statement: string): string {
  args.done();
  if (args.positional.length !== 1) throw new UsageError(`${statement} takes one value`);
  return args.positional[0] as string;
}

function member(args: Args, statement: string): string {
  const name = args.positional[0];
  if (name === undefined || args.positional.length !== 1) throw new UsageError(`${statement} takes one member name`);
  return name;
}

function count(args: Args, statement: string): number {
  const n = Number(one(args, statement));
  if (!Number.isInteger(n)) throw new UsageError(`${statement} takes a whole number`);
  return n;
}

/** Parses the action part of an `at <time> <action> ...` line. */
function parseAction(type: string, args: Args): ScenarioAction {
  let a: ScenarioAction;
  switch (type) {
    case 'add':
    case 'remove':
      return { type, count: count(args, type) };
    case 'stop':
    case 'start':
    case 'crash':
      a = { type, member: member(args, type) };
      break;
    case 'pause':
    case 'partition':
      a = { type, member: member(args, type), forMs: parseDuration(args.need('for'), 'for') };
      break;
    case 'heal':
    case 'failover':
      if (args.positional.length > 0) throw new UsageError(`${type} takes no value`);
      a = { type };
      break;
    case 'rolling-deploy':
      a = { type, intervalMs: parseDuration(args.need('interval'), 'interval'), downMs: parseDuration(args.need('down'), 'down') };
      break;
    default:
      throw new UsageError(`unknown action '${type}' (add, remove, stop, start, crash, pause, partition, heal, failover, rolling-deploy)`);
  }
  args.done();
  return a;
}

interface Draft {
  s: Scenario;
  topics: TopicSpec[];
  actions: TimedAction[];
}

function parseTopic(args: Args): TopicSpec {
  const name = member(args, 'topic');
  const partitions = parseNumber(args.need('partitions'), 'partitions');
  const rate = args.take('rate');
  args.done();
  return { name, partitions, ratePerSec: rate === undefined ? 100 : parseNumber(rate, 'rate') };
}

function parseNetwork(args: Args, s: Scenario): Scenario['network'] {
  const n = { ...s.network };
  const latency = args.take('latency');
  const jitter = args.take('jitter');
  const drop = args.take('drop');
  const duplicate = args.take('duplicate');
  args.done();
  return {
    latencyMs: latency === undefined ? n.latencyMs : parseDuration(latency, 'latency'),
    jitterMs: jitter === undefined ? n.jitterMs : parseDuration(jitter, 'jitter'),
    dropRate: drop === undefined ? n.dropRate : parseNumber(drop, 'drop'),
    duplicateRate: duplicate === undefined ? n.duplicateRate : parseNumber(duplicate, 'duplicate'),
  };
}

function parseStatement(d: Draft, keyword: string, tokens: string[]): void {
  const args = new Args(tokens, keyword);
  switch (keyword) {
    case 'scenario':
      d.s = { ...d.s, name: one(args, keyword) };
      return;
    case 'protocol': {
      const p = one(args, keyword);
      if (!PROTOCOLS.includes(p as Protocol)) throw new UsageError(`unknown protocol '${p}' (choose one of: ${PROTOCOLS.join(', ')})`);
      d.s = { ...d.s, protocol: p as Protocol };
      return;
    }
    case 'assignor':
      d.s = { ...d.s, assignor: one(args, keyword) };
      return;
    case 'topic':
      d.topics.push(parseTopic(args));
      return;
    case 'members':
      d.s = { ...d.s, members: count(args, keyword) };
      return;
    case 'settings':
      d.s = { ...d.s, settings: parseSettings(args, d.s.settings) };
      return;
    case 'network':
      d.s = { ...d.s, network: parseNetwork(args, d.s) };
      return;
    case 'initial-rebalance-delay':
      d.s = { ...d.s, initialRebalanceDelayMs: parseDuration(one(args, keyword), keyword) };
      return;
    case 'duration':
      d.s = { ...d.s, durationMs: parseDuration(one(args, keyword), keyword) };
      return;
    case 'liveness-bound':
      d.s = { ...d.s, livenessBoundMs: parseDuration(one(args, keyword), keyword) };
      return;
    case 'at': {
      const [time, type, ...rest] = tokens;
      if (time === undefined || type === undefined) throw new UsageError('at needs a time and an action, like: at 60s crash c1');
      d.actions.push({ atMs: parseDuration(time, 'time'), action: parseAction(type, new Args(rest, type)) });
      return;
    }
    default:
      throw new UsageError(`unknown statement '${keyword}'`);
  }
}

/**
 * Parses the text form. Statements may come in any order except `at` lines, which must be in
 * time order; `assignor` defaults to the protocol's default. Throws {@link UsageError} with
 * `line N:` for a malformed line, and for a scenario that does not validate.
 */
export function parseScenario(text: string): Scenario {
  const d: Draft = { s: baseScenario(), topics: [], actions: [] };
  let assignorGiven = false;
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/#.*$/, '').trim();
    if (line === '') return;
    const [keyword, ...tokens] = line.split(/\s+/);
    if (keyword === 'assignor') assignorGiven = true;
    try {
      parseStatement(d, keyword as string, tokens);
    } catch (e) {
      if (e instanceof UsageError) throw new UsageError(`line ${i + 1}: ${e.message}`);
      throw e;
    }
  });
  const fallback = DEFAULT_ASSIGNOR[d.s.protocol];
  const s: Scenario = { ...d.s, assignor: assignorGiven ? d.s.assignor : fallback, topics: d.topics.length > 0 ? d.topics : d.s.topics, actions: d.actions };
  validateScenario(s);
  return s;
}

/** Writes a scenario in the text form, every field explicit. */
export function formatScenario(s: Scenario): string {
  const m = s.settings;
  const n = s.network;
  const lines = [
    `scenario ${s.name}`,
    `protocol ${s.protocol}`,
    `assignor ${s.assignor}`,
    ...s.topics.map((t) => `topic ${t.name} partitions=${t.partitions} rate=${t.ratePerSec}`),
    `members ${s.members}`,
    `settings session-timeout=${formatDuration(m.sessionTimeoutMs)} heartbeat-interval=${formatDuration(m.heartbeatIntervalMs)} max-poll-interval=${formatDuration(m.maxPollIntervalMs)} request-timeout=${formatDuration(m.requestTimeoutMs)}`,
    `settings poll-interval=${formatDuration(m.pollIntervalMs)} callback=${formatDuration(m.callbackMs)} capacity=${m.capacityPerSec} static=${m.static} auto-commit=${m.autoCommit}`,
    `network latency=${formatDuration(n.latencyMs)} jitter=${formatDuration(n.jitterMs)} drop=${n.dropRate} duplicate=${n.duplicateRate}`,
    `initial-rebalance-delay ${formatDuration(s.initialRebalanceDelayMs)}`,
    `duration ${formatDuration(s.durationMs)}`,
    ...(s.livenessBoundMs === undefined ? [] : [`liveness-bound ${formatDuration(s.livenessBoundMs)}`]),
    ...s.actions.map((a) => `at ${formatDuration(a.atMs)} ${actionLabel(a.action)}`),
  ];
  return lines.join('\n') + '\n';
}
