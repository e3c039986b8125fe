#!/usr/bin/env node
// The `buying-pipeline` command (package.json "bin").
import { main } from './main.js';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`buying-pipeline: unexpected error: ${String(error)}\n`);
    process.exitCode = 1;
  },
);
