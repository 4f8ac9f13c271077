// Runs the simulator over many random seeds (swarm scenarios): `npm run soak -- --seeds N
// [--start S] [--protocol eager|cooperative|consumer]`. A progress bar on a terminal, plain
// lines otherwise. Prints every failure with its seed and a replayable transcript; exits 1 if
// any seed failed.
import { availableProtocols, formatFailure, formatScenario, simulate, swarmScenario } from '../src/testing/index.ts';

function parse(argv) {
  const opts = { seeds: 1000, start: 1, protocols: undefined };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (flag === '--seeds' || flag === '--start') {
      const n = Number(value);
      if (!Number.isSafeInteger(n) || n < (flag === '--seeds' ? 1 : 0)) fail(`${flag} ${value ?? ''} is not a whole number${flag === '--seeds' ? ' >= 1' : ''}`);
      opts[flag.slice(2)] = n;
      i++;
    } else if (flag === '--protocol') {
      if (!availableProtocols().includes(value)) fail(`--protocol ${value ?? ''} is not one of: ${availableProtocols().join(', ')}`);
      opts.protocols = [value];
      i++;
    } else fail(`unknown flag ${flag} (flags: --seeds N, --start S, --protocol P)`);
  }
  return opts;
}

function fail(message) {
  process.stderr.write(`soak: ${message}\n`);
  process.exit(2);
}

function bar(done, total, failed, startedMs) {
  const width = 30;
  const filled = Math.round((done / total) * width);
  const rate = done / Math.max(0.001, (Date.now() - startedMs) / 1000);
  return `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} seeds, ${failed} failed, ${rate.toFixed(1)} seeds/s`;
}

const opts = parse(process.argv.slice(2));
const tty = process.stdout.isTTY === true;
const startedMs = Date.now();
const last = opts.start + opts.seeds - 1;
let failed = 0;
let virtualMs = 0;
const step = Math.max(1, Math.floor(opts.seeds / 20));
for (let seed = opts.start; seed <= last; seed++) {
  const s = swarmScenario(seed, opts.protocols === undefined ? {} : { protocols: opts.protocols });
  const r = simulate(s, { seed });
  virtualMs += r.endMs;
  if (r.failure !== null) {
    failed++;
    if (tty) process.stdout.write('\n');
    process.stdout.write(`${formatFailure(r.failure, formatScenario(s))}\n\n`);
  }
  const done = seed - opts.start + 1;
  if (tty) process.stdout.write(bar(done, opts.seeds, failed, startedMs));
  else if (done % step === 0 || done === opts.seeds) process.stdout.write(`${done}/${opts.seeds} seeds (${seed}), ${failed} failed\n`);
}
if (tty) process.stdout.write('\n');
const wallS = (Date.now() - startedMs) / 1000;
process.stdout.write(`seeds ${opts.start}..${last}: ${opts.seeds - failed} passed, ${failed} failed; ${(virtualMs / 3_600_000).toFixed(1)} h of virtual time in ${wallS.toFixed(1)} s\n`);
process.exitCode = failed > 0 ? 1 : 0;
