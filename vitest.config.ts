import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The suite runs under a time zone with daylight saving (test/environment.test.ts checks it), also
// when vitest is started directly rather than through `npm test`; workers inherit this.
process.env['TZ'] ??= 'America/New_York';

const src = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^buying-pipeline\/node$/, replacement: src('./src/node/index.ts') },
      { find: /^buying-pipeline$/, replacement: src('./src/index.ts') },
    ],
  },
  test: {
    include: ['test/**/*.test.ts'],
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
    benchmark: { include: ['bench/**/*.bench.ts'] },
  },
});
