// Runs api-extractor once per public entry point (the root and each subpath export), from the
// built .d.ts files. With --local it rewrites the reports in etc/; without, it fails when a
// committed report differs from the built API (CI's check that etc/ is not stale).
import { Extractor, ExtractorConfig } from '@microsoft/api-extractor';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
const local = process.argv.includes('--local');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const base = ExtractorConfig.loadFile(join(root, 'api-extractor.json'));

// One report per subpath export: '.' -> etc/kgroup.api.md, './protocol' -> etc/kgroup-protocol.api.md.
const entries = Object.entries(pkg.exports)
  .filter(([path, target]) => typeof target === 'object')
  .map(([path, target]) => ({ path, types: target.import.types }));

let failed = 0;
for (const { path, types } of entries) {
  const reportName = path === '.' ? 'kgroup' : `kgroup-${path.slice(2).replace(/\//g, '-')}`;
  if (!existsSync(join(root, types))) {
    console.error(`api: ${types} is missing; run the build first`);
    process.exit(1);
  }
  const config = ExtractorConfig.prepare({
    configObject: {
      ...base,
      mainEntryPointFilePath: join(root, types),
      apiReport: { ...base.apiReport, reportFileName: reportName },
    },
    configObjectFullPath: join(root, 'api-extractor.json'),
    packageJsonFullPath: join(root, 'package.json'),
  });
  const result = Extractor.invoke(config, { localBuild: local, showVerboseMessages: false, messageCallback: (m) => {
    if (m.logLevel === 'warning' || m.logLevel === 'error') {
      console.error(`api (${path}): ${m.text}${m.sourceFilePath ? ` [${m.sourceFilePath.replace(root, '')}:${m.sourceFileLine}]` : ''}`);
      m.handled = true;
    }
  } });
  if (!result.succeeded || (!local && result.apiReportChanged)) {
    failed++;
    console.error(`api (${path}): ${result.apiReportChanged ? `etc/${reportName}.api.md is stale: run npm run api and commit it` : 'api-extractor failed'}`);
  } else console.log(`api (${path}): etc/${reportName}.api.md ${local && result.apiReportChanged ? 'updated' : 'up to date'}`);
}
process.exit(failed ? 1 : 0);
