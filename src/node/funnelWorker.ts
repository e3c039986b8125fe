// The worker thread of funnelReportFromFile: runs one share and posts the result (or the error).
import { parentPort, workerData } from 'node:worker_threads';
import { runShare, type ShareTask, shareError } from './funnelShare.js';

runShare(workerData as ShareTask).then(
  (result) => parentPort?.postMessage({ ok: true, result }),
  (error: unknown) => parentPort?.postMessage({ ok: false, error: shareError(error) }),
);
