import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseSpend, type SpendInput } from '../../economics/spend.js';
import { formatPath, isPipelineError } from '../../errors/PipelineError.js';
import { csvReader } from '../../node/csvSource.js';
import type { Pipeline } from '../../pipeline/types.js';
import { inputError, isNodeError } from '../errors.js';

/** The columns of a spend CSV: `stage` may be left out, or left empty on a line. */
export const spendColumns = ['program', 'start', 'end', 'amount', 'stage'] as const;
const requiredColumns = ['program', 'start', 'end', 'amount'] as const;

/** Where each CSV field of a spend line came from, to point an error at its line and column. */
interface CsvPlace {
  readonly line: number;
  /** 1-based column of each spend column in the header. */
  readonly columns: ReadonlyMap<string, number>;
}

/** Spend lines read from a file, with what is needed to explain an error in them. */
interface ReadSpend {
  readonly lines: SpendInput[];
  /** For a CSV: the line and columns of each spend line; null for JSON (errors give the JSON path). */
  readonly places: readonly CsvPlace[] | null;
}

/**
 * `--spend <file>`: spend lines from a CSV (`program,start,end,amount[,stage]`, one line per
 * spend line, read with the project's CSV reader on uDSV) or a JSON file (a list of
 * `{ program, period: { start, end }, amount, stage? }`), validated against the pipeline with
 * `parseSpend`. Any problem is an input error (exit code 1) in one line: the file, then the line
 * and column (CSV) or the JSON path of the first bad field, and what was expected.
 */
export async function readSpendFile(
  file: string,
  cwd: string,
  pipeline: Pipeline,
): Promise<readonly SpendInput[]> {
  let text: string;
  try {
    text = await readFile(resolve(cwd, file), 'utf8');
  } catch (error) {
    if (isNodeError(error) && error.code === 'ENOENT')
      throw inputError(`--spend ${file}: no such file`, error);
    if (isNodeError(error) && error.code === 'EISDIR')
      throw inputError(`--spend ${file}: is a folder, expected a CSV or JSON file`, error);
    throw inputError(`--spend ${file}: ${(error as Error).message}`, error);
  }
  const read = /\.json$/i.test(file) ? readJson(file, text) : readCsv(file, text);
  try {
    parseSpend(pipeline, read.lines, '--spend');
  } catch (error) {
    if (!isPipelineError(error)) throw error;
    const [first, ...rest] = error.issues;
    const more = rest.length > 0 ? ` (and ${rest.length} more)` : '';
    const [index, ...field] = first.path;
    const place = typeof index === 'number' ? read.places?.[index] : undefined;
    let where: string;
    if (place) {
      // period.start and period.end are the CSV's start and end columns.
      const name = String(field[0] === 'period' ? (field[1] ?? 'start') : (field[0] ?? 'program'));
      const column = place.columns.get(name);
      where =
        column === undefined
          ? `${file}:${place.line}`
          : `${file}:${place.line}:${column} (column "${name}")`;
    } else {
      where = `${file}: at ${formatPath(first.path) || 'the top'}`;
    }
    throw inputError(`${where}: ${first.message}${more}`, error);
  }
  return read.lines;
}

function readJson(file: string, text: string): ReadSpend {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw inputError(
      `${file}: not valid JSON (${(error as Error).message}); expected a list of spend lines`,
      error,
    );
  }
  if (!Array.isArray(value)) {
    throw inputError(
      `${file}: expected a JSON list of spend lines ({ "program", "period": { "start", "end" }, "amount", "stage"? }), received ${value === null ? 'null' : typeof value}`,
    );
  }
  return { lines: value as SpendInput[], places: null };
}

function readCsv(file: string, text: string): ReadSpend {
  const delimiter = /\.tsv$/i.test(file) ? '\t' : ',';
  let names: string[] = [];
  const columns = new Map<string, number>();
  const lines: SpendInput[] = [];
  const places: CsvPlace[] = [];
  let problem: string | null = null;
  const reader = csvReader(delimiter, {
    header(header) {
      names = header;
      header.forEach((name, index) => {
        if (!columns.has(name)) columns.set(name, index + 1);
      });
    },
    row(cells, line, ragged) {
      if (problem !== null) return;
      // A blank line (often the last one) is no spend line.
      if (cells.length <= 1 && (cells[0] ?? '').trim() === '') return;
      if (ragged !== null) {
        problem = `${file}:${line}: ${ragged}`;
        return;
      }
      const cell = (name: string) => {
        const column = columns.get(name);
        return column === undefined ? undefined : (cells[column - 1] ?? '').trim();
      };
      const stage = cell('stage');
      lines.push({
        program: cell('program') ?? '',
        period: { start: cell('start') ?? '', end: cell('end') ?? '' },
        amount: cell('amount') ?? '',
        ...(stage === undefined || stage === '' ? {} : { stage }),
      });
      places.push({ line, columns });
    },
  });
  reader.push(text);
  reader.end();
  const present = names.map((name) => `"${name}"`).join(', ');
  const missing = requiredColumns.filter((name) => !columns.has(name));
  if (names.length === 0 || missing.length > 0) {
    throw inputError(
      `${file}: the header lacks the column${missing.length === 1 ? '' : 's'} ${missing.map((name) => `"${name}"`).join(', ')}; it has ${present || 'nothing'} (expected ${spendColumns.join(',')}, stage optional)`,
    );
  }
  const unknown = names.filter((name) => !(spendColumns as readonly string[]).includes(name));
  if (unknown.length > 0) {
    throw inputError(
      `${file}: unknown column${unknown.length === 1 ? '' : 's'} ${unknown.map((name) => `"${name}"`).join(', ')}; a spend CSV has the columns ${spendColumns.join(', ')} (stage optional)`,
    );
  }
  if (problem !== null) throw inputError(problem);
  return { lines, places };
}
