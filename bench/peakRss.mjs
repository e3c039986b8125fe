// Loaded with `node --import ./bench/peakRss.mjs …` by bench/ingest.ts: at exit, writes the
// process's peak resident set size (MiB, including worker threads and native memory) to fd 3,
// so the measured program's own output is left alone.
import { writeSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

// Worker threads inherit the --import: only the main thread reports (its figure covers them).
if (isMainThread)
  process.on('exit', () => {
    try {
      writeSync(3, `${process.resourceUsage().maxRSS / 1024}\n`);
    } catch {
      // Not run by the bench (no fd 3): nothing to report.
    }
  });
