// The worker thread of funnelReportFromFile: reads ranges from the shared queue until none is
// left, then posts what each range gave and its accumulator, its lists sorted here and
// transferred, not copied (or the error that stopped it).
import { parentPort, workerData } from 'node:worker_threads';
import { funnelAccumulatorToTransfer } from '../metrics/accumulator.js';
import { type RangeJob, readRanges } from './funnelRanges.js';
import { shareError } from './funnelShare.js';

readRanges(workerData as RangeJob).then(
  ({ outcomes, accumulator }) => {
    // After a failed range the report is an error: the state is not needed.
    if (outcomes.some((outcome) => 'error' in outcome)) {
      parentPort?.postMessage({ ok: true, outcomes, state: null });
      return;
    }
    const { transfer, buffers } = funnelAccumulatorToTransfer(accumulator);
    parentPort?.postMessage({ ok: true, outcomes, state: transfer }, buffers);
  },
  (error: unknown) => parentPort?.postMessage({ ok: false, error: shareError(error) }),
);
