// Compiles every ```ts code block of README.md and docs/*.md against the library's source, so
// that no documented sample rots. Each block becomes a module in a scratch folder inside the
// repository (so it resolves the repo's node_modules) with `kgroup` imports pointed at src/.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const scratch = join(root, 'reports', 'doc-samples');
const docs = ['README.md', ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).sort().map((f) => join('docs', f))];
const SUBPATHS = { kgroup: 'index', 'kgroup/protocol': 'protocol/index', 'kgroup/assignors': 'assignors/index',
  'kgroup/classic': 'classic/index', 'kgroup/consumer': 'consumer/index', 'kgroup/testing': 'testing/index', 'kgroup/runtime': 'runtime/index' };

rmSync(scratch, { recursive: true, force: true });
mkdirSync(scratch, { recursive: true });
const files = [];
for (const doc of docs) {
  const text = readFileSync(join(root, doc), 'utf8');
  const blocks = [...text.matchAll(/```ts\n([\s\S]*?)```/g)];
  blocks.forEach((m, i) => {
    const code = m[1].replace(/from '(kgroup(?:\/[a-z]+)?)'/g, (all, spec) =>
      SUBPATHS[spec] ? `from '${relative(scratch, join(root, 'src', SUBPATHS[spec])).replace(/\\/g, '/')}.js'` : all);
    const name = `${doc.replace(/[/.]/g, '_')}_${i + 1}.ts`;
    // A module of its own (so names do not clash across samples); unused values are fine in docs.
    writeFileSync(join(scratch, name), `${code}\nexport {};\n`);
    files.push(name);
  });
}
writeFileSync(join(scratch, 'tsconfig.json'), JSON.stringify({
  extends: relative(scratch, join(root, 'tsconfig.json')).replace(/\\/g, '/'),
  compilerOptions: { noUnusedLocals: false, noUnusedParameters: false },
  include: ['*.ts'],
}));
const r = spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', scratch], { encoding: 'utf8' });
if (r.status !== 0) {
  console.error(r.stdout, r.stderr);
  console.error(`doc samples: type errors in ${files.length} samples (see above)`);
  process.exit(1);
}
console.log(`doc samples: ${files.length} code blocks from ${docs.length} documents compile`);
