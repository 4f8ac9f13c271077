// Fails when the core (src/ outside runtime/ and cli/) uses real time, randomness or Node built-ins.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findImpurities } from './purity.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const src = join(root, 'src');
const IMPURE_ALLOWED = new Set(['runtime', 'cli']);

function* coreFiles(dir) {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (dir === src && IMPURE_ALLOWED.has(name)) continue;
      yield* coreFiles(path);
    } else if (/\.(ts|tsx|mts|cts)$/.test(name)) yield path;
  }
}

let count = 0;
let files = 0;
for (const file of coreFiles(src)) {
  files++;
  for (const { line, what } of findImpurities(readFileSync(file, 'utf8'), file)) {
    console.error(`${relative(root, file)}:${line}: ${what} is not allowed in the core (DESIGN.md, the core contract)`);
    count++;
  }
}
if (count > 0) {
  console.error(`purity check: ${count} violation(s)`);
  process.exit(1);
}
console.log(`purity check: ${files} core files, no real time, randomness or Node built-ins`);
