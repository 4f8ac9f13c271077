// Runs every example in examples/ (each must exit 0), so that the examples in the docs never rot.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = join(root, 'examples');
const files = readdirSync(dir).filter((f) => f.endsWith('.ts')).sort();
let failed = 0;
for (const f of files) {
  const r = spawnSync(join(root, 'node_modules', '.bin', 'tsx'), [join(dir, f)], { cwd: root, encoding: 'utf8' });
  const ok = r.status === 0;
  if (!ok) failed++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} examples/${f}${ok ? '' : `\n${r.stdout}\n${r.stderr}`}`);
}
console.log(`examples: ${files.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
