/**
 * Command-line parsing for `kgroup`: `--flag value`, `--flag=value` and boolean `--flag`.
 * Unknown flags, missing values and repeated flags are {@link UsageError}s naming the flag.
 */
import { UsageError } from '../errors.js';

/** What a command accepts: flag name -> whether it takes a value. */
export type FlagSpec = Readonly<Record<string, 'value' | 'boolean'>>;

/** Parsed flags. */
export interface ParsedArgs {
  readonly values: ReadonlyMap<string, string>;
  readonly booleans: ReadonlySet<string>;
}

/** Parses `argv` (without the command name) against `spec`. */
export function parseFlags(argv: readonly string[], spec: FlagSpec, command: string): ParsedArgs {
  const values = new Map<string, string>();
  const booleans = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith('--')) throw new UsageError(`${command}: unexpected argument '${arg}'`);
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
    const kind = spec[name];
    if (kind === undefined) throw new UsageError(`${command}: unknown flag --${name} (try: kgroup help)`);
    if (values.has(name) || booleans.has(name)) throw new UsageError(`${command}: --${name} is given twice`);
    if (kind === 'boolean') {
      if (eq >= 0) throw new UsageError(`${command}: --${name} takes no value`);
      booleans.add(name);
      continue;
    }
    const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value === '' || (eq < 0 && value.startsWith('--'))) throw new UsageError(`${command}: --${name} needs a value`);
    values.set(name, value);
  }
  return { values, booleans };
}

/** A whole number flag within [min, max]. */
export function intFlag(args: ParsedArgs, name: string, fallback: number, min: number, max: number): number {
  const v = args.values.get(name);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!/^-?\d+$/.test(v) || !Number.isSafeInteger(n)) throw new UsageError(`--${name} ${v} is not a whole number`);
  if (n < min || n > max) throw new UsageError(`--${name} ${v} must be from ${min} to ${max}`);
  return n;
}
