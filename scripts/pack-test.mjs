// Packaging test: pack the library as npm would publish it, install the tarball into a
// scratch project, then load every subpath export with import (ESM) and require (CJS) and
// type-check consumer files (ESM and CJS) against the published types.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const subpaths = Object.keys(pkg.exports).filter((p) => p !== './package.json');
const specifiers = subpaths.map((p) => (p === '.' ? pkg.name : `${pkg.name}/${p.slice(2)}`));
const scratch = mkdtempSync(join(tmpdir(), 'kgroup-pack-'));
const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });

try {
  const tarball = run('npm', ['pack', '--silent', '--pack-destination', scratch], root).trim().split('\n').pop();
  writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'kgroup-consumer', private: true, type: 'module' }));
  run('npm', ['install', '--silent', '--no-audit', '--no-fund', join(scratch, tarball)], scratch);

  // Every subpath loads both ways and exports something.
  const esm = specifiers.map((s) => `{ const m = await import(${JSON.stringify(s)}); if (Object.keys(m).length === 0) throw new Error('ESM ${s} exports nothing'); }`);
  writeFileSync(join(scratch, 'load.mjs'), esm.join('\n') + "\nconsole.log('esm ok');\n");
  const cjs = specifiers.map((s) => `{ const m = require(${JSON.stringify(s)}); if (Object.keys(m).length === 0) throw new Error('CJS ${s} exports nothing'); }`);
  writeFileSync(join(scratch, 'load.cjs'), cjs.join('\n') + "\nconsole.log('cjs ok');\n");
  process.stdout.write(run('node', ['load.mjs'], scratch));
  process.stdout.write(run('node', ['load.cjs'], scratch));
  // The package's bin runs from the installed tarball.
  const help = run(join(scratch, 'node_modules', '.bin', 'kgroup'), ['help'], scratch);
  if (!help.includes('kgroup simulate')) throw new Error('the kgroup bin did not print its usage');
  console.log('bin ok');

  // The published types serve an ESM consumer and a CJS consumer under Node's own resolution.
  const use = `
    const bytes = encodeSubscription({ topics: ['t'], ownedPartitions: topicPartitions({ t: [0] }), generationId: 1 });
    const sub: Subscription = decodeSubscription(bytes);
    const assignors: readonly PartitionAssignor[] = [];
    const code: number = ErrorCode.REBALANCE_IN_PROGRESS;
    export const used = [sub, assignors, code, protocol.encodeAssignment, Object.keys(assignorsModule)];
  `;
  const imports = (from) => [
    `import { encodeSubscription, decodeSubscription, topicPartitions, ErrorCode, type Subscription } from ${from('kgroup')};`,
    `import type { PartitionAssignor } from ${from('kgroup/assignors')};`,
    `import * as protocol from ${from('kgroup/protocol')};`,
    `import * as assignorsModule from ${from('kgroup/assignors')};`,
  ].join('\n');
  writeFileSync(join(scratch, 'consumer.mts'), imports((s) => `'${s}'`) + use);
  writeFileSync(join(scratch, 'consumer.cts'), imports((s) => `'${s}'`) + use);
  writeFileSync(join(scratch, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', strict: true, noEmit: true, skipLibCheck: false, types: [], lib: ['es2022', 'dom'] },
    files: ['consumer.mts', 'consumer.cts'],
  }));
  process.stdout.write(run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', scratch], scratch));
  console.log(`pack test: ${tarball} installs; ${specifiers.length} subpaths load as ESM and CJS; types check for ESM and CJS consumers`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
