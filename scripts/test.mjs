// `npm test`: the purity check of the core, every vitest suite (unit, property, transcript
// and type tests), then tsc over src, test, examples and bench. Ends with one summary line.
// Extra arguments go to vitest (e.g. `npm test -- test/protocol`).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (name) => join(root, 'node_modules', '.bin', name);
const step = (title, cmd, args) => {
  console.log(`\n> ${title}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  return r.status === 0;
};

mkdirSync(join(root, 'reports'), { recursive: true });
const jsonReport = join(root, 'reports', 'vitest.json');
const purity = step('purity check of the core', process.execPath, [join(root, 'scripts', 'check-purity.mjs')]);
const samples = step('code samples in README.md and docs/ compile', process.execPath, [join(root, 'scripts', 'check-doc-samples.mjs')]);
const diagrams = step('state diagrams in docs/ match the transition tables', bin('tsx'), [join(root, 'scripts', 'docs-diagrams.mjs'), '--check']);
const tests = step('vitest', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${jsonReport}`, ...process.argv.slice(2)]);
const types = step('tsc --noEmit (src, test, examples, bench)', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']);

let passed = 0;
let failed = 0;
try {
  const report = JSON.parse(readFileSync(jsonReport, 'utf8'));
  passed = report.numPassedTests;
  failed = report.numFailedTests + report.numPendingTests + report.numTodoTests;
} catch {
  failed += 1;
}
// A skipped or todo test counts as a failure here: a skipped test is a defect, not a pass.
const ok = purity && samples && diagrams && tests && types && failed === 0 && passed > 0;
console.log(`\ntests: ${passed} passed, ${failed} failed${purity ? '' : ' (purity check failed)'}${samples ? '' : ' (doc samples failed)'}${diagrams ? '' : ' (docs diagrams are stale)'}${types ? '' : ' (type check failed)'}`);
process.exit(ok ? 0 : 1);
