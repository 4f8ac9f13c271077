/**
 * The scenarios shipped as presets: the everyday events that make a consumer group rebalance,
 * each timed so that the group has formed (at 60 s) before the event and has time to recover
 * after it.
 */
import { UsageError } from '../../errors.js';
import { DEFAULT_ASSIGNOR } from '../nodes/protocols.js';
import { scenario } from './builder.js';
import type { ScenarioBuilder } from './builder.js';
import type { Protocol, Scenario } from './types.js';

/** What a preset is sized with. */
export interface PresetParams {
  readonly protocol: Protocol;
  /** Default: the protocol's default assignor. */
  readonly assignor?: string;
  /** Members at the start (default 6). */
  readonly members?: number;
  /** Partitions of the one topic, `orders` (default 48). */
  readonly partitions?: number;
  /** Static membership (default false; static-member-restart always uses it). */
  readonly static?: boolean;
  /** Messages per second per partition (default 100). */
  readonly ratePerSec?: number;
}

const START_MS = 60_000;
const RECOVERY_MS = 180_000;
/** Liveness: the group must settle within this long after the last action is over. */
const LIVENESS_BOUND_MS = 170_000;

function base(name: string, p: PresetParams): ScenarioBuilder {
  return scenario(name)
    .protocol(p.protocol)
    .assignor(p.assignor ?? DEFAULT_ASSIGNOR[p.protocol])
    .topic('orders', p.partitions ?? 48, { ratePerSec: p.ratePerSec ?? 100 })
    .members(p.members ?? 6)
    .settings({ static: p.static ?? false })
    .livenessBound(LIVENESS_BOUND_MS);
}

function members(p: PresetParams): number {
  return p.members ?? 6;
}

/** Every preset by name, with a one-line description. */
export const PRESETS: ReadonlyMap<string, { readonly description: string; readonly build: (p: PresetParams) => Scenario }> = new Map([
  ['rolling-deploy', {
    description: 'every member restarts in turn, 30 s apart, each down for 10 s',
    build: (p: PresetParams) => base('rolling-deploy', p).at(START_MS).rollingDeploy({ intervalMs: 30_000, downMs: 10_000 }).duration(START_MS + members(p) * 30_000 + RECOVERY_MS).build(),
  }],
  ['scale-out', {
    description: 'half as many members again join at once',
    build: (p: PresetParams) => base('scale-out', p).at(START_MS).add(Math.max(1, Math.floor(members(p) / 2))).duration(START_MS + RECOVERY_MS).build(),
  }],
  ['scale-in', {
    description: 'half of the members shut down cleanly',
    build: (p: PresetParams) => base('scale-in', p).at(START_MS).remove(Math.max(1, Math.floor(members(p) / 2))).duration(START_MS + RECOVERY_MS).build(),
  }],
  ['crash', {
    description: 'one member dies without leaving; it comes back 90 s later',
    build: (p: PresetParams) => base('crash', p).at(START_MS).crash('c1').at(START_MS + 90_000).start('c1').duration(START_MS + 90_000 + RECOVERY_MS).build(),
  }],
  ['long-gc-pause', {
    description: 'one member stalls for 60 s, past its 45 s session timeout',
    build: (p: PresetParams) => base('long-gc-pause', p).at(START_MS).pause('c1', 60_000).duration(START_MS + 60_000 + RECOVERY_MS).build(),
  }],
  ['network-partition', {
    description: "one member's link to the coordinator is cut for 60 s",
    build: (p: PresetParams) => base('network-partition', p).at(START_MS).partition('c1', 60_000).duration(START_MS + 60_000 + RECOVERY_MS).build(),
  }],
  ['coordinator-failover', {
    description: 'a member leaves and the coordinator fails over mid-rebalance; the member returns 30 s later',
    build: (p: PresetParams) =>
      base('coordinator-failover', p).at(START_MS).stop('c1').at(START_MS + 1_000).failover().at(START_MS + 30_000).start('c1').duration(START_MS + 30_000 + RECOVERY_MS).build(),
  }],
  ['static-member-restart', {
    description: 'a static member restarts within its session timeout (no rebalance expected)',
    build: (p: PresetParams) =>
      base('static-member-restart', { ...p, static: true }).at(START_MS).stop('c1').at(START_MS + 10_000).start('c1').duration(START_MS + 10_000 + RECOVERY_MS).build(),
  }],
]);

/** The preset names, in the order they are listed. */
export const PRESET_NAMES: readonly string[] = [...PRESETS.keys()];

/** Builds preset `name`; throws {@link UsageError} naming the presets when it is unknown. */
export function presetScenario(name: string, params: PresetParams): Scenario {
  const preset = PRESETS.get(name);
  if (preset === undefined) throw new UsageError(`unknown scenario '${name}' (choose one of: ${PRESET_NAMES.join(', ')})`);
  return preset.build(params);
}
