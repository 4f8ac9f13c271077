// Writes the API reference, generated from the TSDoc of the built .d.ts files, to docs/api/
// (one section per entry point; not committed). api-extractor builds a doc model per entry
// point; api-documenter turns the models into Markdown.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Extractor, ExtractorConfig } from '@microsoft/api-extractor';

const root = fileURLToPath(new URL('..', import.meta.url));
const models = join(root, 'temp', 'api-model');
const out = join(root, 'docs', 'api');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const base = ExtractorConfig.loadFile(join(root, 'api-extractor.json'));

rmSync(models, { recursive: true, force: true });
mkdirSync(models, { recursive: true });
let entries = 0;
for (const [path, target] of Object.entries(pkg.exports)) {
  if (typeof target !== 'object') continue;
  if (!existsSync(join(root, target.import.types))) {
    console.error(`api docs: ${target.import.types} is missing; run the build first`);
    process.exit(1);
  }
  // Each entry point becomes a "package" of its own in the model, named after its subpath.
  const name = path === '.' ? 'kgroup' : `kgroup-${path.slice(2).replace(/\//g, '-')}`;
  const file = join(models, `${name}.api.json`);
  const config = ExtractorConfig.prepare({
    configObject: {
      ...base,
      mainEntryPointFilePath: join(root, target.import.types),
      apiReport: { enabled: false },
      docModel: { enabled: true, apiJsonFilePath: file },
    },
    configObjectFullPath: join(root, 'api-extractor.json'),
    packageJsonFullPath: join(root, 'package.json'),
  });
  const result = Extractor.invoke(config, { localBuild: true, messageCallback: (m) => { m.handled = true; } });
  if (result.errorCount > 0) {
    console.error(`api docs: api-extractor failed for ${path}`);
    process.exit(1);
  }
  const model = JSON.parse(readFileSync(file, 'utf8'));
  model.name = name;
  model.canonicalReference = `${name}!`;
  writeFileSync(file, JSON.stringify(model));
  entries++;
}
rmSync(out, { recursive: true, force: true });
const r = spawnSync(process.execPath, [join(root, 'node_modules', '@microsoft', 'api-documenter', 'bin', 'api-documenter'), 'markdown', '-i', models, '-o', out], { encoding: 'utf8' });
if (r.status !== 0 || !existsSync(join(out, 'index.md'))) {
  console.error(r.stdout, r.stderr);
  console.error('api docs: api-documenter failed');
  process.exit(1);
}
console.log(`api docs: docs/api/index.md and the pages of ${entries} entry points, from the TSDoc`);
