#!/usr/bin/env node
// The `buying-pipeline` command (package.json "bin").
import { main } from './main.js';

// `buying-pipeline report … | head` closes stdout early: that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`buying-pipeline: unexpected error: ${String(error)}\n`);
    process.exitCode = 1;
  },
);
