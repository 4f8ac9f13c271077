import { defineConfig } from 'tsup';

export default defineConfig([
  {
    // The library: every subpath export. The core is platform-neutral; kgroup/runtime uses
    // Node built-ins, which stay external imports.
    entry: {
      index: 'src/index.ts',
      'protocol/index': 'src/protocol/index.ts',
      'assignors/index': 'src/assignors/index.ts',
      'classic/index': 'src/classic/index.ts',
      'consumer/index': 'src/consumer/index.ts',
      'testing/index': 'src/testing/index.ts',
      'runtime/index': 'src/runtime/index.ts',
    },
    format: ['esm', 'cjs'],
    dts: { compilerOptions: { composite: false } },
    tsconfig: 'tsconfig.build.json',
    sourcemap: true,
    clean: false,
    splitting: true,
    treeshake: true,
    target: 'es2022',
    platform: 'neutral',
    external: [/^node:/],
  },
  {
    // The `kgroup` command (package bin): ESM only, for Node.
    entry: { 'cli/main': 'src/cli/main.ts' },
    format: ['esm'],
    tsconfig: 'tsconfig.build.json',
    sourcemap: true,
    clean: false,
    target: 'es2022',
    platform: 'node',
  },
]);
