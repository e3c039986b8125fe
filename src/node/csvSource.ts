import { initParser, type Schema } from 'udsv';

// CSV through uDSV, the fastest of the parsers measured (see docs/node.md): it hands each record
// over as an array of strings and allocates nothing else per row. uDSV does not number lines
// nor notice a record with too few or too many fields (it reads on into the next line), so this
// file adds both: lines are counted from the records (plus the line breaks inside quoted
// fields), and in text without quotes a field holding a line break or, in the last column, the
// delimiter is a record of the wrong length.

/** What the CSV reader calls: once with the header, then once per record. */
export interface CsvSink {
  /** The header's names; line is 1 (the header is one line). */
  header(names: string[]): void;
  /** A record, its first line, and a message when it is not the header's length. */
  row(cells: string[], line: number, ragged: string | null): void;
}

/** Splits the header line (quotes honoured, a line break inside a header name is not supported). */
export function splitHeader(line: string, delimiter: string): string[] {
  const names: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < line.length; index += 1) {
    const char = line[index] as string;
    if (quoted) {
      if (char === '"' && line[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"' && field.trim() === '') {
      quoted = true;
      field = '';
    } else if (char === delimiter) {
      names.push(field.trim());
      field = '';
    } else field += char;
  }
  names.push(field.trim());
  return names;
}

/** The longest text whose records are checked as a whole (see `clean` in {@link csvReader}). */
const WHOLE = 1 << 18;

function countBreaks(cells: string[]): number {
  let breaks = 0;
  for (const cell of cells) {
    // Most cells are short and many empty: no call for those.
    if (cell.length === 0) continue;
    let at = cell.indexOf('\n');
    while (at !== -1) {
      breaks += 1;
      at = cell.indexOf('\n', at + 1);
    }
  }
  return breaks;
}

/** Text in, records out: push chunks as they come, then end. */
export interface ChunkReader {
  push(chunk: string): void;
  end(): void;
}

/**
 * Reads CSV text chunks (any split) into the sink. A BOM is dropped; the line ending (LF or
 * CRLF) is the header's.
 */
export function csvReader(
  delimiter: string,
  sink: CsvSink,
  /** For a reader that starts after the header (a worker's share of a file): the header's names and line ending. */
  headed?: { readonly names: readonly string[]; readonly crlf: boolean },
  /** False: count line breaks cell by cell throughout (the reference the whole-text check is tested against). */
  wholeTexts = true,
): ChunkReader {
  let parser: ReturnType<typeof initParser> | null = null;
  let pending = '';
  let line = 2;
  let quotes = false;
  let lastQuotes = false;
  let width = 0;
  let rowDelimiter = '\n';
  // Line breaks inside cells, counted cell by cell (`countBreaks`), cost more than the rest of a
  // row's checks. A text without quotes is checked whole instead: uDSV ends a record at a line
  // break only, so when it makes as many records of the text as the text has line breaks, no
  // cell holds one. That needs uDSV to hold no unfinished text of its own (`clean`): true until
  // a text with quotes, a large one, or one whose records and line breaks differ, is read; then
  // cells are counted one by one for the rest of the input, as before.
  let clean = wholeTexts;
  let collected: string[][] | null = null;
  const onRow = (cells: string[]) => {
    if (collected !== null) collected.push(cells);
    else deliver(cells, countBreaks(cells));
  };
  const deliver = (cells: string[], breaks: number) => {
    const quoted = quotes || lastQuotes;
    const last = cells[width - 1] as string;
    let ragged: string | null = null;
    if (!quoted) {
      if (breaks > 0) ragged = `Expected ${width} fields, found fewer`;
      else if (last.length > 0 && last.includes(delimiter))
        ragged = `Expected ${width} fields, found more`;
    }
    // A CR left by a CRLF line in a file whose header ends in LF (compared by code: no call per row).
    if (rowDelimiter === '\n' && last.charCodeAt(last.length - 1) === 13)
      cells[width - 1] = last.slice(0, -1);
    sink.row(cells, line, ragged);
    line += 1 + breaks;
  };
  if (headed !== undefined) {
    width = headed.names.length;
    rowDelimiter = headed.crlf ? '\r\n' : '\n';
    sink.header([...headed.names]);
    parser = initParser(schemaOf([...headed.names], delimiter, rowDelimiter));
  }
  const push = (chunk: string): void => {
    if (parser === null) {
      pending += chunk;
      if (pending.charCodeAt(0) === 0xfeff) pending = pending.slice(1);
      const end = pending.indexOf('\n');
      if (end === -1) return;
      const crlf = pending.charCodeAt(end - 1) === 13;
      rowDelimiter = crlf ? '\r\n' : '\n';
      const names = splitHeader(pending.slice(0, crlf ? end - 1 : end), delimiter);
      width = names.length;
      sink.header(names);
      parser = initParser(schemaOf(names, delimiter, rowDelimiter));
      const rest = pending.slice(end + 1);
      pending = '';
      feed(rest);
      return;
    }
    feed(chunk);
  };
  // uDSV is given whole lines only: a chunk that ends right after an opening quote loses that
  // quote in uDSV 0.7.3, and a line end is also where a record usually ends.
  let carry = '';
  let fed = false;
  /** Parses whole lines holding `breaks` line breaks. */
  const parse = (text: string, breaks: number) => {
    fed = true;
    // A large text (a stream's big chunk) is read row by row: its records are not all held at once.
    if (!clean || quotes || lastQuotes || text.length > WHOLE) {
      clean = false;
      parser?.chunk<string[]>(text, parser.stringArrs, onRow as never);
      return;
    }
    const rows: string[][] = [];
    collected = rows;
    try {
      parser?.chunk<string[]>(text, parser.stringArrs, onRow as never);
    } finally {
      collected = null;
    }
    clean = rows.length === breaks;
    for (const cells of rows) deliver(cells, clean ? 0 : countBreaks(cells));
  };
  const give = (text: string) => {
    lastQuotes = quotes;
    quotes = text.includes('"');
    // uDSV 0.7.3 fills a short record at the end of a chunk with earlier fields (`1,2` under four
    // columns reads as `1,2,1,2`) instead of reading on: in text without quotes, such a last line
    // is reported here as a record with fewer fields.
    const start = quotes ? -1 : shortLastLine(text, delimiter, width);
    const breaks = clean && !quotes && !lastQuotes ? countOf(text, '\n') : 0;
    if (start === -1) {
      parse(text, breaks);
      return;
    }
    // The short last line's own break (the text may end without one).
    if (start > 0) parse(text.slice(0, start), breaks - (text.endsWith('\n') ? 1 : 0));
    const last = text.slice(start).replace(/\r?\n$/, '');
    sink.row(last.split(delimiter), line, `Expected ${width} fields, found fewer`);
    line += 1;
  };
  const feed = (chunk: string) => {
    const text = carry + chunk;
    const cut = text.lastIndexOf('\n');
    if (cut === -1) {
      carry = text;
      return;
    }
    carry = text.slice(cut + 1);
    give(cut === text.length - 1 ? text : text.slice(0, cut + 1));
  };
  const end = (): void => {
    if (parser === null) {
      // No line break at all: a header alone, or nothing.
      const text = pending.replace(/\r$/, '');
      if (text.trim() !== '') {
        const names = splitHeader(text, delimiter);
        sink.header(names);
      }
      return;
    }
    if (carry !== '') give(carry);
    carry = '';
    lastQuotes = quotes;
    if (fed) parser.end();
  };
  return { push, end };
}

/** How many times a character occurs in a text. */
function countOf(text: string, char: string): number {
  let found = 0;
  for (let at = text.indexOf(char); at !== -1; at = text.indexOf(char, at + 1)) found += 1;
  return found;
}

/** Where the last line of whole-line text starts, if it is a non-blank line of fewer than `width` fields; else -1. */
function shortLastLine(text: string, delimiter: string, width: number): number {
  let end = text.length;
  if (text.charCodeAt(end - 1) === 10) end -= 1;
  if (text.charCodeAt(end - 1) === 13) end -= 1;
  const start = text.lastIndexOf('\n', end - 1) + 1;
  if (start >= end) return -1;
  let fields = 1;
  for (
    let at = text.indexOf(delimiter, start);
    at !== -1 && at < end;
    at = text.indexOf(delimiter, at + 1)
  )
    fields += 1;
  return fields < width ? start : -1;
}

function schemaOf(names: string[], delimiter: string, row: string): Schema {
  return {
    col: delimiter,
    row,
    // Left undefined, uDSV looks for quotes in each chunk and takes its quote-free fast path when there are none.
    encl: undefined as unknown as string,
    esc: undefined as unknown as string,
    trim: false,
    cols: names.map((name) => ({
      name,
      type: 's',
      repl: { empty: undefined, null: undefined, NaN: undefined },
    })),
    skip: 0,
  } as Schema;
}
