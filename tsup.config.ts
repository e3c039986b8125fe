import { defineConfig } from 'tsup';

// One build for every entry so the error class lives in a single shared chunk:
// `buying-pipeline` and `buying-pipeline/node` then throw the very same `PipelineError`, and the
// `buying-pipeline` command (package.json "bin": dist/cli/index.js) reuses the library's chunks.
export default defineConfig({
  // The worker thread of funnelReportFromFile is its own entry, found beside node/index at run time.
  entry: {
    index: 'src/index.ts',
    'node/index': 'src/node/index.ts',
    'node/funnelWorker': 'src/node/funnelWorker.ts',
    'cli/index': 'src/cli/index.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  splitting: true,
  treeshake: true,
  sourcemap: true,
  clean: true,
  // import.meta.url in the CommonJS build (the runner finds its worker file with it).
  shims: true,
  target: 'node20',
  platform: 'neutral',
  external: [/^node:/],
});
