import { csvReader } from '../../src/node/csvSource.js';

/**
 * Everything a CSV reader hands its sink (the header, then each row as `[line, problem,
 * ...cells]`), the text given in pieces cut at `cuts`. `wholeTexts: false` makes the reader count
 * line breaks cell by cell, its path for text with quotes.
 */
export function sinkCalls(
  text: string,
  cuts: readonly number[] = [],
  wholeTexts = true,
): unknown[] {
  const calls: unknown[] = [];
  const reader = csvReader(
    ',',
    {
      header: (names) => calls.push(['header', ...names]),
      row: (cells, at, ragged) => calls.push([at, ragged, ...cells]),
    },
    undefined,
    wholeTexts,
  );
  let from = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    reader.push(text.slice(from, Math.max(from, cut)));
    from = Math.max(from, cut);
  }
  reader.push(text.slice(from));
  reader.end();
  return calls;
}
