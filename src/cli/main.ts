#!/usr/bin/env node
/**
 * The `kgroup` command. Bad input (an unknown flag, scenario or protocol, an impossible
 * parameter, a malformed scenario file) prints one line naming the problem and exits 2; a
 * simulation that fails a check prints its seed and transcript and exits 1.
 */
import { KgroupError, UsageError } from '../errors.js';
import { PRESETS } from '../testing/index.js';
import { compareCommand } from './compare.js';
import { simulateCommand } from './simulate.js';
import { usage } from './usage.js';

function listScenarios(): number {
  for (const [name, p] of PRESETS) process.stdout.write(`${name.padEnd(24)}${p.description}\n`);
  return 0;
}

/** Runs the command line `argv` (without node and the script); returns the exit code. */
export function main(argv: readonly string[]): number {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'simulate':
        return simulateCommand(rest);
      case 'compare':
        return compareCommand(rest);
      case 'scenarios':
        return listScenarios();
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        process.stdout.write(usage());
        return 0;
      default:
        throw new UsageError(`unknown command '${command}' (try: kgroup help)`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`kgroup: ${e.message}\n`);
      return 2;
    }
    // Anything else is kgroup's own bug: one line, no stack, and how to report it.
    const what = e instanceof KgroupError || e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    process.stderr.write(`kgroup: internal error: ${what.split('\n')[0] ?? ''}\n`);
    return 1;
  }
}

process.exitCode = main(process.argv.slice(2));
