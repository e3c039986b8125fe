import { rmSync } from 'node:fs';
import { defineConfig, type Options } from 'tsup';

// Two builds. The library entries share chunks, so the error class lives in a single shared chunk:
// `buying-pipeline` and `buying-pipeline/node` throw the very same `PipelineError`, and their
// dependencies stay dependencies (a host app dedupes and updates them).
// The `buying-pipeline` command (package.json "bin": dist/cli/index.js) and the worker thread of
// funnelReportFromFile are each one self-contained file with the library and its dependencies
// bundled in: a process or a thread that starts from them loads one file instead of resolving and
// compiling some 250 files of zod, date-fns and the rest (the command's `--help` took 0.27 s, a
// bare `node -e 0` 0.06 s). Neither hands a library object to user code, so their own copy of the
// library is invisible (errors are recognised by a brand, not by class identity).

// The builds run at the same time: clean once here rather than in either of them.
rmSync('dist', { recursive: true, force: true });

const shared: Options = {
  format: ['esm', 'cjs'],
  treeshake: true,
  sourcemap: true,
  clean: false,
  // import.meta.url in the CommonJS build (the runner finds its worker file with it).
  shims: true,
  target: 'node20',
};

/** One file with the library and its dependencies in it (no source map: it would be 2 MB of them). */
const selfContained: Options = {
  splitting: false,
  platform: 'node',
  noExternal: [/.*/],
  sourcemap: false,
  // esbuild's own tree shaking (rollup's, behind `treeshake: true`, drops the banner's require).
  treeshake: false,
  // CommonJS dependencies bundled into an ES module still call require() for Node built-ins.
  banner: ({ format }) =>
    format === 'esm'
      ? {
          js: "import { createRequire as __bpCreateRequire } from 'node:module'; const require = __bpCreateRequire(import.meta.url);",
        }
      : undefined,
};

export default defineConfig([
  {
    ...shared,
    entry: { index: 'src/index.ts', 'node/index': 'src/node/index.ts' },
    dts: true,
    splitting: true,
    platform: 'neutral',
    external: [/^node:/],
  },
  {
    ...shared,
    entry: { 'cli/index': 'src/cli/index.ts' },
    format: ['esm'],
    ...selfContained,
  },
  {
    ...shared,
    // Found beside node/index (from the command: ../node/) at run time.
    entry: { 'node/funnelWorker': 'src/node/funnelWorker.ts' },
    ...selfContained,
  },
]);
