/**
 * Runs every benchmark in bench/ (or those named on the command line) and prints their tables.
 * Usage: npm run bench [-- name ...]
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const wanted = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();
console.log(`node ${process.version}, ${process.platform}/${process.arch}`);
for (const f of files) {
  await import(pathToFileURL(dir + f).href);
}
