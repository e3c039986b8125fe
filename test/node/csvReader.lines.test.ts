import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { sinkCalls } from './csvCalls.js';

const fewer = 'Expected 4 fields, found fewer';
const header = ['header', 'h1', 'h2', 'h3', 'h4'];

describe('csvReader: short, long and blank lines in text without quotes', () => {
  for (const [name, end] of [
    ['LF', '\n'],
    ['CRLF', '\r\n'],
  ] as const) {
    it(`short lines to the end of the input never hang (${name})`, { timeout: 2000 }, () => {
      const lines = ['h1,h2,h3,h4', 'a', 'a', 'a,a,a', 'a'];
      const expected = [
        header,
        [2, fewer, 'a'],
        [3, fewer, 'a'],
        [4, fewer, 'a', 'a', 'a'],
        [5, fewer, 'a'],
      ];
      expect(sinkCalls(lines.join(end))).toEqual(expected);
      expect(sinkCalls(lines.join(end) + end)).toEqual(expected);
    });

    it(`a short line is reported at its own line, never filled with earlier fields (${name})`, () => {
      const text = ['h1,h2,h3,h4', '1,2,3,4', 'a', 'b,c', ''].join(end);
      const expected = [
        header,
        [2, null, '1', '2', '3', '4'],
        [3, fewer, 'a'],
        [4, fewer, 'b', 'c'],
      ];
      expect(sinkCalls(text)).toEqual(expected);
      expect(sinkCalls(text.slice(0, -end.length))).toEqual(expected);
    });

    it(`a blank line is skipped and counted (${name})`, () => {
      const text = ['h1,h2,h3,h4', '1,2,3,4', '', 'b,c', '', '1,2,3,4,5', '5,6,7,8', '', ''].join(
        end,
      );
      expect(sinkCalls(text)).toEqual([
        header,
        [2, null, '1', '2', '3', '4'],
        [4, fewer, 'b', 'c'],
        [6, 'Expected 4 fields, found more', '1', '2', '3', '4,5'],
        [7, null, '5', '6', '7', '8'],
      ]);
    });
  }
});

/** A line of a CSV without quotes: good (four cells), short, long or blank. */
const line = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.array(fc.constantFrom('a', 'b', '1', ' x ', ''), { minLength: 4, maxLength: 4 }),
  },
  { weight: 1, arbitrary: fc.array(fc.constantFrom('a', '1'), { minLength: 1, maxLength: 3 }) },
  { weight: 1, arbitrary: fc.array(fc.constantFrom('a', '1'), { minLength: 5, maxLength: 6 }) },
  { weight: 1, arbitrary: fc.constant([] as string[]) },
);

describe('csvReader reads every line of a text without quotes at its true line number', () => {
  test.prop(
    [
      fc.array(line, { maxLength: 60 }),
      fc.boolean(),
      fc.boolean(),
      fc.array(fc.nat({ max: 2000 }), { maxLength: 8 }),
    ],
    { timeout: 2000 },
  )(
    'good rows read exactly, each bad line reported alone, never a hang',
    (lines, cr, last, cuts) => {
      const end = cr ? '\r\n' : '\n';
      const text =
        ['h1,h2,h3,h4', ...lines.map((cells) => cells.join(','))].join(end) + (last ? end : '');
      const expected: unknown[] = [header];
      lines.forEach((cells, index) => {
        const at = index + 2;
        // A line of one empty cell is blank: skipped (but counted).
        if (cells.length === 0 || (cells.length === 1 && cells[0] === '')) return;
        if (cells.length < 4) expected.push([at, fewer, ...cells]);
        else if (cells.length > 4)
          expected.push([
            at,
            'Expected 4 fields, found more',
            ...cells.slice(0, 3),
            cells.slice(3).join(','),
          ]);
        else expected.push([at, null, ...cells]);
      });
      expect(sinkCalls(text, cuts)).toEqual(expected);
    },
  );
});

describe('csvReader: short, long and blank records in text with quotes', () => {
  for (const [name, end] of [
    ['LF', '\n'],
    ['CRLF', '\r\n'],
  ] as const) {
    const both = (lines: string[]) => [lines.join(end), lines.join(end) + end];
    it(`a short record after a quoted one is reported, never filled with earlier fields (${name})`, () => {
      for (const text of both(['h1,h2,h3,h4', '"1",2,3,4', 'a']))
        expect(sinkCalls(text)).toEqual([header, [2, null, '1', '2', '3', '4'], [3, fewer, 'a']]);
      for (const text of both(['h1,h2,h3,h4', '"1",2,3,4', 'a', 'a', 'a,a,a', 'a']))
        expect(sinkCalls(text)).toEqual([
          header,
          [2, null, '1', '2', '3', '4'],
          [3, fewer, 'a'],
          [4, fewer, 'a'],
          [5, fewer, 'a', 'a', 'a'],
          [6, fewer, 'a'],
        ]);
    });

    it(`quoted delimiters, doubled quotes and line breaks next to short and blank lines (${name})`, () => {
      const text = [
        'h1,h2,h3,h4',
        '"1",2,3,4',
        '',
        `"a${end}b",2,"c,""d""",4`,
        '1,"2',
        '",3',
        '',
        '1,2,3,"4,x",5',
        '"x,""y""",2,3,4',
        '',
      ].join(end);
      const expected = [
        header,
        [2, null, '1', '2', '3', '4'],
        [4, null, `a${end}b`, '2', 'c,"d"', '4'],
        [6, fewer, '1', `2${end}`, '3'],
        [9, 'Expected 4 fields, found more', '1', '2', '3', '"4,x",5'],
        [10, null, 'x,"y"', '2', '3', '4'],
      ];
      expect(sinkCalls(text)).toEqual(expected);
      for (let cut = 0; cut < text.length; cut += 7)
        expect(sinkCalls(text, [cut])).toEqual(expected);
    });

    it(`an unclosed quote at the end is reported at its first line (${name})`, () => {
      const text = ['h1,h2,h3,h4', '1,2,3,4', '1,"2,3,4', '5,6,7,8'].join(end);
      expect(sinkCalls(text)).toEqual([
        header,
        [2, null, '1', '2', '3', '4'],
        [3, 'Unclosed quote: the record runs to the end of the input', '1', `2,3,4${end}5,6,7,8`],
      ]);
    });
  }
});

describe('csvReader: a piece without quotes after a piece with quotes', () => {
  // Found by the property test below (seed 1772978664): a piece boundary at the start of a line
  // of too many fields, after a piece whose last line had quotes, let that line through
  // unreported (its last cell read "a,a").
  it('reports a line of too many fields anywhere in the piece', () => {
    const text = [
      'h1,h2,h3,h4',
      '"1",2,3,4',
      '"say ""hi""","q,1",x,a',
      'a,a,a,a,a',
      'a,a,a,a',
      'b,b,b,b,b,b',
    ].join('\n');
    const expected = [
      header,
      [2, null, '1', '2', '3', '4'],
      [3, null, 'say "hi"', 'q,1', 'x', 'a'],
      [4, 'Expected 4 fields, found more', 'a', 'a', 'a', 'a,a'],
      [5, null, 'a', 'a', 'a', 'a'],
      [6, 'Expected 4 fields, found more', 'b', 'b', 'b', 'b,b,b'],
    ];
    const cut = text.indexOf('a,a,a,a,a');
    expect(sinkCalls(text, [cut])).toEqual(expected);
    expect(sinkCalls(text)).toEqual(expected);
  });
});

/** A cell as written (plain or quoted with a delimiter, a doubled quote or a line break inside). */
const cell = fc.constantFrom('a', '1', '', ' x ', '"q,1"', '"say ""hi"""', '"two\nlines"', '""');
const record = fc.oneof(
  { weight: 6, arbitrary: fc.array(cell, { minLength: 4, maxLength: 4 }) },
  { weight: 1, arbitrary: fc.array(cell, { minLength: 1, maxLength: 3 }) },
  { weight: 1, arbitrary: fc.array(cell, { minLength: 5, maxLength: 6 }) },
  { weight: 1, arbitrary: fc.constant([] as string[]) },
);

/** A cell's value: quotes undone. */
const unquoted = (written: string) =>
  written.startsWith('"') ? written.slice(1, -1).replaceAll('""', '"') : written;

describe('csvReader reads every record of a text with quotes at its true line number', () => {
  test.prop(
    [
      fc.array(record, { maxLength: 60 }),
      fc.boolean(),
      fc.boolean(),
      fc.array(fc.nat({ max: 3000 }), { maxLength: 8 }),
    ],
    { timeout: 2000 },
  )(
    'good rows read exactly, each bad record reported alone, never a hang',
    (records, cr, last, cuts) => {
      const end = cr ? '\r\n' : '\n';
      const written = records.map((cells) => cells.map((one) => one.replaceAll('\n', end)));
      const text =
        ['h1,h2,h3,h4', '"1",2,3,4', ...written.map((cells) => cells.join(','))].join(end) +
        (last ? end : '');
      const expected: unknown[] = [header, [2, null, '1', '2', '3', '4']];
      let at = 3;
      for (const cells of written) {
        const values = cells.map(unquoted);
        if (cells.length === 0 || (cells.length === 1 && cells[0] === '')) {
          at += 1;
          continue;
        }
        if (cells.length < 4) expected.push([at, fewer, ...values]);
        else if (cells.length > 4)
          expected.push([
            at,
            'Expected 4 fields, found more',
            ...values.slice(0, 3),
            cells.slice(3).join(','),
          ]);
        else expected.push([at, null, ...values]);
        at += 1 + cells.join(',').split(end).length - 1;
      }
      expect(sinkCalls(text, cuts)).toEqual(expected);
    },
  );
});
