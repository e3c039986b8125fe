import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createProgress, type ProgressStream } from '../../src/cli/progress.js';

function terminal(isTTY: boolean): ProgressStream & { text: () => string } {
  let written = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      written += String(chunk);
      done();
    },
  }) as Writable & {
    isTTY: boolean;
    columns: number;
    cursorTo: () => boolean;
    clearLine: () => boolean;
    moveCursor: () => boolean;
  };
  stream.isTTY = isTTY;
  stream.columns = 80;
  stream.cursorTo = () => true;
  stream.clearLine = () => true;
  stream.moveCursor = () => true;
  return Object.assign(stream, { text: () => written });
}

describe('createProgress', () => {
  it('draws nothing when stderr is not a terminal, however long it takes', () => {
    const stream = terminal(false);
    let clock = 0;
    const progress = createProgress({ stream, total: 100, label: 'x.csv', now: () => clock });
    for (let done = 0; done < 5000; done += 1) {
      clock += 10;
      progress.update(done % 100);
    }
    progress.stop();
    expect(stream.text()).toBe('');
  });

  it('draws nothing on a terminal when the read takes under a second', () => {
    const stream = terminal(true);
    let clock = 0;
    const progress = createProgress({ stream, total: 100, label: 'x.csv', now: () => clock });
    for (let done = 0; done < 5000; done += 1) {
      clock = 999 * (done / 5000);
      progress.update(done % 100);
    }
    progress.stop();
    expect(stream.text()).toBe('');
  });

  it('draws a bar on a terminal once a second has passed', () => {
    const stream = terminal(true);
    let clock = 0;
    const progress = createProgress({ stream, total: 100, label: 'x.csv', now: () => clock });
    for (let done = 0; done < 5000; done += 1) {
      clock = done;
      progress.update(done % 100);
    }
    progress.stop();
    expect(stream.text()).toContain('x.csv');
  });
});
