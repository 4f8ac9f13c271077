/** The help text of `kgroup`. */
import { PRESET_NAMES } from '../testing/index.js';

/** What `kgroup help` prints. */
export function usage(): string {
  return `kgroup: simulate Kafka consumer groups, deterministically

Usage:
  kgroup simulate [--scenario NAME | --scenario-file FILE] [--protocol eager|cooperative|consumer|all]
                  [--assignor NAME] [--members N] [--partitions N] [--rate N] [--static]
                  [--seed S] [--json] [--report FILE]
  kgroup compare  [--seed S] [--report FILE] [--json]
  kgroup scenarios
  kgroup help

simulate   runs a scenario under each protocol and prints rebalances, partitions revoked and
           moved, time to Stable, partition-seconds without an owner, and peak and total lag.
           Defaults: --scenario rolling-deploy --protocol all --members 6 --partitions 48 --seed 1.
compare    the built-in comparison: a rolling deploy of 6 consumers of a 48-partition topic under
           eager range, eager sticky, cooperative-sticky and KIP-848 uniform,
           with and without static membership; writes the HTML report (default kgroup-report.html).
scenarios  lists the preset scenarios.

Presets: ${PRESET_NAMES.join(', ')}
`;
}
