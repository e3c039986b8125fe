import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeEventCsv } from '../../../bench/ingestData.js';
import { run, temporaryFolder } from './run.js';

// The built command is one bundled file, and so is the worker thread it starts for a large
// sorted file (dist/node/funnelWorker.js, found from dist/cli/): this runs both as a user would.
describe('buying-pipeline report --sorted on a file large enough to split', () => {
  it('reads in parallel with the bundled worker and gives the one-thread report', async () => {
    const folder = temporaryFolder();
    const file = join(folder, 'events.csv');
    // 40,000 journeys, about 5.7 MB: over the 4 MiB below which a file is read in one thread.
    await writeEventCsv(file, 40_000, 3);
    const args = ['report', file, '--by', 'origin', '--as-of', '2026-06-30', '--format', 'json'];
    const single = run(args, folder);
    const parallel = run([...args, '--sorted'], folder);
    expect(parallel.stderr).toBe('');
    expect(parallel.code).toBe(0);
    expect(single.code).toBe(0);
    expect(JSON.parse(parallel.stdout)).toEqual(JSON.parse(single.stdout));
    expect(JSON.parse(parallel.stdout).journeys).toBe(40_000);
  }, 60_000);
});
