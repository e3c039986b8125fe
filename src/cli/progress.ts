import cliProgress from 'cli-progress';

/** Where a progress bar may be drawn: a terminal stream. */
export interface ProgressStream extends NodeJS.WritableStream {
  /** True when the stream is a terminal; a bar is only ever drawn then. */
  readonly isTTY?: boolean;
}

/** Reports how far a long read has got. */
export interface Progress {
  /** `done` out of the total (e.g. bytes read). Cheap: call it as often as you like. */
  update(done: number): void;
  /** Removes the bar, if one was drawn. */
  stop(): void;
}

/** Options of {@link createProgress}. */
export interface ProgressOptions {
  /** The stream to draw on (stderr): nothing is drawn unless it is a TTY. */
  readonly stream: ProgressStream;
  /** The total (e.g. the file's size in bytes). */
  readonly total: number;
  /** What is being done, e.g. the file name. */
  readonly label: string;
  /** Draw only once this many milliseconds have passed (default 1000): quick runs stay quiet. */
  readonly delayMs?: number;
  /** The clock (tests pass their own). */
  readonly now?: () => number;
}

const quiet: Progress = { update: () => {}, stop: () => {} };

/**
 * A progress bar on stderr for inputs that take more than a second, and only when stderr is a
 * terminal: piped or redirected output, CI logs and quick runs see nothing.
 */
export function createProgress(options: ProgressOptions): Progress {
  if (options.stream.isTTY !== true || !(options.total > 0)) return quiet;
  const now = options.now ?? Date.now;
  const delay = options.delayMs ?? 1000;
  const started = now();
  let bar: cliProgress.SingleBar | null = null;
  let calls = 0;
  return {
    update(done) {
      // Reading the clock per row would cost more than the row: look every 1024 calls.
      calls += 1;
      if (bar === null) {
        if ((calls & 1023) !== 1 || now() - started < delay) return;
        bar = new cliProgress.SingleBar(
          {
            stream: options.stream,
            format: `${options.label} [{bar}] {percentage}% | {eta_formatted} left`,
            hideCursor: true,
            clearOnComplete: true,
            etaBuffer: 50,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(options.total, Math.min(done, options.total));
        return;
      }
      if ((calls & 1023) === 1) bar.update(Math.min(done, options.total));
    },
    stop() {
      bar?.stop();
      bar = null;
    },
  };
}
