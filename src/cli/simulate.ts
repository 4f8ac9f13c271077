/** `kgroup simulate`: one scenario under one or every protocol, as a table, JSON or an HTML report. */
import { readFileSync } from 'node:fs';
import { UsageError } from '../errors.js';
import {
  availableProtocols,
  assignorsFor,
  DEFAULT_ASSIGNOR,
  MAX_MEMBERS,
  MAX_PARTITIONS,
  parseScenario,
  parseSeed,
  presetScenario,
  PROTOCOLS,
} from '../testing/index.js';
import type { Protocol, Scenario } from '../testing/index.js';
import { intFlag, parseFlags } from './args.js';
import type { ParsedArgs } from './args.js';
import { emit } from './output.js';
import { runAll } from './runs.js';

const FLAGS = {
  scenario: 'value',
  'scenario-file': 'value',
  protocol: 'value',
  assignor: 'value',
  members: 'value',
  partitions: 'value',
  rate: 'value',
  static: 'boolean',
  seed: 'value',
  json: 'boolean',
  report: 'value',
} as const;

function protocols(args: ParsedArgs): Protocol[] {
  const p = args.values.get('protocol') ?? 'all';
  if (p === 'all') return availableProtocols();
  if (!PROTOCOLS.includes(p as Protocol)) throw new UsageError(`--protocol ${p} is not one of: eager, cooperative, consumer, all`);
  return [p as Protocol];
}

function assignorFor(protocol: Protocol, args: ParsedArgs, all: boolean): string | null {
  const a = args.values.get('assignor');
  if (a === undefined) return DEFAULT_ASSIGNOR[protocol];
  if (assignorsFor(protocol).includes(a)) return a;
  // Under --protocol all, an assignor picks the protocols it runs.
  return all ? null : a;
}

function fromFile(path: string): Scenario {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new UsageError(`cannot read scenario file ${path}`);
  }
  try {
    return parseScenario(text);
  } catch (e) {
    if (e instanceof UsageError) throw new UsageError(`${path}: ${e.message}`);
    throw e;
  }
}

function scenarios(args: ParsedArgs): Scenario[] {
  const file = args.values.get('scenario-file');
  if (file !== undefined) {
    if (args.values.has('scenario')) throw new UsageError('give --scenario or --scenario-file, not both');
    return [fromFile(file)];
  }
  const name = args.values.get('scenario') ?? 'rolling-deploy';
  const members = intFlag(args, 'members', 6, 1, MAX_MEMBERS);
  const partitions = intFlag(args, 'partitions', 48, 1, MAX_PARTITIONS);
  const rate = intFlag(args, 'rate', 100, 0, 1_000_000_000);
  const all = (args.values.get('protocol') ?? 'all') === 'all';
  const out: Scenario[] = [];
  for (const protocol of protocols(args)) {
    const assignor = assignorFor(protocol, args, all);
    if (assignor === null) continue;
    out.push(presetScenario(name, { protocol, assignor, members, partitions, ratePerSec: rate, static: args.booleans.has('static') }));
  }
  if (out.length === 0) throw new UsageError(`no protocol runs assignor '${args.values.get('assignor') ?? ''}'`);
  return out;
}

/** Runs `kgroup simulate`; returns the exit code. */
export function simulateCommand(argv: readonly string[]): number {
  const args = parseFlags(argv, FLAGS, 'simulate');
  const seed = parseSeed(args.values.get('seed') ?? '1');
  const list = scenarios(args);
  const runs = runAll(list, seed);
  return emit(`${list[0]?.name ?? 'scenario'} (seed ${seed})`, runs, args);
}
