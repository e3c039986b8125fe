import { open } from 'node:fs/promises';
import { createFunnelAccumulator, type FunnelAccumulator } from '../metrics/accumulator.js';
import {
  runShareHere,
  type SharedError,
  type ShareResult,
  type ShareTask,
  shareError,
} from './funnelShare.js';

// A file sorted by journey id, cut into byte ranges that the threads take from a queue: whichever
// thread is free claims the next range (an atomic counter shared by every thread), so a thread
// that started late (a worker loads its modules first) or reads a slower part of the file simply
// reads fewer ranges, and all threads finish within about one short range of each other.
// Ranges shrink as the file is used up (guided self-scheduling): long ones first, so there are few
// boundaries (each costs the journey cut there, read again by the main thread), short ones last.

/** The ranges of a split file and the queue the threads take them from. */
export interface RangeJob {
  /** The task of every range: the file, the pipeline, the options; `range` is set per range. */
  readonly task: Omit<ShareTask, 'range'>;
  /** The header's names and line ending, as each range reads without a header. */
  readonly names: readonly string[];
  readonly crlf: boolean;
  /** Byte ranges after the header, in file order, each starting at a line. */
  readonly ranges: readonly { readonly start: number; readonly end: number }[];
  /**
   * Two Int32 shared by every thread: the next range to claim, and 1 once a range failed (no
   * thread starts another then: the file is read again in one thread).
   */
  readonly queue: SharedArrayBuffer;
}

/** What a thread made of one range: its result, or its error as plain data. */
export type RangeOutcome =
  | { readonly index: number; readonly result: ShareResult }
  | { readonly index: number; readonly error: SharedError };

/** A new queue of ranges. */
export function rangeQueue(): SharedArrayBuffer {
  return new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT);
}

/**
 * Reads ranges claimed from the job's queue, in this thread, into one accumulator, until none is
 * left or a range failed (in any thread). A range that fails is reported as an outcome.
 */
export async function readRanges(
  job: RangeJob,
  accumulator: FunnelAccumulator = createFunnelAccumulator(job.task.pipeline, job.task.funnel),
): Promise<{ outcomes: RangeOutcome[]; accumulator: FunnelAccumulator }> {
  const queue = new Int32Array(job.queue);
  const outcomes: RangeOutcome[] = [];
  for (;;) {
    const index = Atomics.add(queue, 0, 1);
    if (index >= job.ranges.length || Atomics.load(queue, 1) !== 0) break;
    const range = job.ranges[index] as { start: number; end: number };
    try {
      const task: ShareTask = {
        ...job.task,
        range: { ...range, names: job.names, crlf: job.crlf },
      };
      const { result } = await runShareHere(task, accumulator);
      outcomes.push({ index, result });
    } catch (error) {
      outcomes.push({ index, error: shareError(error) });
      Atomics.store(queue, 1, 1);
      break;
    }
  }
  return { outcomes, accumulator };
}

/**
 * Where ranges should end (before each moves on to the next line start), between `start` and
 * `end`: each range takes 1 / (2 × threads) of what is left, and never less than `smallest`
 * bytes (the last at least half of that).
 *
 * @example
 * ```ts
 * rangeTargets(0, 100, 2, 10); //=> [25, 44, 58, 69, 79, 89]
 * ```
 */
export function rangeTargets(
  start: number,
  end: number,
  threads: number,
  smallest: number,
): number[] {
  const targets: number[] = [];
  let at = start;
  for (;;) {
    const step = Math.max(smallest, Math.ceil((end - at) / (2 * threads)), 1);
    if (at + step + smallest / 2 >= end) return targets;
    at += step;
    targets.push(at);
  }
}

/** Byte ranges from `start` to `size`, cut at the first line start at or after each target. */
export async function rangesAt(
  path: string,
  start: number,
  size: number,
  targets: readonly number[],
): Promise<{ start: number; end: number }[]> {
  const handle = await open(path);
  try {
    const cuts = [start];
    const window = Buffer.alloc(1 << 16);
    for (const target of targets) {
      let from = Math.max(target, cuts[cuts.length - 1] as number);
      // A line start: just after a line break at or after `from - 1` (a cut at a line start stays).
      for (;;) {
        const { bytesRead } = await handle.read(window, 0, window.length, from - 1);
        if (bytesRead === 0) {
          from = size;
          break;
        }
        const newline = window.subarray(0, bytesRead).indexOf(10);
        if (newline !== -1) {
          from += newline;
          break;
        }
        from += bytesRead;
      }
      if (from < size) cuts.push(from);
    }
    cuts.push(size);
    const ranges: { start: number; end: number }[] = [];
    for (let index = 0; index + 1 < cuts.length; index += 1) {
      const from = cuts[index] as number;
      const to = cuts[index + 1] as number;
      if (to > from) ranges.push({ start: from, end: to });
    }
    return ranges;
  } finally {
    await handle.close();
  }
}
