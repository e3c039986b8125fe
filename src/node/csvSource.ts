import { initParser, type Schema } from 'udsv';

// CSV through uDSV, the fastest of the parsers measured (see docs/node.md): it hands each record
// over as an array of strings and allocates nothing else per row. uDSV does not number lines
// nor notice a record with too few or too many fields (it reads on into the next line), so this
// file adds both: lines are counted from the records (plus the line breaks inside quoted
// fields), and in text without quotes a field holding a line break or, in the last column, the
// delimiter is a record of the wrong length. Text with quotes is scanned record by record first
// (`scanRecord`: fields counted, no cell built): uDSV is given only runs of records of the
// header's length, and the others are reported here.

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

/**
 * The cells of one record (quotes honoured, doubled quotes undone, nothing trimmed); the
 * `max`-th cell is the raw rest of the record (as uDSV leaves the fields past the last column).
 */
export function splitRecord(record: string, delimiter: string, max: number): string[] {
  const cells: string[] = [];
  let at = 0;
  while (cells.length < max - 1) {
    let cell = '';
    if (record.charCodeAt(at) === QUOTE) {
      let from = at + 1;
      at = record.length;
      for (let close = record.indexOf('"', from); close !== -1; close = record.indexOf('"', from)) {
        cell += record.slice(from, close);
        if (record.charCodeAt(close + 1) !== QUOTE) {
          at = close + 1;
          from = -1;
          break;
        }
        cell += '"';
        from = close + 2;
      }
      // An unclosed quote: the cell runs to the end of the record.
      if (from !== -1) cell += record.slice(from);
    }
    const next = record.indexOf(delimiter, at);
    cells.push(cell + record.slice(at, next === -1 ? record.length : next));
    if (next === -1) return cells;
    at = next + 1;
  }
  cells.push(record.slice(at));
  return cells;
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** One record as `scanRecord` finds it. */
interface RecordScan {
  /** Its fields (a blank record has one). */
  fields: number;
  /** Line breaks inside its quoted fields. */
  breaks: number;
  /** Where its text ends: its line break, or the end of the text. */
  end: number;
  /** The text ended inside a quoted field. */
  open: boolean;
}

/**
 * Scans the record of CSV text that starts at `start`: counts its fields and the line breaks
 * inside its quoted fields, and finds its end. A quote opens a quoted field only at the start of
 * a field (elsewhere it is text, as a delimiter or line break inside a quoted field is).
 */
function scanRecord(text: string, start: number, delimiter: number, scan: RecordScan): void {
  let fields = 1;
  let breaks = 0;
  let fieldStart = true;
  scan.open = false;
  for (let at = start; at < text.length; at += 1) {
    const code = text.charCodeAt(at);
    if (code === QUOTE && fieldStart) {
      let close = text.indexOf('"', at + 1);
      while (close !== -1 && text.charCodeAt(close + 1) === QUOTE)
        close = text.indexOf('"', close + 2);
      const stop = close === -1 ? text.length : close;
      for (
        let lf = text.indexOf('\n', at + 1);
        lf !== -1 && lf < stop;
        lf = text.indexOf('\n', lf + 1)
      )
        breaks += 1;
      if (close === -1) {
        scan.open = true;
        break;
      }
      at = close;
      fieldStart = false;
    } else if (code === delimiter) {
      fields += 1;
      fieldStart = true;
    } else if (code === LF) {
      scan.fields = fields;
      scan.breaks = breaks;
      scan.end = at;
      return;
    } else fieldStart = false;
  }
  scan.fields = fields;
  scan.breaks = breaks;
  scan.end = text.length;
}

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
  /** False: count line breaks cell by cell throughout (the reference the line-by-line check is tested against). */
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
  // row's checks: a text without quotes is checked line by line instead (`giveLines`), so that
  // each record uDSV makes of it is one line and no cell holds a line break.
  let oneLine = false;
  // Rows uDSV may still make at the end: more than the line breaks it was given, plus one, is
  // uDSV 0.7.3 restarting a short last record from its start forever (it reads the text again).
  let given = 1;
  let ending = false;
  let ended = 0;
  // Text with quotes scanned before uDSV reads it (`giveRecords`): every record uDSV makes of it
  // is of the header's length, and its line breaks were counted (in order, read from `breaksAt`).
  let scanned = false;
  const breaksOf: number[] = [];
  let breaksAt = 0;
  const onRow = (cells: string[]): boolean => {
    if (ending && ++ended > given) return false;
    if (scanned) {
      const breaks = breaksOf[breaksAt++] as number;
      if (breaksAt === breaksOf.length) {
        breaksOf.length = 0;
        breaksAt = 0;
      }
      deliver(cells, wholeTexts ? breaks : countBreaks(cells), true);
    } else deliver(cells, oneLine && wholeTexts ? 0 : countBreaks(cells), quotes || lastQuotes);
    return true;
  };
  const deliver = (cells: string[], breaks: number, unchecked: boolean) => {
    const last = cells[width - 1] as string;
    let ragged: string | null = null;
    if (!unchecked) {
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
  /** Parses whole lines; `single`: each is a record of one line. */
  const parse = (text: string, single: boolean, checked = false) => {
    if (text.length === 0) return;
    fed = true;
    oneLine = single;
    scanned = checked;
    if (!single) given += countOf(text, '\n');
    parser?.chunk<string[]>(text, parser.stringArrs, onRow as never);
  };
  /** Reports a line (without quotes) of fewer fields than the header's, or of more (`long`). */
  const reportLine = (text: string, start: number, end: number, long: boolean) => {
    let cells = text.slice(start, end).split(delimiter);
    // Too many: the header's fields, the last holding the rest of the line (as uDSV gives it).
    if (long) cells = [...cells.slice(0, width - 1), cells.slice(width - 1).join(delimiter)];
    const last = cells.length - 1;
    if ((cells[last] as string).charCodeAt((cells[last] as string).length - 1) === 13)
      cells[last] = (cells[last] as string).slice(0, -1);
    sink.row(cells, line, `Expected ${width} fields, found ${long ? 'more' : 'fewer'}`);
    line += 1;
  };
  /**
   * Text without quotes, after text without quotes (uDSV holds nothing unfinished): each record
   * is a line. uDSV 0.7.3 mishandles a line of fewer fields than the header (it reads on into
   * the next line, fills it with earlier fields, or at the end of the input loops forever) and
   * skips a blank line without a word: both are dealt with here, line by line (delimiters
   * counted, nothing allocated for a good line), and the runs of other lines go to uDSV.
   */
  const giveLines = (text: string) => {
    const crlf = rowDelimiter === '\r\n';
    const enough = width - 1;
    // After a piece with quotes, rows uDSV makes are not checked for too many fields (the first
    // may be the quoted piece's last, whose last cell may hold a delimiter): so a line of too many
    // is found here, by counting one delimiter more.
    const limit = lastQuotes ? width : enough;
    let run = 0;
    let start = 0;
    while (start < text.length) {
      let end = text.indexOf('\n', start);
      if (end === -1) end = text.length;
      // A line without its CR in a CRLF text is not a record end for uDSV: the rest is uDSV's.
      if (crlf && end < text.length && text.charCodeAt(end - 1) !== 13) {
        unfinished = true;
        parse(text.slice(run, start), true);
        parse(text.slice(start), false);
        return;
      }
      const stop = text.charCodeAt(end - 1) === 13 && end > start ? end - 1 : end;
      let fields = 0;
      for (
        let at = text.indexOf(delimiter, start);
        at !== -1 && at < stop && fields < limit;
        at = text.indexOf(delimiter, at + 1)
      )
        fields += 1;
      if (fields !== enough) {
        parse(text.slice(run, start), true);
        // A blank line is skipped, but counted.
        if (stop === start) line += 1;
        else reportLine(text, start, stop, fields > enough);
        run = end + 1;
      }
      start = end + 1;
    }
    if (run === 0) parse(text, true);
    else if (run < text.length) parse(text.slice(run), true);
  };
  // uDSV may hold an unfinished record (a line without its CR in a CRLF text, given as is):
  // then text with quotes is given to uDSV as is too.
  let unfinished = false;
  // The start of a record whose quoted field goes on in the next piece.
  let open = '';
  const scan: RecordScan = { fields: 0, breaks: 0, end: 0, open: false };
  /** Reports a record uDSV is not given (too few or too many fields, an unclosed quote, a line without its CR in a CRLF text). */
  const reportRecord = (text: string, start: number) => {
    const stop = text.charCodeAt(scan.end - 1) === CR && scan.end > start ? scan.end - 1 : scan.end;
    const cells = splitRecord(
      text.slice(start, stop),
      delimiter,
      scan.fields > width ? width : Number.POSITIVE_INFINITY,
    );
    let ragged: string | null = null;
    if (scan.open) ragged = 'Unclosed quote: the record runs to the end of the input';
    else if (scan.fields < width) ragged = `Expected ${width} fields, found fewer`;
    else if (scan.fields > width) ragged = `Expected ${width} fields, found more`;
    sink.row(cells, line, ragged);
  };
  /**
   * Text with quotes (or after a record left open by one): uDSV 0.7.3 reads a record of too few
   * fields on into the next line or fills it with earlier fields, mangles one of too many, and
   * skips a blank line without a word. Each record is scanned here (quotes honoured, fields
   * counted, no cell built); runs of records of the header's length go to uDSV, the others are
   * reported here. `last`: the text ends the input (else a record still inside a quoted field at
   * its end is kept for the next piece).
   */
  const giveRecords = (text: string, last: boolean) => {
    const crlf = rowDelimiter === '\r\n';
    const code = delimiter.charCodeAt(0);
    let run = 0;
    let start = 0;
    while (start < text.length) {
      scanRecord(text, start, code, scan);
      if (scan.open && !last) {
        parse(text.slice(run, start), false, true);
        open = text.slice(start);
        return;
      }
      const cr = text.charCodeAt(scan.end - 1) === CR && scan.end > start;
      const blank = scan.fields === 1 && scan.end - (cr ? 1 : 0) === start && !scan.open;
      // In a CRLF text uDSV ends no record at a line without its CR.
      const good = scan.fields === width && !scan.open && (!crlf || cr || scan.end === text.length);
      if (good && !blank) breaksOf.push(scan.breaks);
      else {
        parse(text.slice(run, start), false, true);
        if (!blank) reportRecord(text, start);
        line += 1 + scan.breaks;
        run = scan.end + 1;
      }
      start = scan.end + 1;
    }
    if (run === 0) parse(text, false, true);
    else if (run < text.length) parse(text.slice(run), false, true);
  };
  const give = (text: string, last: boolean) => {
    lastQuotes = quotes;
    quotes = text.includes('"');
    if (unfinished && (quotes || lastQuotes)) parse(text, false);
    else if (quotes || open !== '') {
      const whole = open + text;
      open = '';
      giveRecords(whole, last);
    } else giveLines(text);
  };
  const feed = (chunk: string) => {
    const text = carry + chunk;
    const cut = text.lastIndexOf('\n');
    if (cut === -1) {
      carry = text;
      return;
    }
    carry = text.slice(cut + 1);
    give(cut === text.length - 1 ? text : text.slice(0, cut + 1), false);
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
    if (carry !== '' || open !== '') give(carry, true);
    carry = '';
    lastQuotes = quotes;
    ending = true;
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
